package io.face3d.clinic.synthetic;

import io.face3d.core.image.RgbImage;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Encodes RGB frames into an MP4 with FFmpeg (javacv's {@link FFmpegFrameRecorder}, the same FFmpeg build that
 * decodes clips): MPEG-4 Part 2 at a fixed high quality, YUV 4:2:0 as cameras record, so a synthetic clip goes through
 * the chroma subsampling and block compression a phone clip does. MPEG-4 Part 2 because FFmpeg has its encoder built
 * in (the LGPL build has no x264).
 */
public final class ClipWriter implements AutoCloseable {
    private final FFmpegFrameRecorder recorder;
    private final int width;
    private final int height;

    /** @param quality FFmpeg's qscale, 1 (best) to 31 */
    public ClipWriter(Path file, int width, int height, double frameRate, int quality) {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        this.width = width;
        this.height = height;
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(frameRate);
        recorder.setVideoQuality(quality);
        recorder.setGopSize((int) Math.round(frameRate));
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg cannot encode " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(RgbImage image) {
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("frames must be " + width + "x" + height);
        }
        Frame f = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer b = (ByteBuffer) f.image[0];
        for (int y = 0; y < height; y++) {
            b.position(y * f.imageStride);
            b.put(image.rgb(), 3 * width * y, 3 * width);
        }
        b.position(0);
        try {
            recorder.record(f, avutil.AV_PIX_FMT_RGB24);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg failed to encode a frame: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            recorder.stop();
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg failed to finish the clip: " + e.getMessage(), e);
        }
    }
}
