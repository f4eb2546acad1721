package io.face3d.core.image;

import io.face3d.vision.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExifOrientationTest {
    @TempDir
    Path dir;

    /** The inverse of each orientation's display transform. */
    private static final int[] INVERSE = {0, 1, 2, 3, 4, 5, 8, 7, 6};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void transformsAreExactAndInvertible(int o) {
        RgbImage img = TestImages.noise(7, 4, o);
        RgbImage shown = ExifOrientation.upright(img, o);
        assertEquals(o >= 5 ? 4 : 7, shown.width());
        assertArrayEquals(img.rgb(), ExifOrientation.upright(shown, INVERSE[o]).rgb());
    }

    @Test
    void orientationSixTurnsAStoredSidewaysPortraitUpright() throws IOException {
        RgbImage upright = TestImages.resource("astronaut.png");
        RgbImage stored = ExifOrientation.upright(upright, 8); // what a phone stores for a portrait photo
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(Images.toBufferedImage(stored), "jpg", jpeg);
        byte[] plain = jpeg.toByteArray();
        for (boolean bigEndian : new boolean[]{true, false}) {
            Path file = dir.resolve("phone-" + bigEndian + ".jpg");
            Files.write(file, withExif(plain, 6, bigEndian));
            RgbImage read = Images.read(file);
            assertEquals(512, read.width());
            double diff = 0;
            for (int i = 0; i < read.rgb().length; i++) {
                diff += Math.abs((read.rgb()[i] & 0xff) - (upright.rgb()[i] & 0xff));
            }
            assertTrue(diff / read.rgb().length < 6, "mean difference " + diff / read.rgb().length + " (JPEG loss only)");
        }
    }

    @Test
    void malformedSegmentsMeanNoRotation() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(Images.toBufferedImage(TestImages.noise(16, 16, 1)), "jpg", jpeg);
        byte[] plain = jpeg.toByteArray();
        Random rnd = new Random(3);
        Path file = dir.resolve("junk.jpg");
        for (int k = 0; k < 200; k++) {
            byte[] exif = withExif(plain, 6, k % 2 == 0);
            int app1 = 4 + (((plain[4] & 0xff) << 8) | (plain[5] & 0xff)) + 4 + 6; // first TIFF byte
            int len = rnd.nextInt(26);
            for (int i = 0; i < len; i++) {
                exif[app1 + rnd.nextInt(26)] = (byte) rnd.nextInt(256);
            }
            Files.write(file, exif);
            int o = ExifOrientation.ofJpeg(file);
            assertTrue(o >= 1 && o <= 8);
        }
        Files.write(file, plain);
        assertEquals(1, ExifOrientation.ofJpeg(file));
        Files.write(file, new byte[0]);
        assertEquals(1, ExifOrientation.ofJpeg(file));
    }

    /** An APP1 Exif segment with one IFD0 entry (orientation) inserted after the JFIF APP0 segment. */
    static byte[] withExif(byte[] jpeg, int orientation, boolean bigEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        int[] header = bigEndian ? new int[]{'M', 'M', 0, 42, 0, 0, 0, 8} : new int[]{'I', 'I', 42, 0, 8, 0, 0, 0};
        for (int b : header) {
            tiff.write(b);
        }
        int[] entry = bigEndian
            ? new int[]{0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0}
            : new int[]{1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0};
        for (int b : entry) {
            tiff.write(b);
        }
        byte[] body = tiff.toByteArray();
        int len = 2 + 6 + body.length;
        int app0End = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.write(0xff);
        out.write(0xe1);
        out.write(len >> 8);
        out.write(len & 0xff);
        out.writeBytes("Exif\0\0".getBytes());
        out.writeBytes(body);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }
}
