package io.face3d.core.model;

import io.face3d.core.geom.KdTree;

import java.util.Arrays;

/**
 * The left/right correspondence of a symmetric mesh: for every vertex, the vertex at its mirror image across the
 * sagittal plane x = 0 (model space: +x is the subject's left). Midline vertices are their own counterpart.
 *
 * <p>Built from the mean face: a vertex's candidate is the nearest neighbour (k-d tree) of its x-mirrored position.
 * A correspondence must be an involution (m(m(v)) = v), so only mutual nearest neighbours are paired. The ICT mean
 * is symmetric to float precision, but it has coincident vertices (e.g. along the eyelid and mouth-socket seams)
 * where the nearest neighbour is a tie; those pairs are resolved by repeating the mutual-nearest matching on the
 * still unpaired vertices until no pair is added. Vertices that stay unpaired map to -1.
 */
public final class MirrorMap {
    private final int[] mirror;
    private final float[] residual;
    private final int firstPassFailures;

    private MirrorMap(int[] mirror, float[] residual, int firstPassFailures) {
        this.mirror = mirror;
        this.residual = residual;
        this.firstPassFailures = firstPassFailures;
    }

    /** Builds the map of the points (x, y, z interleaved), typically {@link MorphableModel#meanArray()}. */
    public static MirrorMap build(float[] points) {
        int n = points.length / 3;
        int[] mirror = new int[n];
        Arrays.fill(mirror, -1);
        float[] residual = new float[n];
        Arrays.fill(residual, Float.NaN);
        int[] open = new int[n];
        for (int i = 0; i < n; i++) {
            open[i] = i;
        }
        int firstPassFailures = -1;
        while (open.length > 0) {
            KdTree tree = new KdTree(points, open);
            int[] nn = new int[n];
            for (int i : open) {
                nn[i] = tree.nearest(-points[3 * i], points[3 * i + 1], points[3 * i + 2]);
            }
            int paired = 0;
            for (int i : open) {
                int j = nn[i];
                if (nn[j] == i) {
                    mirror[i] = j;
                    double dx = -points[3 * i] - points[3 * j], dy = points[3 * i + 1] - points[3 * j + 1];
                    double dz = points[3 * i + 2] - points[3 * j + 2];
                    residual[i] = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
                    paired++;
                }
            }
            if (firstPassFailures < 0) {
                firstPassFailures = open.length - paired;
            }
            if (paired == 0) {
                break;
            }
            open = Arrays.stream(open).filter(i -> mirror[i] < 0).toArray();
        }
        return new MirrorMap(mirror, residual, firstPassFailures);
    }

    /** Number of vertices. */
    public int size() {
        return mirror.length;
    }

    /** The counterpart of vertex v, v itself on the midline, or -1 if it has none. */
    public int counterpart(int v) {
        return mirror[v];
    }

    /** The whole map (a copy): entry v is {@link #counterpart(int)}. */
    public int[] toArray() {
        return mirror.clone();
    }

    /**
     * The map restricted to a vertex prefix (a {@link Region}): entry v &lt; n is v's counterpart when that lies in
     * the prefix and is paired, else v itself (a few border vertices of a region mirror to just outside it).
     */
    public int[] within(int n) {
        int[] out = new int[n];
        for (int v = 0; v < n; v++) {
            int c = mirror[v];
            out[v] = c >= 0 && c < n ? c : v;
        }
        return out;
    }

    /** Distance in mm between the mirrored vertex and its counterpart (NaN if unpaired): the mesh's asymmetry there. */
    public double residual(int v) {
        return residual[v];
    }

    /** The largest {@link #residual(int)} over paired vertices, mm. */
    public double maxResidual() {
        double m = 0;
        for (int i = 0; i < mirror.length; i++) {
            if (mirror[i] >= 0) {
                m = Math.max(m, residual[i]);
            }
        }
        return m;
    }

    /** Vertices that are their own counterpart (on the midline). */
    public int selfCount() {
        int c = 0;
        for (int i = 0; i < mirror.length; i++) {
            c += mirror[i] == i ? 1 : 0;
        }
        return c;
    }

    /** Vertices without a counterpart after the matching. */
    public int unpairedCount() {
        int c = 0;
        for (int m : mirror) {
            c += m < 0 ? 1 : 0;
        }
        return c;
    }

    /**
     * Vertices whose plain nearest-neighbour counterpart failed the involution check (m(m(v)) != v) before ties were
     * resolved: a diagnostic of how symmetric the mesh is.
     */
    public int involutionFailures() {
        return firstPassFailures;
    }
}
