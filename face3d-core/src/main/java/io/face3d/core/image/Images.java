package io.face3d.core.image;

import io.face3d.core.Face3dException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading and writing images (PNG and JPEG in, PNG out) with the JDK's ImageIO: it is always there, reads both
 * formats, and needs no native library. JPEGs are turned upright by their EXIF orientation
 * ({@link ExifOrientation}). Every failure a user can cause becomes a one-line
 * {@link Face3dException}.
 */
public final class Images {
    /** Larger images are refused before decoding, to fail clearly instead of running out of memory. */
    public static final long MAX_PIXELS = 100_000_000L;

    private Images() {
    }

    public static RgbImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Face3dException("image " + file + " does not exist: check the path");
        }
        BufferedImage img;
        int orientation;
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw new Face3dException("file " + file + " is not a PNG or JPEG image: give a photo");
            }
            var reader = readers.next();
            try {
                reader.setInput(in);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new Face3dException("image " + file + " has " + reader.getWidth(0) + "x" + reader.getHeight(0)
                        + " pixels, more than " + MAX_PIXELS / 1_000_000 + " megapixels: downscale it first");
                }
                // ImageIO decodes a truncated JPEG without an exception (the missing rows come out grey) and
                // only warns; a photo with invented rows would give wrong landmarks, so a warning is an error here
                String[] warning = new String[1];
                reader.addIIOReadWarningListener((source, message) -> warning[0] = message);
                img = reader.read(0);
                if (warning[0] != null) {
                    throw new Face3dException("image " + file + " is damaged (" + warning[0]
                        + "): the file is truncated or corrupt, re-export it as PNG or JPEG");
                }
                orientation = orientation(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Face3dException fe) {
                throw fe;
            }
            throw new Face3dException("cannot decode image " + file + " (" + e.getMessage()
                + "): the file is truncated or corrupt, re-export it as PNG or JPEG");
        }
        return ExifOrientation.upright(fromBufferedImage(img), orientation);
    }

    /**
     * The EXIF orientation (1 = upright), or upright when the metadata cannot be parsed: some cameras write EXIF that ImageIO's
     * metadata reader rejects ("Inconsistent metadata") although the pixels decode fine, and a photo must not be
     * refused for its metadata.
     */
    private static int orientation(javax.imageio.ImageReader reader) {
        try {
            return ExifOrientation.of(reader.getImageMetadata(0));
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    public static RgbImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        byte[] rgb = new byte[3 * w * h];
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would pass 8-bit grey through the linear-grey colour space and brighten it (a grey of 128
            // comes back as 188); the stored samples are what every other decoder (libpng, dlib, OpenCV) gives.
            var raster = img.getRaster();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0, o = 3 * y * w; x < w; x++, o += 3) {
                    rgb[o] = rgb[o + 1] = rgb[o + 2] = (byte) row[x];
                }
            }
            return new RgbImage(w, h, rgb);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, o = 3 * y * w; x < w; x++, o += 3) {
                int p = row[x];
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    public static BufferedImage toBufferedImage(RgbImage image) {
        int w = image.width(), h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        byte[] rgb = image.rgb();
        for (int y = 0; y < h; y++) {
            for (int x = 0, o = 3 * y * w; x < w; x++, o += 3) {
                row[x] = (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Writes a PNG through a temporary file and a rename, so a failed write leaves nothing behind. */
    public static void writePng(RgbImage image, Path file) {
        writePng(toBufferedImage(image), file);
    }

    /** Writes a PNG through a temporary file and a rename, so a failed write leaves nothing behind. */
    public static void writePng(BufferedImage image, Path file) {
        io.face3d.core.io.AtomicFiles.writePng(image, file);
    }
}
