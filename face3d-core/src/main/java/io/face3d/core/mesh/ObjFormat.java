package io.face3d.core.mesh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wavefront OBJ: {@code v x y z [r g b]}, {@code vt u v}, {@code vn} (checked, not kept: normals are recomputed),
 * faces {@code f v}, {@code v/vt}, {@code v//vn}, {@code v/vt/vn} with 1-based or negative (relative) indices,
 * polygons split into fans; {@code mtllib}/{@code usemtl} give the texture ({@code map_Kd}). Other statements
 * (groups, smoothing, lines) are skipped.
 */
final class ObjFormat {
    private static final String FIX = "re-export the mesh as OBJ";

    private ObjFormat() {
    }

    static Mesh read(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw MeshFiles.whole(file, "the file is empty", "give an OBJ mesh");
        }
        int estimate = (int) Math.min(MeshFiles.MAX_ELEMENTS, size / 60 + 16);
        FloatList positions = new FloatList(3 * estimate);
        FloatList colors = new FloatList(16);
        boolean allColored = true;
        FloatList uvs = new FloatList(16);
        int normals = 0;
        IntList triangles = new IntList(6 * estimate);
        IntList triangleUvs = new IntList(16);
        boolean allFacesHaveUv = true;
        List<String> mtllibs = new ArrayList<>();
        List<String> used = new ArrayList<>();
        int[] corner = new int[8];
        int[] cornerUv = new int[8];
        try (TextLines in = new TextLines(file, 0, 0, FIX)) {
            while (in.next()) {
                if (in.count() == 0 || in.byteAt(in.start(0)) == '#') {
                    continue;
                }
                if (in.is(0, "v")) {
                    if (in.count() < 4) {
                        throw in.error("'v' needs 3 coordinates, found " + (in.count() - 1));
                    }
                    if (positions.size() / 3 >= MeshFiles.MAX_ELEMENTS) {
                        throw in.error("more vertices than face3d can hold");
                    }
                    positions.add(in.parseFloat(1, "x"));
                    positions.add(in.parseFloat(2, "y"));
                    positions.add(in.parseFloat(3, "z"));
                    // "v x y z r g b" is the common vertex-colour extension; "v x y z w" is a weight, ignored.
                    if (in.count() == 7 && allColored) {
                        for (int k = 4; k < 7; k++) {
                            colors.add(in.parseFloat(k, "colour"));
                        }
                    } else {
                        allColored = false;
                    }
                } else if (in.is(0, "vt")) {
                    if (in.count() < 2) {
                        throw in.error("'vt' needs u and v");
                    }
                    uvs.add(in.parseFloat(1, "u"));
                    uvs.add(in.count() > 2 ? in.parseFloat(2, "v") : 0f);
                } else if (in.is(0, "vn")) {
                    if (in.count() < 4) {
                        throw in.error("'vn' needs 3 components, found " + (in.count() - 1));
                    }
                    normals++;
                } else if (in.is(0, "f")) {
                    int n = in.count() - 1;
                    if (n < 3) {
                        throw in.error("a face needs at least 3 vertices, found " + n);
                    }
                    if (n > corner.length) {
                        corner = new int[n];
                        cornerUv = new int[n];
                    }
                    boolean withUv = true;
                    for (int k = 0; k < n; k++) {
                        withUv &= parseCorner(in, k + 1, positions.size() / 3, uvs.size() / 2, normals, corner,
                            cornerUv, k);
                    }
                    if (triangles.size() / 3 + n - 2 > MeshFiles.MAX_ELEMENTS) {
                        throw in.error("more triangles than face3d can hold");
                    }
                    allFacesHaveUv &= withUv;
                    for (int k = 1; k + 1 < n; k++) {
                        triangles.add(corner[0]);
                        triangles.add(corner[k]);
                        triangles.add(corner[k + 1]);
                        if (allFacesHaveUv) {
                            triangleUvs.add(cornerUv[0]);
                            triangleUvs.add(cornerUv[k]);
                            triangleUvs.add(cornerUv[k + 1]);
                        }
                    }
                } else if (in.is(0, "mtllib") && in.count() > 1) {
                    mtllibs.add(in.rest(1));
                } else if (in.is(0, "usemtl") && in.count() > 1) {
                    used.add(in.rest(1));
                }
            }
            if (positions.size() == 0) {
                throw MeshFiles.whole(file, "no vertices ('v' lines), so this is not an OBJ mesh", "give an OBJ mesh");
            }
            if (triangles.size() == 0) {
                throw MeshFiles.whole(file, "vertices but no faces ('f' lines)", "give a mesh, not a point cloud");
            }
        }
        float[] pos = positions.toArray();
        float[] col = allColored && colors.size() == pos.length ? colors.toArray() : null;
        boolean textured = allFacesHaveUv && uvs.size() > 0;
        String texture = textured ? texture(file, mtllibs, used) : null;
        return new Mesh(pos, triangles.toArray(), textured ? uvs.toArray() : null,
            textured ? triangleUvs.toArray() : null, col, texture);
    }

    /** Parses corner token {@code i} ("v", "v/vt", "v//vn", "v/vt/vn"); returns whether it has a vt. */
    private static boolean parseCorner(TextLines in, int i, int vertices, int texcoords, int normals, int[] corner,
                                       int[] cornerUv, int k) {
        int s = in.start(i), e = in.end(i);
        int slash1 = s;
        while (slash1 < e && in.byteAt(slash1) != '/') {
            slash1++;
        }
        corner[k] = resolve(in, in.parseLong(s, slash1, "vertex index"), vertices, "vertex", "v");
        if (slash1 == e) {
            return false;
        }
        int slash2 = slash1 + 1;
        while (slash2 < e && in.byteAt(slash2) != '/') {
            slash2++;
        }
        boolean withUv = slash2 > slash1 + 1;
        if (withUv) {
            cornerUv[k] = resolve(in, in.parseLong(slash1 + 1, slash2, "texture index"), texcoords,
                "texture coordinate", "vt");
        }
        if (slash2 < e) {
            resolve(in, in.parseLong(slash2 + 1, e, "normal index"), normals, "normal", "vn");
        }
        return withUv;
    }

    /** 1-based or negative (counted back from the last defined) index to 0-based, checked against the count so far. */
    private static int resolve(TextLines in, long index, int defined, String what, String keyword) {
        long zeroBased = index > 0 ? index - 1 : defined + index;
        if (index == 0 || zeroBased < 0 || zeroBased >= defined) {
            throw in.error(what + " index " + index + " is out of range (" + defined + " '" + keyword
                + "' lines defined before this face)");
        }
        return (int) zeroBased;
    }

    /** The map_Kd of the first used material that has one (else of any material), relative to the OBJ; or null. */
    private static String texture(Path file, List<String> mtllibs, List<String> used) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Map<String, String> maps = new LinkedHashMap<>();
        for (String lib : mtllibs) {
            Path mtl = dir.resolve(lib);
            if (!Files.isRegularFile(mtl)) {
                continue; // a missing material library loses the texture, not the geometry
            }
            String material = null;
            for (String line : Files.readAllLines(mtl, StandardCharsets.ISO_8859_1)) {
                String[] w = line.trim().split("\\s+");
                if (w[0].equals("newmtl") && w.length > 1) {
                    material = line.trim().substring(6).trim();
                } else if (w[0].equals("map_Kd") && w.length > 1 && material != null) {
                    // options such as "-s 1 1 1" come first; the file name is last
                    Path image = mtl.getParent().resolve(w[w.length - 1]);
                    maps.putIfAbsent(material, dir.relativize(image.normalize()).toString());
                }
            }
        }
        for (String m : used) {
            if (maps.containsKey(m)) {
                return maps.get(m);
            }
        }
        return maps.isEmpty() ? null : maps.values().iterator().next();
    }

    /**
     * Writes v (with r g b when the mesh has colours), vn (unit vertex normals), vt (only the texture coordinates the
     * faces use, in order of first use) and f v/vt/vn; with a texture also {@code NAME.mtl} beside the OBJ (written
     * by {@code writeMtl}) referencing it by {@code map_Kd}.
     */
    static void write(Mesh mesh, Path file, String mtlName) throws IOException {
        try (AsciiLines w = new AsciiLines(Files.newOutputStream(file))) {
            w.text("# face3d mesh, millimetres\n");
            if (mtlName != null) {
                w.text("mtllib ").text(mtlName).ch('\n');
            }
            float[] p = mesh.positions();
            float[] c = mesh.colors();
            for (int i = 0; i < p.length; i += 3) {
                w.text("v ").num(p[i]).ch(' ').num(p[i + 1]).ch(' ').num(p[i + 2]);
                if (c != null) {
                    w.ch(' ').num(c[i]).ch(' ').num(c[i + 1]).ch(' ').num(c[i + 2]);
                }
                w.ch('\n');
            }
            float[] n = GlbFormat.unitNormals(mesh.vertexNormals());
            for (int i = 0; i < n.length; i += 3) {
                w.text("vn ").num(n[i]).ch(' ').num(n[i + 1]).ch(' ').num(n[i + 2]).ch('\n');
            }
            Topology top = Topology.of(mesh);
            w.block(top.vt());
            if (mtlName != null) {
                w.text("usemtl face3d\n");
            }
            w.block(top.f());
        }
    }

    /**
     * The vt and f lines of a mesh: they depend only on its triangles and texture coordinates, which every mesh of one
     * model and region shares (a batch writes the same ~1 MB of them per photo), so the last topology's bytes are
     * kept and reused when the arrays are equal.
     */
    private record Topology(int[] triangles, int[] corners, float[] uvs, byte[] vt, byte[] f) {
        private static volatile Topology last;

        static Topology of(Mesh mesh) throws IOException {
            int[] t = mesh.triangles();
            int[] tuv = cornerUvs(mesh);
            float[] uv = tuv == null ? null : mesh.uvs();
            Topology c = last;
            if (c != null && java.util.Arrays.equals(c.triangles, t) && java.util.Arrays.equals(c.corners, tuv)
                && java.util.Arrays.equals(c.uvs, uv)) {
                return c;
            }
            c = build(t.clone(), tuv == null ? null : tuv.clone(), uv == null ? null : uv.clone());
            last = c;
            return c;
        }

        /** vt (only the texture coordinates the faces use, in order of first use) and f v/vt/vn. */
        private static Topology build(int[] t, int[] tuv, float[] uv) throws IOException {
            java.io.ByteArrayOutputStream vtBytes = new java.io.ByteArrayOutputStream();
            int[] written = null; // new 0-based vt index per corner
            try (AsciiLines w = new AsciiLines(vtBytes)) {
                if (tuv != null) {
                    written = new int[tuv.length];
                    int[] renumber = new int[uv.length / 2];
                    java.util.Arrays.fill(renumber, -1);
                    int next = 0;
                    for (int k = 0; k < tuv.length; k++) {
                        int u = tuv[k];
                        if (renumber[u] < 0) {
                            renumber[u] = next++;
                            w.text("vt ").num(uv[2 * u]).ch(' ').num(uv[2 * u + 1]).ch('\n');
                        }
                        written[k] = renumber[u];
                    }
                }
            }
            java.io.ByteArrayOutputStream fBytes = new java.io.ByteArrayOutputStream(14 * t.length + 16);
            try (AsciiLines w = new AsciiLines(fBytes)) {
                for (int i = 0; i < t.length; i += 3) {
                    w.ch('f');
                    for (int k = i; k < i + 3; k++) {
                        w.ch(' ').num(t[k] + 1).ch('/');
                        if (written != null) {
                            w.num(written[k] + 1);
                        }
                        w.ch('/').num(t[k] + 1);
                    }
                    w.ch('\n');
                }
            }
            return new Topology(t, tuv, uv, vtBytes.toByteArray(), fBytes.toByteArray());
        }
    }

    static void writeMtl(String texture, Path file) throws IOException {
        Files.writeString(file, "# face3d material\nnewmtl face3d\nKa 1 1 1\nKd 1 1 1\nKs 0 0 0\nillum 1\nmap_Kd "
            + texture + "\n", StandardCharsets.UTF_8);
    }

    /** UV index per triangle corner: the mesh's own, or the vertex index when UVs are per vertex; null if none. */
    static int[] cornerUvs(Mesh mesh) {
        if (mesh.triangleUvs() != null) {
            return mesh.triangleUvs();
        }
        if (mesh.uvs() != null && mesh.uvs().length / 2 == mesh.vertexCount()) {
            return mesh.triangles();
        }
        return null;
    }
}
