package io.face3d.core.image;

import io.face3d.core.Face3dException;
import io.face3d.core.testing.fuzz.Fuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mutation fuzzing of {@link Images#read} over PNG, JPEG, WebP (lossless and lossy) and TIFF seeds. */
class ImageReaderFuzzTest {
    /** Decoders hold the raster and its RGB copy (~7 bytes a pixel) for what a file's bytes may claim. */
    private static final Fuzzer.Budget IMAGE = new Fuzzer.Budget(2_000, 64L << 20, 8 * Images.PIXELS_PER_BYTE);

    @TempDir
    Path dir;

    /**
     * Reads each seed once before fuzzing: the first PNG or JPEG loads OpenCV's native libraries (about 100 MB
     * allocated once per JVM), which is no cost of the input that happens to come first.
     */
    @org.junit.jupiter.api.BeforeAll
    static void loadDecoders() {
        for (Path seed : Fuzzer.resources(ImageReaderFuzzTest.class, "fuzz/image/seed.png", "fuzz/image/seed.jpg")) {
            Images.read(seed);
        }
    }

    @Test
    void images() {
        Fuzzer.Report r = Fuzzer.of("image", "img", Fuzzer.resources(getClass(), "fuzz/image/seed.png",
                "fuzz/image/seed.jpg", "fuzz/image/seed.tif", "fuzz/image/lossless.webp", "fuzz/image/lossy.webp"),
            Face3dException.class, IMAGE).run(Images::read, dir, Fuzzer.seed(), Fuzzer.seconds());
        assertTrue(r.inputs() > 0, "no input ran");
    }

    /** Found by the fuzzer: a 39-byte lossy WebP whose header claims 4598 x 10602 pixels allocated 159 MB. */
    @Test
    void truncatedWebPClaimingMegapixelsIsRefusedBeforeDecoding() throws IOException {
        Path f = Files.write(dir.resolve("claims.webp"), HexFormat.of().parseHex(
            "52494646220000005745425056503820160000003001009d012af69145296a92010001000ec0fe"));
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        Face3dException e = assertThrows(Face3dException.class, () -> Images.read(f));
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(e.getMessage().contains("claims"), e.getMessage());
        assertTrue(allocated < 16L << 20, allocated + " bytes allocated");
    }

    /** Found by the fuzzer: a 42-byte lossless WebP cut inside its Huffman codes made the decoder loop forever. */
    @Test
    @org.junit.jupiter.api.Timeout(20)
    void losslessWebPEndingInsideItsCodesIsRefused() throws IOException {
        Path f = Files.write(dir.resolve("cut.webp"), HexFormat.of().parseHex(
            "524946461a00b700574542505650384c0d0000002f000000100710118007fdc8aa3cd8a3ffffff7f0700"));
        Face3dException e = assertThrows(Face3dException.class, () -> Images.read(f));
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
    }
}
