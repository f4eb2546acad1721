package io.face3d.api.video;

import io.face3d.core.Face3dException;
import io.face3d.core.image.RgbImage;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a clip's frames in order as RGB images, decoded by FFmpeg (bytedeco's build through javacv's
 * {@link FFmpegFrameGrabber}; why this route: docs/decisions/video-decoding.md). Every container and codec that
 * FFmpeg build reads is accepted (MP4 / MOV / MKV / WebM / AVI with H.264, HEVC, VP8/9, AV1, MPEG-4 ...). Errors a
 * user can fix are one-line {@link Face3dException}s naming the file. Not thread-safe: one reader per thread.
 */
public final class VideoReader implements AutoCloseable {
    static {
        // FFmpeg's own log goes to stderr; a user sees our one-line errors instead.
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private final Path path;
    private final FFmpegFrameGrabber grabber;
    private final int width;
    private final int height;
    private final double frameRate;
    private int index;

    private VideoReader(Path path, FFmpegFrameGrabber grabber) {
        this.path = path;
        this.grabber = grabber;
        this.width = grabber.getImageWidth();
        this.height = grabber.getImageHeight();
        double fps = grabber.getFrameRate();
        this.frameRate = fps > 0 && Double.isFinite(fps) && fps < 1000 ? fps : 25;
    }

    /**
     * Opens a clip.
     *
     * @throws Face3dException when the file is missing, unreadable, not a video FFmpeg can decode, or has no picture
     */
    public static VideoReader open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new Face3dException("no such video file: " + path + ": give the path of a clip (MP4, MOV, MKV, WebM)");
        }
        if (!Files.isReadable(path)) {
            throw new Face3dException("cannot read " + path + ": check its permissions");
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(path.toFile());
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            release(g);
            throw new Face3dException(path + " is not a video FFmpeg can read (corrupt, truncated or an unsupported "
                + "format): give an MP4, MOV, MKV or WebM clip, or re-encode it with ffmpeg -i IN -c:v libx264 OUT.mp4");
        }
        if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0 || !g.hasVideo()) {
            release(g);
            throw new Face3dException(path + " has no video stream: give a clip with pictures (not an audio file)");
        }
        return new VideoReader(path, g);
    }

    private static void release(FFmpegFrameGrabber g) {
        try {
            g.release();
        } catch (Exception ignored) {
            // nothing more to free
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Frames per second as the container states it (25 when it states none). */
    public double frameRate() {
        return frameRate;
    }

    /** The container's frame count, or 0 when it does not say (an estimate: some containers round it). */
    public int frameCountEstimate() {
        return Math.max(0, grabber.getLengthInVideoFrames());
    }

    /** Index of the next frame {@link #next()} returns. */
    public int index() {
        return index;
    }

    /**
     * The next frame, or null at the end of the clip.
     *
     * @throws Face3dException when the stream is damaged past the frames already read
     */
    public RgbImage next() {
        Frame f;
        try {
            f = grabber.grabImage();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new Face3dException(path + " is damaged after frame " + index + ": re-encode it with ffmpeg -i IN "
                + "-c:v libx264 OUT.mp4, or cut the clip before the damage");
        }
        if (f == null || f.image == null) {
            return null;
        }
        int w = f.imageWidth, h = f.imageHeight, stride = f.imageStride;
        ByteBuffer b = (ByteBuffer) f.image[0];
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            b.position(y * stride);
            b.get(rgb, 3 * w * y, 3 * w);
        }
        index++;
        return new RgbImage(w, h, rgb);
    }

    /**
     * The frames of a clip at the given indices (one pass over the clip up to the last of them).
     *
     * @throws Face3dException when the clip cannot be read or ends before an index
     */
    public static java.util.Map<Integer, RgbImage> frames(Path path, int[] indices) {
        java.util.Set<Integer> wanted = new java.util.TreeSet<>();
        for (int i : indices) {
            wanted.add(i);
        }
        java.util.Map<Integer, RgbImage> out = new java.util.LinkedHashMap<>();
        int last = wanted.isEmpty() ? -1 : ((java.util.TreeSet<Integer>) wanted).last();
        try (VideoReader in = open(path)) {
            while (in.index() <= last) {
                int i = in.index();
                RgbImage f = in.next();
                if (f == null) {
                    throw new Face3dException(path + " ended at frame " + i + " before frame " + last
                        + " it had when first read: the file changed, read it again");
                }
                if (wanted.contains(i)) {
                    out.put(i, f);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            grabber.stop();
            grabber.release();
        } catch (FFmpegFrameGrabber.Exception e) {
            // the frames were read; freeing the decoder cannot fail in a way the user can act on
        }
    }
}
