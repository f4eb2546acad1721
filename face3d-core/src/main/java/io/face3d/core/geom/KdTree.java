package io.face3d.core.geom;

/**
 * A static 3D k-d tree over points given as interleaved x, y, z floats, for nearest-neighbour queries
 * (Friedman, Bentley and Finkel 1977). Nodes are the points themselves, stored implicitly in a permuted index
 * array: the median of a range is its node, the halves its children. Built in O(n log^2 n), queried in about
 * O(log n). Hand-written because the well-kept Java libraries with k-d trees (ddogleg, JTS, Smile) would pull a
 * dependency into core for 80 lines.
 */
public final class KdTree {
    private final float[] pts;
    private final int[] idx;
    private final byte[] axis;

    /**
     * @param points x, y, z of each point; not copied, do not modify while the tree is in use
     * @param subset the point indices to index (e.g. all 0..n-1)
     */
    public KdTree(float[] points, int[] subset) {
        this.pts = points;
        this.idx = subset.clone();
        this.axis = new byte[idx.length];
        build(0, idx.length);
    }

    /** A tree over all points. */
    public static KdTree of(float[] points) {
        int[] all = new int[points.length / 3];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new KdTree(points, all);
    }

    public int size() {
        return idx.length;
    }

    private void build(int lo, int hi) {
        if (hi - lo <= 1) {
            return;
        }
        // split on the axis of largest extent
        float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = lo; i < hi; i++) {
            for (int a = 0; a < 3; a++) {
                float v = pts[3 * idx[i] + a];
                min[a] = Math.min(min[a], v);
                max[a] = Math.max(max[a], v);
            }
        }
        int ax = 0;
        for (int a = 1; a < 3; a++) {
            if (max[a] - min[a] > max[ax] - min[ax]) {
                ax = a;
            }
        }
        int mid = (lo + hi) >>> 1;
        Quickselect.byCoordinate(idx, pts, ax, lo, hi, mid);
        axis[mid] = (byte) ax;
        build(lo, mid);
        build(mid + 1, hi);
    }

    /** Index of the point nearest to (x, y, z); on exact ties the smaller index; -1 if the tree is empty. */
    public int nearest(double x, double y, double z) {
        double[] best = {Double.MAX_VALUE, -1};
        search(0, idx.length, x, y, z, best);
        return (int) best[1];
    }

    private void search(int lo, int hi, double x, double y, double z, double[] best) {
        if (lo >= hi) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        int p = idx[mid];
        double dx = pts[3 * p] - x, dy = pts[3 * p + 1] - y, dz = pts[3 * p + 2] - z;
        double d = dx * dx + dy * dy + dz * dz;
        if (d < best[0] || (d == best[0] && p < best[1])) {
            best[0] = d;
            best[1] = p;
        }
        int ax = axis[mid];
        double q = ax == 0 ? x : ax == 1 ? y : z;
        double diff = q - pts[3 * p + ax];
        // points equal to the split value can lie on either side after quickselect, so ties visit both halves
        if (diff < 0) {
            search(lo, mid, x, y, z, best);
            if (diff * diff <= best[0]) {
                search(mid + 1, hi, x, y, z, best);
            }
        } else {
            search(mid + 1, hi, x, y, z, best);
            if (diff * diff <= best[0]) {
                search(lo, mid, x, y, z, best);
            }
        }
    }
}
