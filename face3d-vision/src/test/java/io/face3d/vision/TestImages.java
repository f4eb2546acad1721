package io.face3d.vision;

import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;

/** Test photos (see src/test/resources/README.md) and synthetic images. */
public final class TestImages {
    private TestImages() {
    }

    public static RgbImage resource(String file) {
        try (InputStream in = TestImages.class.getResourceAsStream("/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + file);
            }
            return Images.fromBufferedImage(javax.imageio.ImageIO.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code src} pasted with its top-left corner at (x, y) on a w x h canvas of grey {@code fill}. */
    public static RgbImage paste(RgbImage src, int w, int h, int x, int y, int fill) {
        byte[] out = new byte[3 * w * h];
        java.util.Arrays.fill(out, (byte) fill);
        for (int j = 0; j < src.height(); j++) {
            int ty = y + j;
            if (ty < 0 || ty >= h) {
                continue;
            }
            for (int i = 0; i < src.width(); i++) {
                int tx = x + i;
                if (tx >= 0 && tx < w) {
                    System.arraycopy(src.rgb(), 3 * (j * src.width() + i), out, 3 * (ty * w + tx), 3);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    public static RgbImage uniform(int w, int h, int value) {
        byte[] b = new byte[Math.multiplyExact(3, Math.multiplyExact(w, h))];
        java.util.Arrays.fill(b, (byte) value);
        return new RgbImage(w, h, b);
    }

    public static RgbImage noise(int w, int h, long seed) {
        byte[] b = new byte[3 * w * h];
        new Random(seed).nextBytes(b);
        return new RgbImage(w, h, b);
    }
}
