package io.face3d.core.image;

import io.face3d.core.Face3dException;
import io.face3d.core.testing.PngChunks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image formats a user has, and the inputs that are not images, each answered as README states. */
class ImageInputsTest {
    @TempDir
    Path dir;

    /** Google's 1x1 lossless and lossy WebP probes (the smallest valid files of each kind). */
    private static final String WEBP_LOSSLESS = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";
    private static final String WEBP_LOSSY = "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA";

    @Test
    void readsWebPLosslessAndLossy() throws IOException {
        for (String b64 : new String[] {WEBP_LOSSLESS, WEBP_LOSSY}) {
            Path f = dir.resolve("probe.webp");
            Files.write(f, Base64.getDecoder().decode(b64));
            RgbImage img = Images.read(f);
            assertEquals(1, img.width());
            assertEquals(1, img.height());
        }
    }

    @Test
    void readsTiffWithItsPixels() throws IOException {
        BufferedImage src = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        src.setRGB(3, 2, 0x123456);
        Path f = dir.resolve("photo.tif");
        assertTrue(ImageIO.write(src, "tiff", f.toFile()));
        RgbImage img = Images.read(f);
        assertEquals(7, img.width());
        int o = 3 * (2 * 7 + 3);
        assertEquals(0x12, img.rgb()[o] & 0xff);
        assertEquals(0x56, img.rgb()[o + 2] & 0xff);
    }

    @Test
    void heicIsNamedWithTheWayToConvertIt() throws IOException {
        Path f = dir.resolve("IMG_0001.HEIC");
        byte[] b = new byte[64];
        System.arraycopy("\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, 12);
        Files.write(f, b);
        Face3dException e = assertThrows(Face3dException.class, () -> Images.read(f));
        assertTrue(e.getMessage().contains("HEIC") && e.getMessage().contains("convert"), e.getMessage());
    }

    @Test
    void folderAndDeviceAreNotCalledMissing() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("x.png"));
        assertTrue(assertThrows(Face3dException.class, () -> Images.read(folder)).getMessage().contains("is a folder"));
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertTrue(assertThrows(Face3dException.class, () -> Images.read(zero)).getMessage()
                .contains("not a regular file"));
        }
        assertTrue(assertThrows(Face3dException.class, () -> Images.read(dir.resolve("none.png"))).getMessage()
            .contains("does not exist"));
    }

    @Test
    void textThatIsNotAnImageListsTheFormats() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.png"), "hello");
        String m = assertThrows(Face3dException.class, () -> Images.read(f)).getMessage();
        assertTrue(m.contains(Images.FORMATS), m);
    }

    /**
     * A 32x32 PNG with a compressed text chunk that inflates to 256 MB: its metadata is never opened, so reading
     * it allocates about what the pixels need (the JDK's reader inflated the whole chunk into a String before).
     */
    @Test
    void pngTextChunkBombIsNotInflated() throws IOException {
        Path f = dir.resolve("bomb.png");
        Files.write(f, pngWithZtxt(256 << 20));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        RgbImage img = Images.read(f);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(32, img.width());
        assertTrue(allocated < 32L << 20, "allocated " + allocated + " bytes for a 32x32 image");
    }

    private static byte[] pngWithZtxt(int inflatedBytes) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BufferedImage small = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(small, "png", png);
        byte[] plain = png.toByteArray();
        // deflate zeros chunk by chunk (no 256 MB array)
        Deflater d = new Deflater(9);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        for (int i = 0; i < inflatedBytes / zeros.length; i++) {
            d.setInput(zeros);
            while (!d.needsInput()) {
                z.write(buf, 0, d.deflate(buf));
            }
        }
        d.finish();
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write("Comment".getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        data.write(0); // compression method: deflate
        data.write(z.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 33); // signature + IHDR
        PngChunks.chunk(new DataOutputStream(out), "zTXt", data.toByteArray());
        out.write(plain, 33, plain.length - 33);
        return out.toByteArray();
    }
}
