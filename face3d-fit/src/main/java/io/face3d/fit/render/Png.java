package io.face3d.fit.render;

import io.face3d.core.image.RgbImage;
import io.face3d.core.Face3dException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** PNG writing and reading of {@link RgbImage} through javax.imageio (face3d-vision's Images is out of reach here). */
public final class Png {
    private Png() {
    }

    public static void write(RgbImage image, Path file) {
        int w = image.width(), h = image.height();
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        byte[] px = image.rgb();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                row[x] = (px[i] & 0xff) << 16 | (px[i + 1] & 0xff) << 8 | (px[i + 2] & 0xff);
            }
            b.setRGB(0, y, w, 1, row, 0, w);
        }
        io.face3d.core.io.AtomicFiles.writePng(b, file);
    }

    public static RgbImage read(Path file) {
        BufferedImage b;
        try {
            b = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new Face3dException("cannot read image " + file + " (" + e.getMessage() + "): give a PNG or JPEG file");
        }
        if (b == null) {
            throw new Face3dException("cannot decode image " + file + ": give a PNG or JPEG file");
        }
        int w = b.getWidth(), h = b.getHeight();
        byte[] px = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            b.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                px[i] = (byte) (row[x] >> 16);
                px[i + 1] = (byte) (row[x] >> 8);
                px[i + 2] = (byte) row[x];
            }
        }
        return new RgbImage(w, h, px);
    }
}
