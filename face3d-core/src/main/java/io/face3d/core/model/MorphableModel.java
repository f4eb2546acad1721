package io.face3d.core.model;

import io.face3d.core.Face3dException;
import io.face3d.core.mesh.Mesh;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ICT-FaceKit morphable model in the compact layout (see shared/models/ict-face-light/README.md):
 * shape(identity a, expression w) = mean + sum_k a_k * U_k + sum_j w_j * E_j, in millimetres, with
 * a_k ~ N(0, 1) (U_k is one standard deviation) and w_j in [0, 1].
 *
 * <p>Bases are stored mode-major (mode, vertex, xyz) as flat float arrays, as in the files, so evaluating a
 * region (a vertex prefix) is one contiguous axpy per mode, and any vertex subset can be evaluated without the
 * rest. Files are memory mapped and copied once into heap arrays (about 50 MB), which the JIT vectorises.
 */
public final class MorphableModel {
    private final String name;
    private final int vertexCount;
    private final float[] mean;
    private final float[] identity;
    private final float[] expression;
    private final int identityCount;
    private final List<String> expressionNames;
    private final int[] triangles;
    private final int[] triangleUvs;
    private final float[] uvs;
    private final int[] landmarks68;
    private final Map<Region, int[]> regionCounts;
    private final Path source;
    private volatile MirrorMap mirrorMap;
    /** Built on first use; a benign race may build it twice, both equal. */
    private volatile SubsetEvaluator landmarkEvaluator;

    private MorphableModel(String name, float[] mean, float[] identity, float[] expression, List<String> expressionNames,
                           int[] triangles, int[] triangleUvs, float[] uvs, int[] landmarks68, Map<Region, int[]> regionCounts,
                           Path source) {
        this.name = name;
        this.mean = mean;
        this.vertexCount = mean.length / 3;
        this.identity = identity;
        this.expression = expression;
        this.identityCount = identity.length / mean.length;
        this.expressionNames = Collections.unmodifiableList(new ArrayList<>(expressionNames));
        this.triangles = triangles;
        this.triangleUvs = triangleUvs;
        this.uvs = uvs;
        this.landmarks68 = landmarks68;
        this.regionCounts = regionCounts;
        this.source = source;
    }

    /**
     * Loads the compact layout from a directory holding manifest.json and the .f32/.i32 arrays. Sizes are
     * checked against the manifest; checksums are verified by setup, not on every load (hashing 50 MB would
     * triple the load time).
     */
    public static MorphableModel load(Path dir) {
        Path manifestFile = dir.resolve("manifest.json");
        Manifest m;
        try {
            m = Manifest.read(manifestFile);
        } catch (IOException e) {
            throw new Face3dException("cannot read the model manifest " + manifestFile + " (" + e.getMessage()
                + "): run ./face3d setup to reinstall the model");
        }
        int v = m.intAt(-1, "vertex_count");
        List<?> nameList = m.listAt("expression_names");
        List<?> lmList = m.listAt("landmarks_ibug68");
        int t = m.intAt(-1, "triangle_count");
        if (v <= 0 || t <= 0 || m.intAt(-1, "uv_count") <= 0 || nameList == null || lmList == null) {
            throw new Face3dException("model manifest " + manifestFile + " lacks vertex_count, triangle_count, "
                + "uv_count, expression_names or landmarks_ibug68: run ./face3d setup to reinstall the model");
        }
        List<String> names = new ArrayList<>();
        nameList.forEach(n -> names.add(String.valueOf(n)));
        int[] lm = new int[lmList.size()];
        for (int i = 0; i < lm.length; i++) {
            lm[i] = m.intAt(-1, "landmarks_ibug68", i);
        }
        Map<Region, int[]> regions = new EnumMap<>(Region.class);
        for (Region r : Region.values()) {
            regions.put(r, new int[] {m.intAt(v, "regions", r.manifestKey(), "vertices", 1),
                m.intAt(t, "regions", r.manifestKey(), "triangles", 1)});
        }
        int identityModes = m.intAt(100, "arrays", "identity.f32", "shape", 0);
        float[] mean = readFloats(dir.resolve("mean.f32"), 3L * v);
        float[] id = readFloats(dir.resolve("identity.f32"), 3L * v * identityModes);
        float[] ex = readFloats(dir.resolve("expression.f32"), 3L * v * names.size());
        int[] tri = readInts(dir.resolve("triangles.i32"), 3L * t);
        int[] triUv = readInts(dir.resolve("triangle_uv.i32"), 3L * t);
        float[] uv = readFloats(dir.resolve("uv.f32"), 2L * m.intAt(-1, "uv_count"));
        for (int i : tri) {
            if (i < 0 || i >= v) {
                throw new Face3dException("model file triangles.i32 has vertex index " + i + " outside [0, " + v
                    + "): the model is corrupt, run ./face3d setup");
            }
        }
        return new MorphableModel(m.textAt("ICT-FaceKit Light", "name"), mean, id, ex, names, tri, triUv, uv, lm,
            regions, dir.toAbsolutePath());
    }

    private static MappedByteBuffer map(Path file, long bytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != bytes) {
                throw new Face3dException("model file " + file + " has " + ch.size() + " bytes, expected " + bytes
                    + ": the model is corrupt or incomplete, run ./face3d setup");
            }
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes);
            b.order(ByteOrder.LITTLE_ENDIAN);
            return b;
        } catch (NoSuchFileException e) {
            throw new Face3dException("model file " + file + " is missing: run ./face3d setup");
        } catch (IOException e) {
            throw new Face3dException("cannot read model file " + file + " (" + e.getMessage() + "): run ./face3d setup");
        }
    }

    private static float[] readFloats(Path file, long count) {
        float[] out = new float[Math.toIntExact(count)];
        map(file, 4 * count).asFloatBuffer().get(out);
        return out;
    }

    private static int[] readInts(Path file, long count) {
        int[] out = new int[Math.toIntExact(count)];
        map(file, 4 * count).asIntBuffer().get(out);
        return out;
    }

    public String name() {
        return name;
    }

    /** The folder the model was loaded from. */
    public Path source() {
        return source;
    }

    /**
     * The left/right vertex correspondence of the mean face (built on first use, about 50 ms, then cached).
     */
    public MirrorMap mirrorMap() {
        MirrorMap m = mirrorMap;
        if (m == null) {
            synchronized (this) {
                m = mirrorMap;
                if (m == null) {
                    mirrorMap = m = MirrorMap.build(mean);
                }
            }
        }
        return m;
    }

    public int vertexCount() {
        return vertexCount;
    }

    public int identityCount() {
        return identityCount;
    }

    public int expressionCount() {
        return expressionNames.size();
    }

    public List<String> expressionNames() {
        return expressionNames;
    }

    /** Expression weights by name: {@code weights[i]} under {@code expressionNames().get(i)}, in the model's order. */
    public Map<String, Double> expressionsByName(double[] weights) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < weights.length; i++) {
            out.put(expressionNames.get(i), weights[i]);
        }
        return out;
    }

    /** Index of an expression by name, or -1. */
    public int expressionIndex(String expressionName) {
        return expressionNames.indexOf(expressionName);
    }

    /** The 68 iBUG landmark vertices (CONVENTIONS.md order). */
    public int[] landmarks68() {
        return landmarks68.clone();
    }

    public int vertexCount(Region region) {
        return regionCounts.get(region)[0];
    }

    public int triangleCount(Region region) {
        return regionCounts.get(region)[1];
    }

    /** Triangles of a region (indices refer to the region's vertex prefix). */
    public int[] triangles(Region region) {
        return java.util.Arrays.copyOf(triangles, 3 * triangleCount(region));
    }

    /** Mean-face positions (x, y, z per vertex), a read-only view: do not modify. */
    public float[] meanArray() {
        return mean;
    }

    /** Identity basis, mode-major: component (k, v, axis) at [(k * V + v) * 3 + axis]; a view, do not modify. */
    public float[] identityArray() {
        return identity;
    }

    /** Expression basis, mode-major like {@link #identityArray()}; a view, do not modify. */
    public float[] expressionArray() {
        return expression;
    }

    /** The face over a region's vertex prefix; null coefficient arrays mean all zero. */
    public float[] evaluate(double[] identityCoefficients, double[] expressionWeights, Region region) {
        int n = 3 * vertexCount(region);
        float[] out = java.util.Arrays.copyOf(mean, n);
        int stride = 3 * vertexCount;
        accumulate(identity, identityCoefficients, identityCount, stride, n, out);
        accumulate(expression, expressionWeights, expressionCount(), stride, n, out);
        return out;
    }

    /**
     * out[0, n) += sum_k coef[k] * basis[k * stride + (0, n)], skipping zero coefficients. Modes are taken four at a
     * time so each pass over {@code out} (L1/L2 resident) reads four basis rows: the loop is bound by reading the
     * basis (17.7 MB for the full face area), and grouping cut the time of a full face area evaluation from 2.2 ms
     * to 0.9 ms (best of 400, one mode per pass vs four, JDK 17 C2 auto-vectorised, AMD EPYC; eight per pass was
     * slower). Sums are in float: the bases are float and the result is float.
     */
    static void accumulate(float[] basis, double[] coef, int modes, int stride, int n, float[] out) {
        if (coef == null) {
            return;
        }
        if (coef.length != modes) {
            throw new IllegalArgumentException("expected " + modes + " coefficients, got " + coef.length);
        }
        int[] nz = new int[modes];
        int m = 0;
        for (int k = 0; k < modes; k++) {
            if (coef[k] != 0) {
                nz[m++] = k;
            }
        }
        int g = 0;
        for (; g + 3 < m; g += 4) {
            float c0 = (float) coef[nz[g]], c1 = (float) coef[nz[g + 1]];
            float c2 = (float) coef[nz[g + 2]], c3 = (float) coef[nz[g + 3]];
            int o0 = nz[g] * stride, o1 = nz[g + 1] * stride, o2 = nz[g + 2] * stride, o3 = nz[g + 3] * stride;
            for (int j = 0; j < n; j++) {
                out[j] += (c0 * basis[o0 + j] + c1 * basis[o1 + j]) + (c2 * basis[o2 + j] + c3 * basis[o3 + j]);
            }
        }
        for (; g < m; g++) {
            float c = (float) coef[nz[g]];
            int off = nz[g] * stride;
            for (int j = 0; j < n; j++) {
                out[j] += c * basis[off + j];
            }
        }
    }

    /**
     * The face at the given vertices only (x, y, z per listed vertex, in list order). The 68 landmarks use a cached
     * {@link SubsetEvaluator}; other subsets are gathered on each call (use {@link #subsetEvaluator(int[])} to
     * evaluate another subset repeatedly).
     */
    public float[] evaluate(double[] identityCoefficients, double[] expressionWeights, int[] vertices) {
        if (java.util.Arrays.equals(vertices, landmarks68)) {
            return landmarkEvaluator().evaluate(identityCoefficients, expressionWeights);
        }
        return new SubsetEvaluator(this, vertices).evaluate(identityCoefficients, expressionWeights);
    }

    private SubsetEvaluator landmarkEvaluator() {
        SubsetEvaluator e = landmarkEvaluator;
        if (e == null) {
            landmarkEvaluator = e = new SubsetEvaluator(this, landmarks68);
        }
        return e;
    }

    /** An evaluator for a fixed vertex subset: its bases are gathered once into contiguous arrays. */
    public SubsetEvaluator subsetEvaluator(int[] vertices) {
        return new SubsetEvaluator(this, vertices);
    }

    /**
     * The model restricted to a vertex subset, with the bases gathered mode-major into contiguous float arrays, so an
     * evaluation reads 157 x 3n consecutive floats instead of 157 x n scattered cache lines (the 68 landmarks: 128 KB,
     * L2 resident). Immutable and thread-safe.
     */
    public static final class SubsetEvaluator {
        private final int[] vertices;
        private final float[] mean;
        private final float[] identity;
        private final float[] expression;
        private final int identityCount;
        private final int expressionCount;

        private SubsetEvaluator(MorphableModel model, int[] vertices) {
            this.vertices = vertices.clone();
            int n = vertices.length, stride = 3 * model.vertexCount;
            this.identityCount = model.identityCount;
            this.expressionCount = model.expressionCount();
            this.mean = new float[3 * n];
            this.identity = new float[identityCount * 3 * n];
            this.expression = new float[expressionCount * 3 * n];
            for (int i = 0; i < n; i++) {
                int v3 = 3 * vertices[i];
                if (vertices[i] < 0 || vertices[i] >= model.vertexCount) {
                    throw new IllegalArgumentException("vertex " + vertices[i] + " outside [0, " + model.vertexCount + ")");
                }
                for (int a = 0; a < 3; a++) {
                    mean[3 * i + a] = model.mean[v3 + a];
                    for (int k = 0; k < identityCount; k++) {
                        identity[k * 3 * n + 3 * i + a] = model.identity[k * stride + v3 + a];
                    }
                    for (int k = 0; k < expressionCount; k++) {
                        expression[k * 3 * n + 3 * i + a] = model.expression[k * stride + v3 + a];
                    }
                }
            }
        }

        public int[] vertices() {
            return vertices.clone();
        }

        /** x, y, z of each subset vertex, in subset order; null coefficient arrays mean all zero. */
        public float[] evaluate(double[] identityCoefficients, double[] expressionWeights) {
            int n3 = mean.length;
            float[] out = mean.clone();
            accumulate(identity, identityCoefficients, identityCount, n3, n3, out);
            accumulate(expression, expressionWeights, expressionCount, n3, n3, out);
            return out;
        }
    }

    /** The basis restricted to some vertices, in double precision, for fitting. */
    public SubsetBasis subset(int[] vertices) {
        int n = vertices.length, stride = 3 * vertexCount, e = expressionCount();
        double[] mu = new double[3 * n];
        double[][] u = new double[identityCount][3 * n];
        double[][] ex = new double[e][3 * n];
        for (int i = 0; i < n; i++) {
            int v3 = 3 * vertices[i];
            for (int a = 0; a < 3; a++) {
                mu[3 * i + a] = mean[v3 + a];
                for (int k = 0; k < identityCount; k++) {
                    u[k][3 * i + a] = identity[k * stride + v3 + a];
                }
                for (int k = 0; k < e; k++) {
                    ex[k][3 * i + a] = expression[k * stride + v3 + a];
                }
            }
        }
        return new SubsetBasis(vertices.clone(), mu, u, ex);
    }

    /** The face over a region as a mesh with the model's triangles and UVs (model space, mm). */
    public Mesh mesh(double[] identityCoefficients, double[] expressionWeights, Region region) {
        float[] pos = evaluate(identityCoefficients, expressionWeights, region);
        int t = 3 * triangleCount(region);
        int[] tri = java.util.Arrays.copyOf(triangles, t);
        int[] triUv = java.util.Arrays.copyOf(triangleUvs, t);
        return new Mesh(pos, tri, uvs.clone(), triUv, null, null);
    }

    /**
     * Mean, identity and expression bases at a vertex subset: point i, axis a is row 3 i + a.
     *
     * @param vertices   the model vertices
     * @param mean       3 n values
     * @param identity   [mode][3 n]
     * @param expression [blendshape][3 n]
     */
    public record SubsetBasis(int[] vertices, double[] mean, double[][] identity, double[][] expression) {
    }
}
