package io.face3d.core.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts an upstream ICT-FaceKit checkout (github.com/ICT-VGL/ICT-FaceKit, folder {@code FaceXModel/}) into the
 * compact layout that {@link io.face3d.core.model.MorphableModel} loads (shared/models/ict-face-light/README.md):
 * <ul>
 * <li>mean.f32 = the {@code v} lines of {@code generic_neutral_mesh.obj} in order, times 10 (cm to mm);</li>
 * <li>identity.f32 / expression.f32 = (shape - neutral) times 10 for identity000..099 and the expressions;
 * differences are taken in double precision and rounded once to float, which reproduces the published compact
 * files bit for bit (so their pinned sha256 applies);</li>
 * <li>triangles, triangle_uv, triangle_polygon = the neutral mesh's faces, each polygon fan-split in order
 * (a, b, c), (a, c, d); uv.f32 = its {@code vt} lines.</li>
 * </ul>
 * Expressions: the 53 names of {@code vertex_indices.json}, then {@link #EXTRA_EXPRESSIONS}, which are shape files
 * upstream that vertex_indices.json does not list.
 */
public final class IctUpstreamImporter {
    public static final int IDENTITY_MODES = 100;
    public static final List<String> EXTRA_EXPRESSIONS = List.of("PupilDilate_L", "PupilDilate_R", "cheekRaiser_L",
        "cheekRaiser_R");
    public static final String NEUTRAL = "generic_neutral_mesh.obj";
    /** Upstream README: the face areas are prefixes of the vertex and polygon lists. */
    private static final Map<String, int[]> REGIONS = Map.of(
        "full_face_area", new int[] {9409, 9230},
        "narrow_face_area", new int[] {6706, 6560});

    private final Path faceX;

    /** @param upstream an ICT-FaceKit checkout, or its {@code FaceXModel} folder */
    public IctUpstreamImporter(Path upstream) {
        Path inner = upstream.resolve("FaceXModel");
        this.faceX = Files.isDirectory(inner) ? inner : upstream;
    }

    public Path faceXModelDir() {
        return faceX;
    }

    /** The 57 expression names: vertex_indices.json's list, then {@link #EXTRA_EXPRESSIONS}. */
    public List<String> expressionNames() {
        List<String> names = new ArrayList<>();
        vertexIndices().path("expressions").forEach(n -> names.add(n.asText()));
        if (names.isEmpty()) {
            throw new Face3dException(faceX.resolve("vertex_indices.json") + " lists no expressions: use an "
                + "unmodified ICT-FaceKit checkout (github.com/ICT-VGL/ICT-FaceKit)");
        }
        names.addAll(EXTRA_EXPRESSIONS);
        return names;
    }

    /** Upstream files a full import needs that are absent. */
    public List<Path> missingFiles() {
        List<Path> missing = new ArrayList<>();
        for (String f : List.of("vertex_indices.json", NEUTRAL)) {
            if (!Files.isRegularFile(faceX.resolve(f))) {
                missing.add(faceX.resolve(f));
            }
        }
        if (!missing.isEmpty()) {
            return missing;
        }
        for (int k = 0; k < IDENTITY_MODES; k++) {
            Path p = identityFile(k);
            if (!Files.isRegularFile(p)) {
                missing.add(p);
            }
        }
        for (String e : expressionNames()) {
            if (!Files.isRegularFile(faceX.resolve(e + ".obj"))) {
                missing.add(faceX.resolve(e + ".obj"));
            }
        }
        return missing;
    }

    private Path identityFile(int k) {
        return faceX.resolve(String.format("identity%03d.obj", k));
    }

    private JsonNode vertexIndices() {
        Path f = faceX.resolve("vertex_indices.json");
        try {
            return new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new Face3dException("cannot read " + f + " (" + e.getMessage() + "): point FACE3D_ICT_DIR at an "
                + "unmodified ICT-FaceKit checkout (github.com/ICT-VGL/ICT-FaceKit)");
        }
    }

    /**
     * Writes the compact layout (arrays, manifest.json, vertex_indices.json, LICENSE.txt) into {@code out}.
     *
     * @throws Face3dException if the checkout is incomplete (naming the first missing file and the count)
     */
    public void importTo(Path out) {
        List<Path> missing = missingFiles();
        if (!missing.isEmpty()) {
            throw new Face3dException(faceX + " is not a complete ICT-FaceKit FaceXModel folder: " + missing.get(0)
                + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more files are" : " is") + " missing; "
                + "clone github.com/ICT-VGL/ICT-FaceKit and set FACE3D_ICT_DIR to the checkout");
        }
        List<String> expressions = expressionNames();
        JsonNode vi = vertexIndices();
        try {
            Files.createDirectories(out);
            double[] neutral = readVertices(faceX.resolve(NEUTRAL));
            int v = neutral.length / 3;
            Topology topo = readTopology(faceX.resolve(NEUTRAL));
            writeFloats(out.resolve("mean.f32"), toMillimetres(neutral));
            try (FileChannel ch = FileChannel.open(out.resolve("identity.f32"), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                for (int k = 0; k < IDENTITY_MODES; k++) {
                    write(ch, deltaMillimetres(readVertices(identityFile(k)), neutral, identityFile(k)));
                }
            }
            try (FileChannel ch = FileChannel.open(out.resolve("expression.f32"), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                for (String e : expressions) {
                    Path f = faceX.resolve(e + ".obj");
                    write(ch, deltaMillimetres(readVertices(f), neutral, f));
                }
            }
            writeInts(out.resolve("triangles.i32"), topo.triangles());
            writeInts(out.resolve("triangle_uv.i32"), topo.triangleUvs());
            writeInts(out.resolve("triangle_polygon.i32"), topo.trianglePolygons());
            writeFloats(out.resolve("uv.f32"), topo.uvs());
            Files.copy(faceX.resolve("vertex_indices.json"), out.resolve("vertex_indices.json"),
                StandardCopyOption.REPLACE_EXISTING);
            Path license = license();
            if (license != null) {
                Files.copy(license, out.resolve("LICENSE.txt"), StandardCopyOption.REPLACE_EXISTING);
            }
            writeManifest(out, v, topo, expressions, vi);
        } catch (IOException e) {
            throw new Face3dException("cannot write the imported model into " + out + " (" + e
                + "): check that the folder is writable and the disk has 60 MB free");
        }
    }

    /** Upstream's MIT licence file: in the checkout root or beside the OBJs. */
    private Path license() {
        for (Path p : new Path[] {faceX.resolve("LICENSE"), faceX.resolveSibling("LICENSE"),
            faceX.resolve("LICENSE.txt")}) {
            if (p != null && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private void writeManifest(Path out, int v, Topology topo, List<String> expressions, JsonNode vi)
        throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode m = om.createObjectNode();
        m.put("name", "ICT-FaceKit Light");
        m.put("license", "MIT (c) 2020 USC Institute for Creative Technologies; see LICENSE.txt");
        m.put("source", "github.com/ICT-VGL/ICT-FaceKit FaceXModel/, imported by face3d from " + faceX.toAbsolutePath());
        m.put("units", "millimetres (upstream OBJs are centimetres; multiplied by 10)");
        m.put("byte_order", "little-endian");
        m.put("vertex_count", v);
        int t = topo.triangles().length / 3;
        m.put("triangle_count", t);
        m.put("uv_count", topo.uvs().length / 2);
        m.put("polygon_count", topo.polygonCount());
        ArrayNode ids = m.putArray("identity_names");
        for (int k = 0; k < IDENTITY_MODES; k++) {
            ids.add(String.format("identity%03d", k));
        }
        m.put("identity_semantics", "delta = identityNNN.obj - neutral, one standard deviation of PCA mode NNN; "
            + "coefficients ~ N(0,1)");
        ArrayNode names = m.putArray("expression_names");
        expressions.forEach(names::add);
        m.put("expression_semantics", "delta = <name>.obj - neutral (ARKit-style blendshape, _L/_R = subject's "
            + "left/right); weights in [0,1]");
        ArrayNode extra = m.putArray("expressions_not_in_vertex_indices_json");
        EXTRA_EXPRESSIONS.forEach(extra::add);
        ObjectNode regions = m.putObject("regions");
        for (String r : List.of("full_face_area", "narrow_face_area")) {
            int[] vp = REGIONS.get(r);
            ObjectNode rn = regions.putObject(r);
            rn.putArray("vertices").add(0).add(vp[0]);
            rn.putArray("polygons").add(0).add(vp[1]);
            rn.putArray("triangles").add(0).add(trianglesBefore(topo.trianglePolygons(), vp[1]));
        }
        ObjectNode head = regions.putObject("whole_head");
        head.putArray("vertices").add(0).add(v);
        head.putArray("triangles").add(0).add(t);
        m.set("landmarks_ibug68", vi.path("idx_to_landmark_verts"));
        ObjectNode arrays = m.putObject("arrays");
        array(arrays, out, "mean.f32", "<f4", v, 3);
        array(arrays, out, "identity.f32", "<f4", IDENTITY_MODES, v, 3);
        array(arrays, out, "expression.f32", "<f4", expressions.size(), v, 3);
        array(arrays, out, "triangles.i32", "<i4", t, 3);
        array(arrays, out, "triangle_uv.i32", "<i4", t, 3);
        array(arrays, out, "uv.f32", "<f4", topo.uvs().length / 2, 2);
        array(arrays, out, "triangle_polygon.i32", "<i4", t);
        om.writerWithDefaultPrettyPrinter().writeValue(out.resolve("manifest.json").toFile(), m);
    }

    private static void array(ObjectNode arrays, Path out, String file, String dtype, int... shape) {
        ObjectNode a = arrays.putObject(file);
        a.put("dtype", dtype);
        ArrayNode s = a.putArray("shape");
        for (int d : shape) {
            s.add(d);
        }
        a.put("sha256", AssetFiles.sha256(out.resolve(file)));
    }

    /** Triangles are emitted polygon by polygon, so a polygon prefix is a triangle prefix. */
    private static int trianglesBefore(int[] trianglePolygon, int polygons) {
        int n = 0;
        while (n < trianglePolygon.length && trianglePolygon[n] < polygons) {
            n++;
        }
        return n;
    }

    /** The {@code v} lines of an OBJ in order, as read (upstream: centimetres), x y z interleaved. */
    public static double[] readVertices(Path obj) {
        String text = readText(obj);
        double[] out = new double[3 * 32768];
        int n = 0;
        int lineNo = 0;
        for (int pos = 0; pos < text.length(); ) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                eol = text.length();
            }
            lineNo++;
            if (eol - pos > 2 && text.charAt(pos) == 'v' && text.charAt(pos + 1) == ' ') {
                if (n + 3 > out.length) {
                    out = java.util.Arrays.copyOf(out, 2 * out.length);
                }
                String[] f = text.substring(pos + 2, eol).trim().split("\\s+");
                try {
                    for (int a = 0; a < 3; a++) {
                        out[n + a] = Double.parseDouble(f[a]);
                    }
                } catch (RuntimeException e) {
                    throw new Face3dException(obj + " line " + lineNo + ": malformed vertex '"
                        + text.substring(pos, eol).strip() + "': re-download the file from ICT-FaceKit");
                }
                n += 3;
            }
            pos = eol + 1;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** cm to mm, rounded once to float. */
    public static float[] toMillimetres(double[] cm) {
        float[] out = new float[cm.length];
        for (int i = 0; i < cm.length; i++) {
            out[i] = (float) (cm[i] * 10);
        }
        return out;
    }

    /** (shape - neutral) in mm: difference in double, times 10, rounded once to float. */
    public static float[] deltaMillimetres(double[] shapeCm, double[] neutralCm, Path file) {
        if (shapeCm.length != neutralCm.length) {
            throw new Face3dException(file + " has " + shapeCm.length / 3 + " vertices, the neutral mesh "
                + neutralCm.length / 3 + ": re-download the file from ICT-FaceKit");
        }
        float[] out = new float[shapeCm.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((shapeCm[i] - neutralCm[i]) * 10);
        }
        return out;
    }

    /**
     * The neutral mesh's faces fan-split into triangles, their UV corners, source polygons, and the {@code vt} list.
     *
     * @param triangles        3 vertex indices per triangle, 0-based
     * @param triangleUvs      3 uv indices per triangle, 0-based
     * @param trianglePolygons the upstream polygon (face line) of each triangle
     * @param uvs              u, v per texture coordinate
     * @param polygonCount     number of {@code f} lines
     */
    public record Topology(int[] triangles, int[] triangleUvs, int[] trianglePolygons, float[] uvs, int polygonCount) {
    }

    public static Topology readTopology(Path obj) {
        String[] lines = readText(obj).split("\n");
        IntList tri = new IntList(), triUv = new IntList(), poly = new IntList();
        List<float[]> uv = new ArrayList<>();
        int polygons = 0;
        for (int ln = 0; ln < lines.length; ln++) {
            String l = lines[ln].strip();
            if (l.startsWith("vt ")) {
                String[] f = l.substring(3).trim().split("\\s+");
                // parsed as double, then rounded once, as the published compact files were made
                uv.add(new float[] {(float) Double.parseDouble(f[0]), (float) Double.parseDouble(f[1])});
            } else if (l.startsWith("f ")) {
                String[] c = l.substring(2).trim().split("\\s+");
                if (c.length < 3) {
                    throw new Face3dException(obj + " line " + (ln + 1) + ": a face with fewer than 3 corners: "
                        + "re-download the file from ICT-FaceKit");
                }
                int[] vi = new int[c.length], ti = new int[c.length];
                for (int k = 0; k < c.length; k++) {
                    String[] parts = c[k].split("/");
                    vi[k] = Integer.parseInt(parts[0]) - 1;
                    ti[k] = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) - 1 : -1;
                }
                for (int k = 1; k + 1 < c.length; k++) {
                    for (int j : new int[] {0, k, k + 1}) {
                        tri.add(vi[j]);
                        triUv.add(ti[j]);
                    }
                    poly.add(polygons);
                }
                polygons++;
            }
        }
        float[] uvs = new float[2 * uv.size()];
        for (int i = 0; i < uv.size(); i++) {
            uvs[2 * i] = uv.get(i)[0];
            uvs[2 * i + 1] = uv.get(i)[1];
        }
        return new Topology(tri.toArray(), triUv.toArray(), poly.toArray(), uvs, polygons);
    }

    private static String readText(Path obj) {
        try {
            return Files.readString(obj, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new Face3dException("cannot read " + obj + " (" + e.getMessage() + "): check FACE3D_ICT_DIR points "
                + "at an ICT-FaceKit checkout");
        }
    }

    private static void writeFloats(Path f, float[] a) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
            write(ch, a);
        }
    }

    private static void write(FileChannel ch, float[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void writeInts(Path f, int[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(a);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /** A growable int array (the triangle lists are built once; boxing 150k Integers is what this avoids). */
    private static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int x) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, 2 * n);
            }
            a[n++] = x;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
