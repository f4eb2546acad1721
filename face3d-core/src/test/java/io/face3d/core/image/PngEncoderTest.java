package io.face3d.core.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PngEncoder}: what ImageIO and OpenCV decode from its files is the pixels given, for every kind of content. */
class PngEncoderTest {
    @TempDir
    Path dir;

    private static BufferedImage noise(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(seed);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextInt() & 0xffffff;
        }
        return img;
    }

    /** Flat areas (long runs, runs across rows and blocks), gradients, anti-aliased lines: what an overlay holds. */
    private static BufferedImage drawing(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, w, h);
        Random rnd = new Random(seed);
        for (int y = 0; y < h / 2; y++) {
            for (int x = 0; x < w / 2; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | rnd.nextInt(8));
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0, 230, 255, 45));
        for (int k = 0; k < 300; k++) {
            g.drawLine(rnd.nextInt(w), rnd.nextInt(h), rnd.nextInt(w), rnd.nextInt(h));
        }
        g.dispose();
        return img;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        int[] a = expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth());
        int[] b = actual.getRGB(0, 0, actual.getWidth(), actual.getHeight(), null, 0, actual.getWidth());
        assertArrayEquals(a, b);
    }

    private static byte[] encode(BufferedImage img) {
        return PngEncoder.intRgb(((DataBufferInt) img.getRaster().getDataBuffer()).getData(), img.getWidth(),
            img.getHeight());
    }

    @Test
    void imageIoDecodesThePixelsGiven() throws IOException {
        BufferedImage[] images = {noise(1, 1, 1), noise(3, 2, 2), noise(1, 300, 3), noise(257, 1, 4),
            noise(200, 150, 5), drawing(640, 640, 6), drawing(331, 517, 7), new BufferedImage(500, 400,
            BufferedImage.TYPE_INT_RGB)};
        for (BufferedImage img : images) {
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(encode(img)));
            assertSamePixels(img, back);
        }
    }

    /** The top byte of a TYPE_INT_RGB pixel is not part of it: set or not, the file is the same. */
    @Test
    void ignoresTheUnusedTopByte() {
        BufferedImage img = noise(64, 48, 8);
        byte[] clean = encode(img);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] |= 0xff000000;
        }
        assertArrayEquals(clean, encode(img));
    }

    /** Through {@link Images#writePng} and back through face3d's own reader (its chunk and CRC checks included). */
    @Test
    void writePngReadsBackThroughImagesRead() {
        BufferedImage img = drawing(640, 480, 9);
        Path file = dir.resolve("o.png");
        Images.writePng(img, file);
        assertSamePixels(img, Images.toBufferedImage(Images.read(file)));
    }

    /** About the size of zlib's level-1 RLE for an overlay-like picture, far below the raw pixels. */
    @Test
    void compressesFlatAreas() throws IOException {
        BufferedImage img = drawing(640, 640, 10);
        byte[] png = encode(img);
        assertTrue(OpenCvCodec.available(), "OpenCV's codecs load");
        int zlibRle = OpenCvCodec.png(Images.fromBufferedImage(img)).length;
        assertTrue(png.length < 1.1 * zlibRle, png.length + " bytes against OpenCV's " + zlibRle);
        Path file = dir.resolve("d.png");
        Files.write(file, png);
        assertSamePixels(img, ImageIO.read(file.toFile()));
    }

    /** Code lengths stay within the limit and form a complete prefix code (Kraft sum exactly 1). */
    @Test
    void huffmanLengthsAreLimitedAndComplete() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int[] freq = new int[286];
            freq[0] = 1;
            freq[1] = 1;
            int used = rnd.nextInt(285);
            for (int k = 0; k < used; k++) {
                // a geometric spread of frequencies forces lengths beyond 15 before the limit applies
                freq[rnd.nextInt(freq.length)] = 1 + (int) Math.pow(1.9, rnd.nextInt(30));
            }
            int[] len = PngEncoder.Huffman.lengths(freq, 15);
            double kraft = 0;
            for (int k = 0; k < freq.length; k++) {
                assertEquals(freq[k] > 0, len[k] > 0, "used symbols have codes, others none");
                assertTrue(len[k] <= 15);
                if (len[k] > 0) {
                    kraft += Math.pow(2, -len[k]);
                }
            }
            assertEquals(1.0, kraft, 1e-12);
        }
    }
}
