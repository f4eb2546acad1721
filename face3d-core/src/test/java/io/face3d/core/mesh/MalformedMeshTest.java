package io.face3d.core.mesh;

import io.face3d.core.Face3dException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every malformed input gives one line naming the file, where (line or byte), the cause and a fix. */
class MalformedMeshTest {
    @TempDir
    Path dir;

    private static final String TRI = "v 0 0 0\nv 1 0 0\nv 0 1 0\n";
    private static final String PLY_HEAD = "ply\nformat binary_little_endian 1.0\nelement vertex 3\n"
        + "property float x\nproperty float y\nproperty float z\nelement face 2\n"
        + "property list uchar int vertex_indices\nend_header\n";

    static Stream<Arguments> cases() {
        int h = PLY_HEAD.length();
        return Stream.of(
            Arguments.of("obj index out of range", "obj", text(TRI + "f 1 2 4\n"), "line 4", "vertex index 4 is out of range"),
            Arguments.of("obj negative index out of range", "obj", text(TRI + "f -1 -2 -4\n"), "line 4", "out of range"),
            Arguments.of("obj index zero", "obj", text(TRI + "f 0 1 2\n"), "line 4", "out of range"),
            Arguments.of("obj texture index out of range", "obj", text(TRI + "vt 0 0\nf 1/1 2/2 3/1\n"), "line 5",
                "texture coordinate index 2"),
            Arguments.of("obj NaN", "obj", text("v 0 0 0\nv NaN 0 0\n"), "line 2", "not finite"),
            Arguments.of("obj infinite", "obj", text("v 0 0 0\nv 1 0 0\nv 0 1e39 0\n"), "line 3", "not finite"),
            Arguments.of("obj truncated vertex", "obj", text(TRI + "f 1 2 3\nv 4 5"), "line 5", "needs 3 coordinates"),
            Arguments.of("obj two-vertex face", "obj", text(TRI + "f 1 2\n"), "line 4", "at least 3 vertices"),
            Arguments.of("obj bad index", "obj", text(TRI + "f 1 2 x\n"), "line 4", "not an integer"),
            Arguments.of("obj binary data", "obj", png(), "line 3", "binary data"),
            Arguments.of("obj empty", "obj", new byte[0], "", "empty"),
            Arguments.of("obj not a mesh", "obj", text("hello world\nthis is text\n"), "", "no vertices"),
            Arguments.of("obj point cloud", "obj", text(TRI), "", "no faces"),

            Arguments.of("ply unknown format", "ply", text("ply\nformat binary_middle_endian 1.0\nend_header\n"),
                "line 2", "unknown PLY format 'binary_middle_endian'"),
            Arguments.of("ply 2^31 vertices", "ply", text("ply\nformat binary_little_endian 1.0\n"
                + "element vertex 2147483648\nproperty float x\nproperty float y\nproperty float z\nend_header\n"
                + "abcdefgh"), "line 3", "declares 2147483648 'vertex' elements, but only 8 bytes"),
            Arguments.of("ply more faces than the file can hold", "ply", text("ply\nformat binary_little_endian 1.0\n"
                + "element vertex 1\nproperty float x\nproperty float y\nproperty float z\nelement face 1000000\n"
                + "property list uchar int vertex_indices\nend_header\n" + "x".repeat(12 + 1000000)), "line 7",
                "declares 1000000 'face' elements"),
            Arguments.of("ply element without properties and a huge count", "ply", text("ply\nformat ascii 1.0\n"
                + "element vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
                + "element junk 9000000000000\nend_header\n0 0 0\n1 0 0\n0 1 0\n"), "line 7",
                "declares 9000000000000 items but no properties"),
            Arguments.of("ply binary element without properties", "ply", text("ply\nformat binary_little_endian 1.0\n"
                + "element junk 4000000000\nend_header\n"), "line 3", "no properties"),
            Arguments.of("ply not ply", "ply", text("solid x\n"), "line 1", "not a PLY file"),
            Arguments.of("ply no end_header", "ply", text("ply\nformat ascii 1.0\nelement vertex 3\n"), "line 3",
                "before 'end_header'"),
            Arguments.of("ply unknown type", "ply", text("ply\nformat ascii 1.0\nelement vertex 3\n"
                + "property float128 x\nend_header\n"), "line 4", "unknown property type"),
            Arguments.of("ply ascii NaN", "ply", text(asciiPly("0 0 0\nnan 1 0\n0 1 0\n3 0 1 2\n")), "line 11",
                "non-finite"),
            Arguments.of("ply ascii index out of range", "ply", text(asciiPly("0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n")),
                "line 13", "refers to vertex 3, out of range"),
            Arguments.of("ply ascii extra data", "ply", text(asciiPly("0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n3 0 2 1\n")),
                "line 14", "element counts are wrong"),
            Arguments.of("ply ascii truncated", "ply", text(asciiPly("0 0 0\n1 0 0\n")), "line 3",
                "only 12 bytes follow the header"),
            Arguments.of("ply ascii short line", "ply", text(asciiPly("0.0 0.0 0.0\n1.0 0.0\n0.0 1.0 0.0\n3 0 1 2\n")),
                "line 11",
                "too few values"),
            Arguments.of("ply binary index out of range", "ply", binaryPly(new int[] {0, 1, 2, 0, 2, 3}, 0),
                "byte " + (h + 36 + 13), "refers to vertex 3, out of range"),
            Arguments.of("ply binary NaN", "ply", binaryPly(new int[] {0, 1, 2, 0, 2, 1}, Float.NaN),
                "byte " + h, "vertex 0 has a non-finite coordinate NaN"),
            Arguments.of("ply binary truncated", "ply", quadCount(binaryPly(new int[] {0, 1, 2, 0, 2, 1}, 0), h),
                "byte " + (h + 36 + 26), "truncated"),
            Arguments.of("ply binary extra bytes", "ply", Arrays.copyOf(binaryPly(new int[] {0, 1, 2, 0, 2, 1}, 0),
                h + 36 + 26 + 3), "byte " + (h + 36 + 26), "3 bytes follow the last element"),
            Arguments.of("ply empty", "ply", new byte[0], "", "empty"),

            Arguments.of("stl binary truncated", "stl", Arrays.copyOf(binaryStl(0), 84 + 50 + 40), "byte 80",
                "claims 2 triangles, which need 184 bytes, but the file has 174 bytes (truncated)"),
            Arguments.of("stl binary with a 'solid' header, truncated", "stl",
                Arrays.copyOf(solidHeader(binaryStl(0)), 84 + 50 + 40), "byte 80", "(truncated)"),
            Arguments.of("stl binary NaN", "stl", binaryStl(Float.NaN), "byte " + (84 + 50 + 12 + 12),
                "non-finite"),
            Arguments.of("stl binary 2^31 triangles", "stl", stlClaiming(1L << 31), "byte 80",
                "claims 2147483648 triangles"),
            Arguments.of("stl not a mesh", "stl", random(300), "byte 80", "binary STL header claims"),
            Arguments.of("stl too short", "stl", text("hello"), "", "shorter than a binary STL header"),
            Arguments.of("stl empty", "stl", new byte[0], "", "empty"),
            Arguments.of("stl ascii two coordinates", "stl", text("solid a\nfacet normal 0 0 1\nouter loop\n"
                + "vertex 0 0 0\nvertex 1 0\n"), "line 5", "needs 3 coordinates"),
            Arguments.of("stl ascii truncated", "stl", text("solid a\nfacet normal 0 0 1\nouter loop\n"
                + "vertex 0 0 0\nvertex 1 0 0\n"), "line 5", "ends inside a facet loop"),
            Arguments.of("stl ascii infinite", "stl", text("solid a\nfacet normal 0 0 1\nouter loop\n"
                + "vertex 0 0 0\nvertex 1 0 0\nvertex 0 Infinity 0\nendloop\nendfacet\nendsolid\n"), "line 6",
                "not finite"),
            Arguments.of("stl ascii unknown keyword", "stl", text("solid a\nfacet normal 0 0 1\nouter loop\n"
                + "vertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nhello\n"), "line 9",
                "unexpected 'hello'"),

            Arguments.of("unknown extension", "fbx", text("x"), "", "unknown mesh extension"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesOneLineNamingFileWhereCauseAndFix(String name, String ext, byte[] content, String where,
                                                String cause) throws IOException {
        Path file = dir.resolve("bad." + ext);
        Files.write(file, content);
        Face3dException e = assertThrows(Face3dException.class, () -> MeshIO.read(file), name);
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        assertTrue(m.startsWith(file + ": "), "names the file: " + m);
        assertTrue(where.isEmpty() || m.contains(": " + where + ": "), "names " + where + ": " + m);
        assertTrue(m.contains(cause), "names the cause '" + cause + "': " + m);
        String fix = m.substring(m.lastIndexOf(": ") + 2);
        assertTrue(fix.matches("(give|re-export|use|decimate|check) .*"), "ends with a fix: " + m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void missingFileSaysSo(String ext) {
        Path file = dir.resolve("none." + ext);
        Face3dException e = assertThrows(Face3dException.class, () -> MeshIO.read(file));
        assertTrue(e.getMessage().equals(file + ": no such file: check the path"), e.getMessage());
    }

    static Stream<String> missing() {
        return Stream.of("obj", "ply", "stl");
    }

    private static String asciiPly(String body) {
        return "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
            + "element face 1\nproperty list uchar int vertex_indices\nend_header\n" + body;
    }

    private static byte[] binaryPly(int[] faces, float firstY) {
        ByteBuffer b = ByteBuffer.allocate(PLY_HEAD.length() + 36 + 26).order(ByteOrder.LITTLE_ENDIAN);
        b.put(PLY_HEAD.getBytes(StandardCharsets.US_ASCII));
        b.putFloat(0).putFloat(firstY).putFloat(0).putFloat(1).putFloat(0).putFloat(0).putFloat(0).putFloat(1)
            .putFloat(0);
        for (int f = 0; f < 2; f++) {
            b.put((byte) 3).putInt(faces[3 * f]).putInt(faces[3 * f + 1]).putInt(faces[3 * f + 2]);
        }
        return b.array();
    }

    /** Two triangles; the second triangle's second corner gets y = {@code secondCornerY}. */
    private static byte[] binaryStl(float secondCornerY) {
        ByteBuffer b = ByteBuffer.allocate(84 + 100).order(ByteOrder.LITTLE_ENDIAN);
        b.position(80);
        b.putInt(2);
        float[][] tris = {{0, 0, 0, 1, 0, 0, 0, 1, 0}, {1, 0, 0, 1, secondCornerY, 0, 0, 1, 0}};
        for (float[] t : tris) {
            b.putFloat(0).putFloat(0).putFloat(1);
            for (float v : t) {
                b.putFloat(v);
            }
            b.putShort((short) 0);
        }
        return b.array();
    }

    /** The second face claims 4 indices but the file ends after 3. */
    private static byte[] quadCount(byte[] ply, int headerLength) {
        ply[headerLength + 36 + 13] = 4;
        return ply;
    }

    private static byte[] solidHeader(byte[] stl) {
        byte[] name = "solid part".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, stl, 0, name.length);
        return stl;
    }

    private static byte[] stlClaiming(long triangles) {
        ByteBuffer b = ByteBuffer.allocate(84 + 50).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(80, (int) triangles);
        return b.array();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(3).nextBytes(b);
        b[0] = 'x';
        return b;
    }

    private static byte[] png() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
