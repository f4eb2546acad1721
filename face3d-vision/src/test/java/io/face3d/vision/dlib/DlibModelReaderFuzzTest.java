package io.face3d.vision.dlib;

import io.face3d.core.Face3dException;
import io.face3d.core.testing.fuzz.Fuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutation fuzzing of {@link DlibModelReader} from a hand-encoded two-landmark model (the layout of
 * DlibModelReaderTest's tiny model): every mutant is read or refused with a Face3dException.
 */
class DlibModelReaderFuzzTest {
    @TempDir
    Path dir;

    @Test
    void dlibModel() {
        Fuzzer.Report r = Fuzzer.of("dlib", "dat", Fuzzer.resources(getClass(), "fuzz/dlib/tiny.dat"),
            Face3dException.class, Fuzzer.Budget.DEFAULT).run(DlibModelReader::read, dir, Fuzzer.seed(),
            Fuzzer.seconds());
        assertTrue(r.inputs() > 0, "no input ran");
    }

    /** Found by the fuzzer: a 179-byte mutant announcing ~12 million cascades allocated 100 MB before failing. */
    @Test
    void hugeCascadeCountIsRefusedBeforeAllocating() throws java.io.IOException {
        Path f = java.nio.file.Files.write(dir.resolve("levels.dat"), java.util.HexFormat.of().parseHex(
            "01018104810103cdcccc811a03cdcccc811a03cdcc00010001cc811803cdcccc81180101010201010100010101a0810401028104810103cdcccc811b01000100010001000100010081048101010001000100010083cdcccc811b010001000101010101008197010001028104810101000100010001000100010001808109810481010100010081808108010030d50d010001000100010101020100010101010102010001000100010003cdcccc811b01000100"));
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        assertThrows(Face3dException.class, () -> DlibModelReader.read(f));
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < 16L << 20, allocated + " bytes allocated");
    }
}
