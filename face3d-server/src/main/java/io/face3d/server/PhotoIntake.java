package io.face3d.server;

import io.face3d.core.Face3dException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * What an upload must be before it is stored: a PNG or JPEG by its first bytes (never by its name or declared
 * type), at most {@code maxPixels} pixels (read from the header, before decoding) and {@code minSide} pixels on
 * its shorter side.
 */
final class PhotoIntake {
    /** The upload's type and size once accepted. */
    record Accepted(String mediaType, int width, int height) {
    }

    private final long maxPixels;
    private final int minSide;

    PhotoIntake(long maxPixels, int minSide) {
        this.maxPixels = maxPixels;
        this.minSide = minSide;
    }

    Accepted accept(byte[] b) {
        String type = sniff(b);
        if (type == null) {
            throw new Face3dException("the file is not a PNG or JPEG photo: take or choose a photo (PNG or JPEG)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Face3dException("the photo cannot be read: export it again as PNG or JPEG");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                int w = r.getWidth(0), h = r.getHeight(0);
                if ((long) w * h > maxPixels) {
                    throw new Face3dException("the photo has " + w + "x" + h + " pixels, more than "
                        + maxPixels / 1_000_000 + " megapixels: take it at a lower resolution");
                }
                if (Math.min(w, h) < minSide) {
                    throw new Face3dException("the photo is only " + w + "x" + h + " pixels: take one at least "
                        + minSide + " pixels on each side");
                }
                return new Accepted(type, w, h);
            } finally {
                r.dispose();
            }
        } catch (IOException e) {
            throw new Face3dException("the photo cannot be read (" + e.getMessage() + "): export it again as PNG or JPEG");
        }
    }

    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 255) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
            && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 255) == 0xFF && (b[1] & 255) == 0xD8 && (b[2] & 255) == 0xFF) {
            return "image/jpeg";
        }
        return null;
    }
}
