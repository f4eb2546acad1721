package io.face3d.core.mesh;

import io.face3d.core.image.RgbImage;
import io.face3d.core.testing.GltfValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every kind of GLB face3d writes passes the Khronos glTF validator with neither errors nor warnings. */
class GlbValidationTest {
    @TempDir
    Path dir;

    @Test
    void texturedGlbIsValid() throws Exception {
        io.face3d.core.image.Images.writePng(new RgbImage(4, 4, new byte[48]), dir.resolve("face_tex.png"));
        Path glb = dir.resolve("textured.glb");
        MeshIO.write(TestMeshes.grid(7, 5, 11).withTexture("face_tex.png"), glb);
        assertValid(glb);
    }

    @Test
    void colouredAndPlainGlbsAreValid() throws Exception {
        Mesh grid = TestMeshes.grid(7, 5, 11);
        Path coloured = dir.resolve("coloured.glb"), plain = dir.resolve("plain.glb");
        MeshIO.write(grid, coloured);
        MeshIO.write(new Mesh(grid.positions(), grid.triangles()), plain);
        assertValid(coloured);
        assertValid(plain);
    }

    /** The harness itself: a GLB cut short is reported as invalid. */
    @Test
    void aTruncatedGlbIsRejected() throws Exception {
        Path glb = dir.resolve("cut.glb");
        MeshIO.write(TestMeshes.grid(7, 5, 11), glb);
        byte[] all = java.nio.file.Files.readAllBytes(glb);
        java.nio.file.Files.write(glb, java.util.Arrays.copyOf(all, all.length - 40));
        org.junit.jupiter.api.Assertions.assertTrue(GltfValidator.validate(glb).errors() > 0);
    }

    private static void assertValid(Path glb) throws Exception {
        GltfValidator.Verdict v = GltfValidator.validate(glb);
        assertEquals(0, v.errors(), () -> glb.getFileName() + ": " + v.messages());
        assertEquals(0, v.warnings(), () -> glb.getFileName() + ": " + v.messages());
    }
}
