package io.face3d.core.image;

import io.face3d.core.Face3dException;
import io.face3d.core.testing.PngChunks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenCV path of {@link Images#read} against ImageIO ({@link Images#readWithImageIO}): the same pixels for the
 * PNG and JPEG kinds it takes, the same refusal for damaged files, and the size limits before decoding.
 */
class OpenCvDecodingTest {
    @TempDir
    Path dir;

    /** A smooth gradient with noise: what JPEG's chroma upsampling and IDCT see in a photo. */
    private static BufferedImage photo(int w, int h, int type, long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / w + rnd.nextInt(20)) & 0xff, g = (y * 255 / h + rnd.nextInt(20)) & 0xff;
                int b = ((x + y) * 127 / (w + h) + rnd.nextInt(40)) & 0xff, a = (x * 7 + y) & 0xff;
                img.setRGB(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    private Map<String, Path> files() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_BYTE_INDEXED};
        String[] names = {"rgb", "grey", "rgba", "palette"};
        for (int i = 0; i < types.length; i++) {
            Path png = dir.resolve(names[i] + ".png");
            assertTrue(ImageIO.write(photo(67, 45, types[i], i), "png", png.toFile()));
            files.put(names[i] + " PNG", png);
        }
        for (int i = 0; i < 2; i++) {
            Path jpg = dir.resolve(names[i] + ".jpg");
            assertTrue(ImageIO.write(photo(67, 45, types[i], 10 + i), "jpg", jpg.toFile()));
            files.put(names[i] + " JPEG", jpg);
        }
        files.put("restart-interval JPEG", restartJpeg(photo(83, 61, BufferedImage.TYPE_INT_RGB, 21), 3));
        files.put("progressive JPEG", progressiveJpeg(photo(64, 48, BufferedImage.TYPE_INT_RGB, 20)));
        return files;
    }

    /** A baseline JPEG with a restart marker every {@code interval} MCUs (the writer's "dri" metadata node). */
    private Path restartJpeg(BufferedImage img, int interval) throws IOException {
        Path f = dir.resolve("restart.jpg");
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        javax.imageio.metadata.IIOMetadata meta = w.getDefaultImageMetadata(
            javax.imageio.ImageTypeSpecifier.createFromRenderedImage(img), p);
        String format = "javax_imageio_jpeg_image_1.0";
        org.w3c.dom.Node root = meta.getAsTree(format);
        javax.imageio.metadata.IIOMetadataNode dri = new javax.imageio.metadata.IIOMetadataNode("dri");
        dri.setAttribute("interval", Integer.toString(interval));
        org.w3c.dom.Node markers = ((org.w3c.dom.Element) root).getElementsByTagName("markerSequence").item(0);
        markers.insertBefore(dri, markers.getFirstChild());
        meta.setFromTree(format, root);
        return write(w, new IIOImage(img, null, meta), p, f);
    }

    private static Path write(ImageWriter w, IIOImage image, ImageWriteParam p, Path f) throws IOException {
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.write(null, image, p);
        } finally {
            w.dispose();
        }
        return f;
    }

    private Path progressiveJpeg(BufferedImage img) throws IOException {
        Path f = dir.resolve("progressive.jpg");
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        return write(w, new IIOImage(img, null, null), p, f);
    }

    @Test
    void thePngAndJpegKindsTakeTheOpenCvPathWithImageIOsPixels() throws IOException {
        assertTrue(OpenCvCodec.available(), "OpenCV's codecs did not load");
        for (Map.Entry<String, Path> e : files().entrySet()) {
            byte[] bytes = Files.readAllBytes(e.getValue());
            // progressive JPEGs' entropy data is not checked, so they stay with ImageIO (JpegEntropyCheck)
            boolean progressive = e.getKey().startsWith("progressive");
            assertEquals(!progressive, EncodedImage.header(bytes) != null, e.getKey() + " should "
                + (progressive ? "not " : "") + "take the OpenCV path");
            assertTrue(progressive || (bytes.length > 0 && hasRestartMarkers(bytes) == e.getKey().startsWith("restart")),
                e.getKey());
            RgbImage fast = Images.read(e.getValue()), reference = Images.readWithImageIO(e.getValue());
            assertEquals(reference.width(), fast.width(), e.getKey());
            assertEquals(reference.height(), fast.height(), e.getKey());
            // libjpeg-turbo and the JDK's libjpeg 6b share the integer IDCT and upsampling: the same bytes
            assertArrayEquals(reference.rgb(), fast.rgb(), e.getKey());
        }
    }

    /**
     * A cut file never takes the OpenCV path, so it is answered exactly as ImageIO answers it: refused with its
     * message when pixel data is missing (ImageIO reads a PNG whose IEND alone is cut, as before).
     */
    @Test
    void truncatedFilesAreAnsweredAsImageIOAnswersThem() throws IOException {
        for (Map.Entry<String, Path> e : files().entrySet()) {
            byte[] whole = Files.readAllBytes(e.getValue());
            for (int cut : new int[] {whole.length / 3, whole.length / 2, whole.length - 40, whole.length - 2,
                whole.length - 1}) {
                String what = e.getKey() + " cut at " + cut + " of " + whole.length;
                Path f = dir.resolve("cut-" + cut + "-" + e.getValue().getFileName());
                Files.write(f, java.util.Arrays.copyOf(whole, cut));
                assertNull(EncodedImage.header(Files.readAllBytes(f)), what);
                String fast = outcome(f, true), reference = outcome(f, false);
                assertEquals(reference, fast, what);
                if (cut <= whole.length - 40) {
                    assertTrue(fast.contains("truncated or corrupt"), what + ": " + fast);
                }
            }
        }
    }

    private static boolean hasRestartMarkers(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Damaged entropy-coded data (bytes of the scan replaced, seeded): a file the check passes to OpenCV decodes in
     * the JDK's libjpeg without a single warning (libjpeg-turbo's warnings, which it prints natively to stderr, are
     * the same conditions), and one it refuses is answered exactly as ImageIO answers it. Undamaged files pass.
     */
    @Test
    void jpegsWithDamagedEntropyDataNeverReachTheNativeDecoder() throws IOException {
        Random rnd = new Random(7);
        int refused = 0, passed = 0;
        for (String kind : new String[] {"rgb JPEG", "grey JPEG", "restart-interval JPEG"}) {
            byte[] whole = Files.readAllBytes(files().get(kind));
            assertTrue(JpegEntropyCheck.clean(whole), kind + " undamaged");
            assertEquals(0, imageIoWarnings(whole), kind);
            int scan = scanStart(whole);
            for (int trial = 0; trial < 60; trial++) {
                byte[] bad = whole.clone();
                int hits = 1 + rnd.nextInt(3);
                for (int h = 0; h < hits; h++) {
                    int at = scan + rnd.nextInt(whole.length - 2 - scan);
                    bad[at] = (byte) (trial % 3 == 0 ? bad[at] ^ (1 << rnd.nextInt(8)) : rnd.nextInt(256));
                }
                String what = kind + " trial " + trial;
                if (JpegEntropyCheck.clean(bad)) {
                    passed++;
                    assertEquals(0, imageIoWarnings(bad), what + " passed the check but libjpeg warns");
                } else {
                    refused++;
                    assertNull(EncodedImage.header(bad), what);
                    Path f = Files.write(dir.resolve("damaged.jpg"), bad);
                    assertEquals(outcome(f, false), outcome(f, true), what);
                }
            }
        }
        assertTrue(refused > 100, "most damage is caught: refused " + refused + ", passed " + passed);
    }

    /** Offset of the first scan's entropy-coded data (after the SOS header). */
    private static int scanStart(byte[] b) {
        for (int i = 2; i + 3 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xDA) {
                return i + 2 + ((b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff);
            }
        }
        throw new AssertionError("no scan");
    }

    /** How many warnings the JDK's JPEG reader (libjpeg, warnings handed to Java) gives while decoding. */
    private static int imageIoWarnings(byte[] jpeg) throws IOException {
        javax.imageio.ImageReader r = ImageIO.getImageReadersByFormatName("jpeg").next();
        int[] warnings = new int[1];
        try (var in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg))) {
            r.setInput(in);
            r.addIIOReadWarningListener((source, message) -> warnings[0]++);
            try {
                r.read(0);
            } catch (IOException | RuntimeException e) {
                warnings[0]++; // an error is more than a warning: counted as one
            }
        } finally {
            r.dispose();
        }
        return warnings[0];
    }

    /** The error message, or the pixels' hash when the file is read. */
    private static String outcome(Path f, boolean read) {
        try {
            RgbImage img = read ? Images.read(f) : Images.readWithImageIO(f);
            return "read " + java.util.Arrays.hashCode(img.rgb());
        } catch (Face3dException e) {
            return e.getMessage();
        }
    }

    @Test
    void aBadChunkChecksumLeavesThePngToImageIO() throws IOException {
        byte[] png = Files.readAllBytes(files().get("rgb PNG"));
        png[40] ^= 0x10; // inside IDAT's data
        assertNull(EncodedImage.header(png));
    }

    /** A valid-looking 60-byte PNG claiming 30000 x 30000 pixels is refused from its header, allocating nothing. */
    @Test
    void aPngClaimingGigapixelsIsRefusedBeforeDecoding() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        PngChunks.signature(d);
        PngChunks.chunk(d, "IHDR", new byte[] {0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 2, 0, 0, 0});
        PngChunks.chunk(d, "IDAT", new byte[] {0x78, 1, 1, 0, 0, -1, -1});
        PngChunks.chunk(d, "IEND", new byte[0]);
        Path f = Files.write(dir.resolve("claims.png"), out.toByteArray());
        assertNotNull(EncodedImage.header(out.toByteArray()));
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        Face3dException e = assertThrows(Face3dException.class, () -> Images.read(f));
        assertTrue(mx.getCurrentThreadAllocatedBytes() - before < 16L << 20);
        assertTrue(e.getMessage().contains("more than 100 megapixels"), e.getMessage());
    }

    @Test
    void writtenPngsReadBackExactly() throws IOException {
        RgbImage img = Images.fromBufferedImage(photo(101, 37, BufferedImage.TYPE_INT_RGB, 30));
        Path f = dir.resolve("out.png");
        Images.writePng(img, f);
        assertArrayEquals(img.rgb(), Images.readWithImageIO(f).rgb());
        assertArrayEquals(img.rgb(), Images.read(f).rgb());
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "a temporary file was left");
        }
    }
}
