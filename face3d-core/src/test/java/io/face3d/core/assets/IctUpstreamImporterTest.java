package io.face3d.core.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.Face3dException;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IctUpstreamImporterTest {
    /** Max difference between the imported values and the compact files, mm. */
    private static final double TOL_MM = 1e-4;

    @TempDir
    Path tmp;

    private static Path sample() {
        return ModelAssets.sharedIct().orElseThrow().resolve("upstream-sample");
    }

    private static void assertSlice(float[] expectedAll, int offset, float[] actual) {
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(expectedAll[offset + i] - actual[i]));
        }
        assertTrue(worst <= TOL_MM, "max difference " + worst + " mm");
    }

    @Test
    void upstreamSampleReproducesTheCompactMeanAndDeltas() {
        MorphableModel model = TestModel.get();
        double[] neutral = IctUpstreamImporter.readVertices(sample().resolve(IctUpstreamImporter.NEUTRAL));
        assertEquals(3 * model.vertexCount(), neutral.length);
        assertSlice(model.meanArray(), 0, IctUpstreamImporter.toMillimetres(neutral));
        // bit for bit, so a full import can be verified against the pinned checksums
        assertEquals(IctAssetSource.SHA256.get("mean.f32"),
            AssetFiles.sha256(floats(IctUpstreamImporter.toMillimetres(neutral))));
        int stride = 3 * model.vertexCount();
        Path id0 = sample().resolve("identity000.obj");
        assertSlice(model.identityArray(), 0,
            IctUpstreamImporter.deltaMillimetres(IctUpstreamImporter.readVertices(id0), neutral, id0));
        Path smile = sample().resolve("mouthSmile_L.obj");
        int k = model.expressionIndex("mouthSmile_L");
        assertTrue(k >= 0);
        assertSlice(model.expressionArray(), k * stride,
            IctUpstreamImporter.deltaMillimetres(IctUpstreamImporter.readVertices(smile), neutral, smile));
    }

    @Test
    void upstreamSampleTopologyIsTheCompactOne() {
        MorphableModel model = TestModel.get();
        IctUpstreamImporter.Topology t = IctUpstreamImporter.readTopology(sample().resolve(IctUpstreamImporter.NEUTRAL));
        assertArrayEquals(model.triangles(Region.HEAD), t.triangles());
        assertEquals(26384, t.polygonCount());
        Path compact = ModelAssets.sharedIct().orElseThrow();
        assertEquals(IctAssetSource.SHA256.get("triangle_uv.i32"), AssetFiles.sha256(ints(t.triangleUvs())));
        assertEquals(IctAssetSource.SHA256.get("triangle_polygon.i32"), AssetFiles.sha256(ints(t.trianglePolygons())));
        assertEquals(IctAssetSource.SHA256.get("uv.f32"), AssetFiles.sha256(floats(t.uvs())));
        assertTrue(Files.isRegularFile(compact.resolve("uv.f32")));
    }

    @Test
    void upstreamSampleNamesTheExpressionsInTheCompactOrder() {
        assertEquals(TestModel.get().expressionNames(), new IctUpstreamImporter(sample()).expressionNames());
    }

    @Test
    void aPartialUpstreamFolderIsAClearErrorForAFullImport() {
        IctUpstreamImporter importer = new IctUpstreamImporter(sample());
        assertEquals(155, importer.missingFiles().size(), "99 identities and 56 expressions are not in the sample");
        Face3dException e = assertThrows(Face3dException.class, () -> importer.importTo(tmp.resolve("out")));
        assertTrue(e.getMessage().contains("identity001.obj and 154 more files are missing"), e.getMessage());
        assertTrue(e.getMessage().contains("github.com/ICT-VGL/ICT-FaceKit"), e.getMessage());
    }

    /** A complete but tiny synthetic checkout (4 vertices, a quad and a triangle) through the whole import. */
    @Test
    void fullImportOfASyntheticCheckoutWritesTheCompactLayout() throws IOException {
        Path root = tmp.resolve("ICT-FaceKit");
        Path fx = Files.createDirectories(root.resolve("FaceXModel"));
        Files.writeString(root.resolve("LICENSE"), "MIT License\n");
        List<String> json = List.of("a_L", "b");
        Files.writeString(fx.resolve("vertex_indices.json"), "{\"expressions\": [\"a_L\", \"b\"], "
            + "\"idx_to_landmark_verts\": [3, 2, 1]}");
        double[] neutral = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0.5};
        String faces = "vt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nf 1/1 2/2 3/3 4/4\nf 1/1 3/3 4/4\n";
        Files.writeString(fx.resolve(IctUpstreamImporter.NEUTRAL), obj(neutral, 0) + faces);
        List<String> shapes = new ArrayList<>();
        for (int k = 0; k < IctUpstreamImporter.IDENTITY_MODES; k++) {
            shapes.add(String.format("identity%03d", k));
        }
        shapes.addAll(json);
        shapes.addAll(IctUpstreamImporter.EXTRA_EXPRESSIONS);
        for (int s = 0; s < shapes.size(); s++) {
            Files.writeString(fx.resolve(shapes.get(s) + ".obj"), obj(neutral, 0.01 * (s + 1)) + faces);
        }
        Path out = tmp.resolve("out");
        new IctUpstreamImporter(root).importTo(out);

        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(4, m.get("vertex_count").asInt());
        assertEquals(3, m.get("triangle_count").asInt());
        assertEquals("[\"a_L\",\"b\",\"PupilDilate_L\",\"PupilDilate_R\",\"cheekRaiser_L\",\"cheekRaiser_R\"]",
            m.get("expression_names").toString());
        assertEquals("[3,2,1]", m.get("landmarks_ibug68").toString());
        assertEquals(AssetFiles.sha256(out.resolve("identity.f32")), m.at("/arrays/identity.f32/sha256").asText());
        float[] mean = readFloats(out.resolve("mean.f32"));
        assertArrayEquals(new float[] {0, 0, 0, 10, 0, 0, 10, 10, 0, 0, 10, 5}, mean, 0f);
        float[] id = readFloats(out.resolve("identity.f32"));
        assertEquals(100 * 12, id.length);
        // identity k moved every coordinate by 0.01 (k + 1) cm = 0.1 (k + 1) mm
        assertEquals(0.1, id[0], 1e-6);
        assertEquals(10.0, id[99 * 12 + 5], 1e-5);
        float[] ex = readFloats(out.resolve("expression.f32"));
        assertEquals(6 * 12, ex.length);
        assertEquals(0.1 * 101, ex[0], 1e-5);
        int[] tri = readInts(out.resolve("triangles.i32"));
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 0, 2, 3}, tri, "quad fan-split in order, then the triangle");
        assertArrayEquals(new int[] {0, 0, 1}, readInts(out.resolve("triangle_polygon.i32")));
        assertEquals("MIT License\n", Files.readString(out.resolve("LICENSE.txt")));
    }

    private static String obj(double[] v, double offset) {
        StringBuilder b = new StringBuilder("# synthetic\n");
        for (int i = 0; i < v.length; i += 3) {
            b.append(String.format("v %.6f %.6f %.6f%n", v[i] + offset, v[i + 1] + offset, v[i + 2] + offset));
        }
        return b.toString();
    }

    private static float[] readFloats(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    private static int[] readInts(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[b.remaining() / 4];
        b.asIntBuffer().get(out);
        return out;
    }

    private static byte[] ints(int[] a) {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(a);
        return b.array();
    }

    private static byte[] floats(float[] a) {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
        return Arrays.copyOf(b.array(), b.capacity());
    }
}
