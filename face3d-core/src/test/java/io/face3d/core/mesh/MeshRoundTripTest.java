package io.face3d.core.mesh;

import io.face3d.core.Face3dException;
import io.face3d.core.mesh.MeshWriteOptions.PlyEncoding;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshRoundTripTest {
    /** PLY stores colours as uchar: the round trip may move a component by half a step. */
    private static final float COLOR_TOL = 0.5f / 255 + 1e-6f;

    @TempDir
    Path dir;

    private final Mesh grid = TestMeshes.grid(7, 5, 11).withTexture("face_tex.png");

    @Test
    void objKeepsPositionsUvsColoursAndTextureExactly() throws IOException {
        Path file = dir.resolve("grid.obj");
        MeshIO.write(grid, file);
        String mtl = Files.readString(dir.resolve("grid.mtl"));
        assertTrue(mtl.contains("map_Kd face_tex.png"), mtl);
        assertTrue(Files.readString(file).contains("mtllib grid.mtl"));
        Mesh back = MeshIO.read(file);
        assertArrayEquals(grid.positions(), back.positions());
        assertArrayEquals(grid.triangles(), back.triangles());
        assertArrayEquals(cornerUvs(grid), cornerUvs(back));
        assertArrayEquals(grid.colors(), back.colors());
        assertEquals("face_tex.png", back.texture());
        assertEquals(Set.of("grid.obj", "grid.mtl"), listing(), "no temporary files are left");
    }

    /**
     * Meshes written one after another, sharing their triangles and UVs or not (the writer reuses the last
     * topology's vt and f lines when they are equal): each file reads back as its own mesh, byte for byte the same as
     * when written alone.
     */
    @Test
    void objOfAlternatingTopologiesReadsBackEachMesh() throws IOException {
        Mesh a = TestMeshes.grid(7, 5, 11);
        Mesh moved = new Mesh(a.positions().clone(), a.triangles().clone(), a.uvs().clone(),
            a.triangleUvs() == null ? null : a.triangleUvs().clone(), null, null);
        for (int i = 0; i < moved.positions().length; i++) {
            moved.positions()[i] += 0.25f * (i % 7) - 1000.5f;
        }
        Mesh b = TestMeshes.grid(4, 9, 12);
        Path alone = dir.resolve("alone.obj");
        MeshIO.write(b, alone);
        byte[] bAlone = Files.readAllBytes(alone);
        Mesh[] order = {a, moved, b, a};
        for (int k = 0; k < order.length; k++) {
            Path file = dir.resolve("m" + k + ".obj");
            MeshIO.write(order[k], file);
            Mesh back = MeshIO.read(file);
            assertArrayEquals(order[k].positions(), back.positions());
            assertArrayEquals(order[k].triangles(), back.triangles());
            assertArrayEquals(cornerUvs(order[k]), cornerUvs(back));
        }
        assertArrayEquals(bAlone, Files.readAllBytes(dir.resolve("m2.obj")));
    }

    /** A UV no face uses (a model's UV set covers more than a region's faces) is not written. */
    @Test
    void objWritesUnitNormalsAndOnlyTheUvsItsFacesUse() throws IOException {
        float[] uvs = java.util.Arrays.copyOf(grid.uvs(), grid.uvs().length + 6);
        Mesh extra = new Mesh(grid.positions(), grid.triangles(), uvs, grid.triangleUvs(), null, null);
        Path file = dir.resolve("extra.obj");
        MeshIO.write(extra, file);
        java.util.List<String> lines = Files.readAllLines(file);
        long used = java.util.Arrays.stream(grid.triangleUvs()).distinct().count();
        assertEquals(used, lines.stream().filter(l -> l.startsWith("vt ")).count());
        java.util.List<String> vn = lines.stream().filter(l -> l.startsWith("vn ")).toList();
        assertEquals(grid.vertexCount(), vn.size());
        float[] expected = grid.vertexNormals();
        for (int v = 0; v < vn.size(); v++) {
            String[] n = vn.get(v).split(" ");
            for (int a = 0; a < 3; a++) {
                assertEquals(expected[3 * v + a], Float.parseFloat(n[a + 1]), 0f);
            }
        }
        assertTrue(lines.stream().filter(l -> l.startsWith("f ")).allMatch(l -> l.matches("f( \\d+/\\d+/\\d+){3}")));
        assertArrayEquals(cornerUvs(extra), cornerUvs(MeshIO.read(file)));
    }

    @Test
    void plyCarriesUnitNormals() throws IOException {
        for (MeshWriteOptions.PlyEncoding e : MeshWriteOptions.PlyEncoding.values()) {
            Path file = dir.resolve("n-" + e + ".ply");
            MeshIO.write(grid, file, new MeshWriteOptions(e));
            String head = new String(Files.readAllBytes(file), 0, 400, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(head.contains("property float nx\nproperty float ny\nproperty float nz\n"), head);
            Mesh back = MeshIO.read(file);
            assertArrayEquals(grid.positions(), back.positions());
            assertArrayEquals(cornerUvs(grid), cornerUvs(back));
        }
    }

    /** The (u, v) of every triangle corner, whatever the UV numbering. */
    private static float[] cornerUvs(Mesh m) {
        int[] tuv = ObjFormat.cornerUvs(m);
        float[] out = new float[2 * tuv.length];
        for (int k = 0; k < tuv.length; k++) {
            out[2 * k] = m.uvs()[2 * tuv[k]];
            out[2 * k + 1] = m.uvs()[2 * tuv[k] + 1];
        }
        return out;
    }

    @Test
    void objWithoutTextureWritesNoMtl() throws IOException {
        Path file = dir.resolve("plain.obj");
        MeshIO.write(new Mesh(grid.positions(), grid.triangles()), file);
        assertFalse(Files.exists(dir.resolve("plain.mtl")));
        Mesh back = MeshIO.read(file);
        assertArrayEquals(grid.positions(), back.positions());
        assertNull(back.uvs());
        assertNull(back.texture());
    }

    @Test
    void objReadsAllFaceFormsNegativeIndicesPolygonsAndTheUsedMaterial() throws IOException {
        Files.writeString(dir.resolve("m.mtl"), "newmtl skin\nmap_Kd skin.png\nnewmtl eye\nKd 1 1 1\n"
            + "map_Kd -s 1 1 1 textures/eye.jpg\n");
        Path file = dir.resolve("forms.obj");
        Files.writeString(file, String.join("\n",
            "# forms", "mtllib m.mtl", "o thing", "v 0 0 0", "v 1 0 0", "v 1 1 0", "v 0 1 0", "v 2 0 0",
            "vt 0 0", "vt 1 0", "vt 1 1", "vt 0 1", "vt 0.5 0.5", "vn 0 0 1", "g g1", "s 1", "usemtl eye",
            "f -5/-5/-1 -4/-4/-1 -3/-3/-1 -2/-2/-1", // a quad, negative indices, v/vt/vn
            "f 2/2 5/5 3/3", // v/vt
            "l 1 2", ""));
        Mesh m = MeshIO.read(file);
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 1, 4, 2}, m.triangles());
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 1, 4, 2}, m.triangleUvs());
        assertEquals(10, m.uvs().length);
        assertEquals("textures/eye.jpg", m.texture());

        Path noUv = dir.resolve("nouv.obj");
        Files.writeString(noUv, "v 0 0 0\nv 1 0 0\nv 1 1 0\nvn 0 0 1\nf 1//1 2//1 3//1\nf 1 2 3\n");
        Mesh n = MeshIO.read(noUv);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, n.triangles());
        assertNull(n.uvs());
    }

    @ParameterizedTest
    @EnumSource(PlyEncoding.class)
    void plyKeepsPositionsColoursUvsAndTexture(PlyEncoding encoding) throws IOException {
        Path file = dir.resolve("grid.ply");
        MeshIO.write(grid, file, new MeshWriteOptions(encoding));
        String head = new String(Files.readAllBytes(file), 0, 40, StandardCharsets.ISO_8859_1);
        assertTrue(head.contains("format " + encoding.headerName()), head);
        Mesh back = MeshIO.read(file);
        assertArrayEquals(grid.positions(), back.positions());
        assertArrayEquals(grid.triangles(), back.triangles());
        for (int i = 0; i < grid.colors().length; i++) {
            assertEquals(grid.colors()[i], back.colors()[i], COLOR_TOL);
        }
        assertSameCornerUvs(grid, back);
        assertEquals("face_tex.png", back.texture());
    }

    @Test
    void plyAsciiPolygonsAreFanSplitAndExtraElementsSkipped() throws IOException {
        Path file = dir.resolve("quad.ply");
        Files.writeString(file, "ply\nformat ascii 1.0\ncomment hand made\nelement vertex 5\nproperty double x\n"
            + "property double y\nproperty double z\nproperty float confidence\nproperty float red\n"
            + "property float green\nproperty float blue\nelement face 2\nproperty list uchar uint vertex_index\n"
            + "property uchar flags\nelement edge 1\nproperty int vertex1\nproperty int vertex2\nend_header\n"
            + "0 0 0 1 0.5 0.25 1\n1 0 0 1 0 0 0\n1 1 0 1 0 0 0\n0 1 0 1 0 0 0\n2 0 0 1 0 0 0\n"
            + "4 0 1 2 3 7\n3 1 4 2 0\n0 1\n");
        Mesh m = MeshIO.read(file);
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 1, 4, 2}, m.triangles());
        assertArrayEquals(new float[] {0.5f, 0.25f, 1f}, java.util.Arrays.copyOf(m.colors(), 3));
        assertNull(m.uvs());
    }

    @Test
    void binaryStlWeldsBackToTheSameVerticesAndCorners() {
        Path file = dir.resolve("grid.stl");
        MeshIO.write(grid, file);
        Mesh back = MeshIO.read(file);
        assertEquals(grid.vertexCount(), back.vertexCount(), "bit-identical corners are welded");
        assertSameCornerPositions(grid, back);
    }

    @Test
    void asciiStlIsReadAndWelded() throws IOException {
        Path file = dir.resolve("two.stl");
        Files.writeString(file, "solid two\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n   vertex 1 0 0\n"
            + "   vertex 1 1 0\n  endloop\n endfacet\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n"
            + "   vertex 1 1 0\n   vertex -0 1 0\n  endloop\n endfacet\nendsolid two\n");
        Mesh m = MeshIO.read(file);
        assertEquals(4, m.vertexCount(), "shared corners (and -0 / +0) are welded");
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, m.triangles());
        assertArrayEquals(new float[] {0, 1, 0}, java.util.Arrays.copyOfRange(m.positions(), 9, 12));

        Path upper = dir.resolve("upper.stl");
        Files.writeString(upper, Files.readString(file).toUpperCase(java.util.Locale.ROOT));
        Mesh u = MeshIO.read(upper);
        assertArrayEquals(m.positions(), u.positions(), "keywords in capitals, as some CAD exporters write them");
        assertArrayEquals(m.triangles(), u.triangles());
    }

    @Test
    void binaryStlWhoseHeaderStartsWithSolidIsStillBinary() throws IOException {
        Path file = dir.resolve("solid.stl");
        MeshIO.write(grid, file);
        byte[] b = Files.readAllBytes(file);
        System.arraycopy("solid x".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 7);
        Files.write(file, b);
        assertSameCornerPositions(grid, MeshIO.read(file));
    }

    @Test
    void glbHasValidChunksAccessorsAndSplitsUvSeams() throws IOException {
        Files.write(dir.resolve("face_tex.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}); // 7 bytes
        Path file = dir.resolve("grid.glb");
        MeshIO.write(grid, file);
        GlbReader glb = GlbReader.read(file);
        Set<Long> pairs = new HashSet<>();
        for (int c = 0; c < grid.triangles().length; c++) {
            pairs.add(((long) grid.triangles()[c] << 32) | grid.triangleUvs()[c]);
        }
        float[] pos = glb.floats("POSITION");
        assertEquals(3 * pairs.size(), pos.length, "one glTF vertex per distinct (vertex, uv) pair");
        assertTrue(pairs.size() > grid.vertexCount(), "the seam column was split");
        float[] uv = glb.floats("TEXCOORD_0");
        float[] col = glb.floats("COLOR_0");
        float[] nrm = glb.floats("NORMAL");
        int[] idx = glb.indices();
        assertEquals(grid.triangles().length, idx.length);
        for (int c = 0; c < idx.length; c++) {
            int v = grid.triangles()[c], u = grid.triangleUvs()[c], g = idx[c];
            for (int a = 0; a < 3; a++) {
                assertEquals(grid.positions()[3 * v + a], pos[3 * g + a]);
                assertEquals(grid.colors()[3 * v + a], col[3 * g + a]);
            }
            assertEquals(grid.uvs()[2 * u], uv[2 * g]);
            assertEquals(1 - grid.uvs()[2 * u + 1], uv[2 * g + 1], 1e-7, "glTF v runs down");
            double len = Math.sqrt(nrm[3 * g] * nrm[3 * g] + nrm[3 * g + 1] * nrm[3 * g + 1]
                + nrm[3 * g + 2] * nrm[3 * g + 2]);
            assertEquals(1, len, 1e-5);
        }
        float[][] bounds = glb.positionBounds();
        for (int a = 0; a < 3; a++) {
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (int i = a; i < pos.length; i += 3) {
                min = Math.min(min, pos[i]);
                max = Math.max(max, pos[i]);
            }
            assertEquals(min, bounds[0][a]);
            assertEquals(max, bounds[1][a]);
        }
        assertEquals(7, glb.imageLength(), "the texture beside the GLB is embedded");
    }

    @Test
    void glbWithoutUvsOrColoursHasOnlyPositionsNormalsAndIndices() throws IOException {
        Path file = dir.resolve("plain.glb");
        MeshIO.write(new Mesh(grid.positions(), grid.triangles()), file);
        GlbReader glb = GlbReader.read(file);
        assertEquals(grid.positions().length, glb.floats("POSITION").length);
        assertEquals(Set.of("POSITION", "NORMAL"), glb.attributeNames());
        assertArrayEquals(grid.triangles(), glb.indices());
    }

    @ParameterizedTest
    @ValueSource(strings = {"obj", "ply", "stl", "glb"})
    void modelFaceSurvivesEveryFormat(String ext) throws IOException {
        Mesh face = TestModel.get().mesh(null, null, Region.FACE).withTexture("albedo.png");
        Path file = dir.resolve("face." + ext);
        MeshIO.write(face, file);
        if (ext.equals("glb")) {
            GlbReader glb = GlbReader.read(file);
            float[] pos = glb.floats("POSITION");
            int[] idx = glb.indices();
            for (int c = 0; c < idx.length; c++) {
                for (int a = 0; a < 3; a++) {
                    assertEquals(face.positions()[3 * face.triangles()[c] + a], pos[3 * idx[c] + a]);
                }
            }
            return;
        }
        Mesh back = MeshIO.read(file);
        if (ext.equals("stl")) {
            assertSameCornerPositions(face, back);
            return;
        }
        assertArrayEquals(face.positions(), back.positions());
        assertArrayEquals(face.triangles(), back.triangles());
        assertSameCornerUvs(face, back);
        assertEquals("albedo.png", back.texture());
    }

    @Test
    void writtenFilesGetTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createFile(dir.resolve("reference.txt")); // permissions from the umask
        for (String name : new String[] {"p.obj", "p.mtl", "p.ply", "p.stl", "p.glb"}) {
            if (!name.endsWith(".mtl")) {
                MeshIO.write(grid, dir.resolve(name));
            }
            assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(dir.resolve(name)),
                name);
        }
    }

    @Test
    void failedWriteLeavesNothing() {
        Face3dException e = assertThrows(Face3dException.class, () -> MeshIO.write(grid, dir.resolve("x.fbx")));
        assertTrue(e.getMessage().contains("use .obj, .ply, .stl or .glb"), e.getMessage());
        assertEquals(Set.of(), listing());
    }

    private Set<String> listing() {
        Set<String> names = new HashSet<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    private static void assertSameCornerPositions(Mesh expected, Mesh actual) {
        assertEquals(expected.triangles().length, actual.triangles().length);
        for (int c = 0; c < expected.triangles().length; c++) {
            for (int a = 0; a < 3; a++) {
                assertEquals(expected.positions()[3 * expected.triangles()[c] + a],
                    actual.positions()[3 * actual.triangles()[c] + a]);
            }
        }
    }

    private static void assertSameCornerUvs(Mesh expected, Mesh actual) {
        for (int c = 0; c < expected.triangles().length; c++) {
            int e = expected.triangleUvs()[c], a = actual.triangleUvs()[c];
            assertEquals(expected.uvs()[2 * e], actual.uvs()[2 * a]);
            assertEquals(expected.uvs()[2 * e + 1], actual.uvs()[2 * a + 1]);
        }
    }
}
