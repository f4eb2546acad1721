package io.face3d.core.image;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * PNG and JPEG through OpenCV's codecs (libpng, libjpeg-turbo): decoding costs 0.3-0.5 and PNG writing about 0.2
 * of the JDK ImageIO's CPU on the same files (`face3d bench speed`, docs/decisions/speed-profile.md). Each call
 * runs on the calling thread. When the native libraries cannot be loaded the codec says so once
 * ({@link #available()} false) and {@link Images} keeps to ImageIO.
 */
final class OpenCvCodec {
    /**
     * zlib level 1 with its run-length strategy and the "up" filter on every row: on a 512 x 512 photo 0.21 of
     * ImageIO's CPU and 30% smaller files, on a mostly black 1024 x 1024 texture 0.17 and 28% smaller (libpng's
     * default adaptive filter search with full LZ77 costs 2.5x as much for 5% less size).
     */
    private static final int[] PNG_PARAMS = {opencv_imgcodecs.IMWRITE_PNG_COMPRESSION, 1,
        opencv_imgcodecs.IMWRITE_PNG_STRATEGY, opencv_imgcodecs.IMWRITE_PNG_STRATEGY_RLE,
        opencv_imgcodecs.IMWRITE_PNG_FILTER, opencv_imgcodecs.IMWRITE_PNG_FILTER_UP};

    private static final boolean AVAILABLE = load();

    private OpenCvCodec() {
    }

    private static boolean load() {
        try {
            org.bytedeco.javacpp.Loader.load(opencv_imgcodecs.class);
            org.bytedeco.javacpp.Loader.load(opencv_imgproc.class);
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    static boolean available() {
        return AVAILABLE;
    }

    /**
     * The file's pixels as RGB, or null when the decoder refuses the data or does not give the {@code width} x
     * {@code height} 8-bit image its header promised (the caller then asks ImageIO, which names the damage).
     * EXIF orientation is not applied here (see {@link ExifOrientation}).
     */
    static RgbImage decodeRgb(byte[] file, int width, int height) {
        try (BytePointer in = new BytePointer(file);
             Mat buf = new Mat(1, file.length, opencv_core.CV_8U, in);
             Mat m = opencv_imgcodecs.imdecode(buf, opencv_imgcodecs.IMREAD_COLOR_RGB
                 | opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION)) {
            if (m.empty() || m.cols() != width || m.rows() != height || m.type() != opencv_core.CV_8UC3
                || !m.isContinuous()) {
                return null;
            }
            byte[] rgb = new byte[Math.multiplyExact(3, Math.multiplyExact(width, height))];
            m.data().get(rgb);
            return new RgbImage(width, height, rgb);
        }
    }

    /** The image as PNG bytes (8-bit RGB). */
    static byte[] png(RgbImage image) {
        try (BytePointer px = new BytePointer(image.rgb());
             Mat rgb = new Mat(image.height(), image.width(), opencv_core.CV_8UC3, px)) {
            return png(rgb, opencv_imgproc.COLOR_RGB2BGR);
        }
    }

    /**
     * {@code 0x00RRGGBB} pixels (a {@code TYPE_INT_RGB} raster: B, G, R, 0 in memory on little-endian x86 and ARM)
     * as PNG bytes, without the per-pixel unpacking into RGB bytes first.
     */
    static byte[] pngOfIntRgb(int[] pixels, int width, int height) {
        if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
            byte[] rgb = new byte[3 * pixels.length];
            for (int i = 0, o = 0; i < pixels.length; i++, o += 3) {
                rgb[o] = (byte) (pixels[i] >> 16);
                rgb[o + 1] = (byte) (pixels[i] >> 8);
                rgb[o + 2] = (byte) pixels[i];
            }
            return png(new RgbImage(width, height, rgb));
        }
        try (IntPointer px = new IntPointer(pixels);
             Mat bgra = new Mat(height, width, opencv_core.CV_8UC4, px)) {
            return png(bgra, opencv_imgproc.COLOR_BGRA2BGR);
        }
    }

    private static byte[] png(Mat pixels, int toBgr) {
        try (Mat bgr = new Mat();
             BytePointer out = new BytePointer();
             IntPointer params = new IntPointer(PNG_PARAMS)) {
            opencv_imgproc.cvtColor(pixels, bgr, toBgr);
            if (!opencv_imgcodecs.imencode(".png", bgr, out, params)) {
                throw new IllegalStateException("OpenCV's PNG encoder refused a " + pixels.cols() + "x"
                    + pixels.rows() + " image");
            }
            byte[] bytes = new byte[Math.toIntExact(out.limit())];
            out.get(bytes);
            return bytes;
        }
    }
}
