package io.face3d.core.mesh;

import io.face3d.core.Face3dException;
import io.face3d.core.testing.fuzz.Fuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mutation fuzzing of the mesh readers ({@link MeshIO#read}): every mutant is read or refused with a Face3dException. */
class MeshReadersFuzzTest {
    @TempDir
    Path dir;

    private void fuzz(String name, String ext, String... seeds) {
        Fuzzer.Report r = Fuzzer.of(name, ext, Fuzzer.resources(getClass(), seeds), Face3dException.class,
            Fuzzer.Budget.DEFAULT).run(MeshIO::read, dir, Fuzzer.seed(), Fuzzer.seconds());
        assertTrue(r.inputs() > 0, name + ": no input ran");
    }

    @Test
    void obj() {
        fuzz("obj", "obj", "fuzz/mesh/tetra.obj");
    }

    @Test
    void ply() {
        fuzz("ply", "ply", "fuzz/mesh/tetra-ascii.ply", "fuzz/mesh/tetra-binary.ply");
    }

    @Test
    void stl() {
        fuzz("stl", "stl", "fuzz/mesh/tetra-ascii.stl", "fuzz/mesh/tetra-binary.stl");
    }
}
