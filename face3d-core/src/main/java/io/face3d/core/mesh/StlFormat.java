package io.face3d.core.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * STL: binary (80-byte header, uint32 triangle count, 50 bytes per triangle, little-endian) and ASCII
 * ({@code solid / facet normal / outer loop / vertex x3 / endloop / endfacet / endsolid}, any case: some CAD
 * exporters write capitals). STL has no shared
 * vertices, so reading welds bit-identical corners into an indexed mesh. Writing is binary.
 */
final class StlFormat {
    private static final int HEADER = 84;
    private static final int RECORD = 50;
    private static final String FIX = "re-export the mesh as STL, or check the file was copied completely";

    private StlFormat() {
    }

    static Mesh read(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw MeshFiles.whole(file, "the file is empty", "give an STL mesh");
        }
        byte[] head = new byte[(int) Math.min(size, 512)];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, head.length);
        }
        if (size >= HEADER) {
            long n = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(80) & 0xffffffffL;
            long expected = HEADER + RECORD * n;
            // Binary files may begin with "solid" too, so the size decides first.
            if (expected == size) {
                return readBinary(file, n);
            }
            if (!isAscii(head)) {
                throw MeshFiles.atByte(file, 80, "the binary STL header claims " + n + " triangles, which need "
                    + expected + " bytes, but the file has " + size + " bytes (" + (size < expected
                    ? "truncated" : "wrong triangle count") + ")", FIX);
            }
        } else if (!isAscii(head)) {
            throw MeshFiles.whole(file, "only " + size + " bytes, shorter than a binary STL header (84 bytes) and"
                + " not ASCII STL (no 'solid')", "give an STL mesh");
        }
        return readAscii(file, size);
    }

    /**
     * ASCII STL starts with "solid", but so do many binary headers; a binary STL also has NUL bytes in its count or
     * its first floats, where text has none.
     */
    private static boolean isAscii(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        return startsWithSolid(head);
    }

    private static boolean startsWithSolid(byte[] head) {
        int i = 0;
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return head.length - i >= 5 && new String(head, i, 5, StandardCharsets.ISO_8859_1).equalsIgnoreCase("solid");
    }

    private static Mesh readBinary(Path file, long n) throws IOException {
        if (n == 0) {
            throw MeshFiles.atByte(file, 80, "the binary STL holds no triangles", "give a non-empty mesh");
        }
        if (n > MeshFiles.MAX_ELEMENTS) {
            throw MeshFiles.atByte(file, 80, n + " triangles is more than face3d can hold (" + MeshFiles.MAX_ELEMENTS
                + ")", "decimate the mesh first");
        }
        int count = (int) n;
        int[] triangles = new int[3 * count];
        // A closed surface has about half as many vertices as triangles (Euler: V - E + F = 2, E = 3F/2).
        VertexWelder welder = new VertexWelder(count / 2 + 16);
        try (BinaryInput in = new BinaryInput(file, HEADER, ByteOrder.LITTLE_ENDIAN, FIX)) {
            for (int t = 0; t < count; t++) {
                in.require(RECORD);
                ByteBuffer b = in.buffer();
                int p = b.position() + 12; // skip the facet normal: recomputed from the corners when needed
                for (int k = 0; k < 3; k++, p += 12) {
                    float x = b.getFloat(p), y = b.getFloat(p + 4), z = b.getFloat(p + 8);
                    if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                        throw in.error(in.offset() + p - b.position(), "triangle " + t + " corner " + k
                            + " has a non-finite coordinate (" + x + ", " + y + ", " + z + ")");
                    }
                    triangles[3 * t + k] = welder.add(x, y, z);
                }
                b.position(b.position() + RECORD);
            }
        }
        return new Mesh(welder.finish(), triangles);
    }

    private static Mesh readAscii(Path file, long size) throws IOException {
        // An ASCII facet takes about 250 bytes; the welder and list grow beyond the estimate when needed.
        int estimate = (int) Math.min(MeshFiles.MAX_ELEMENTS, size / 200 + 16);
        VertexWelder welder = new VertexWelder(estimate / 2 + 16);
        IntList triangles = new IntList(3 * estimate);
        int[] loop = new int[3];
        int inLoop = -1; // corners seen in the current loop, -1 outside a loop
        boolean sawSolid = false;
        try (TextLines in = new TextLines(file, 0, 0, FIX)) {
            while (in.next()) {
                if (in.count() == 0) {
                    continue;
                }
                if (in.isIgnoreCase(0, "vertex")) {
                    if (inLoop < 0) {
                        throw in.error("'vertex' outside 'outer loop'");
                    }
                    if (in.count() != 4) {
                        throw in.error("'vertex' needs 3 coordinates, found " + (in.count() - 1));
                    }
                    int v = welder.add(in.parseFloat(1, "x"), in.parseFloat(2, "y"), in.parseFloat(3, "z"));
                    if (inLoop == loop.length) {
                        loop = java.util.Arrays.copyOf(loop, 2 * loop.length);
                    }
                    loop[inLoop++] = v;
                } else if (in.isIgnoreCase(0, "facet") || in.isIgnoreCase(0, "endfacet")) {
                    if (inLoop >= 0) {
                        throw in.error(MeshFiles.quote(in.token(0)) + " inside 'outer loop' (missing 'endloop')");
                    }
                } else if (in.isIgnoreCase(0, "outer")) {
                    if (inLoop >= 0) {
                        throw in.error("'outer loop' inside another loop (missing 'endloop')");
                    }
                    inLoop = 0;
                } else if (in.isIgnoreCase(0, "endloop")) {
                    if (inLoop < 3) {
                        throw in.error("a facet loop with " + Math.max(inLoop, 0) + " vertices; a triangle needs 3");
                    }
                    if (triangles.size() / 3 + inLoop - 2 > MeshFiles.MAX_ELEMENTS) {
                        throw in.error("more triangles than face3d can hold");
                    }
                    for (int k = 1; k + 1 < inLoop; k++) { // polygons (non-standard) are split into a fan
                        triangles.add(loop[0]);
                        triangles.add(loop[k]);
                        triangles.add(loop[k + 1]);
                    }
                    inLoop = -1;
                } else if (in.isIgnoreCase(0, "solid")) {
                    sawSolid = true;
                } else if (!in.isIgnoreCase(0, "endsolid")) {
                    throw in.error("unexpected " + MeshFiles.quote(in.token(0)) + " (expected facet, outer loop,"
                        + " vertex, endloop, endfacet or endsolid)");
                }
            }
            if (inLoop >= 0) {
                throw in.error("the file ends inside a facet loop (truncated)");
            }
            if (!sawSolid || triangles.size() == 0) {
                throw MeshFiles.whole(file, "no facets in this ASCII STL", "give a non-empty STL mesh");
            }
        }
        return new Mesh(welder.finish(), triangles.toArray());
    }

    /** Binary STL with facet normals computed from the corners (right-hand rule). */
    static void write(Mesh mesh, Path file) throws IOException {
        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        int n = mesh.triangleCount();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            byte[] title = "face3d binary STL, millimetres".getBytes(StandardCharsets.US_ASCII);
            b.put(title).put(new byte[80 - title.length]).putInt(n);
            for (int i = 0; i < t.length; i += 3) {
                if (b.remaining() < RECORD) {
                    MeshFiles.flush(ch, b);
                }
                int a = 3 * t[i], c = 3 * t[i + 1], d = 3 * t[i + 2];
                float ux = p[c] - p[a], uy = p[c + 1] - p[a + 1], uz = p[c + 2] - p[a + 2];
                float vx = p[d] - p[a], vy = p[d + 1] - p[a + 1], vz = p[d + 2] - p[a + 2];
                float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
                float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
                float s = len > 0 ? 1 / len : 0;
                b.putFloat(nx * s).putFloat(ny * s).putFloat(nz * s);
                for (int k : new int[] {a, c, d}) {
                    b.putFloat(p[k]).putFloat(p[k + 1]).putFloat(p[k + 2]);
                }
                b.putShort((short) 0);
            }
            MeshFiles.flush(ch, b);
        }
    }
}
