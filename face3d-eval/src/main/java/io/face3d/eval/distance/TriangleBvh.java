package io.face3d.eval.distance;

import io.face3d.core.geom.Quickselect;
import io.face3d.core.mesh.Mesh;

import java.util.Arrays;

/**
 * Bounding-volume hierarchy over the triangles of a mesh, for nearest-point-on-surface queries. Everything lives in
 * flat arrays (six floats of box and two ints per node, one int per triangle) so a 5M-triangle scan costs about
 * 36 bytes per triangle on top of the mesh. Built by median splits along the longest axis of the triangle
 * centroids (leaves of at most {@value #LEAF_SIZE} triangles); a k-d tree over vertices was rejected because the
 * nearest vertex is not the nearest surface point on coarse or anisotropic meshes.
 */
public final class TriangleBvh {
    static final int LEAF_SIZE = 4;
    private static final int STACK = 96;

    private final float[] positions;
    private final int[] triangles;
    /** Triangle ids; each leaf owns a contiguous range. */
    private final int[] order;
    /** min x, y, z, max x, y, z per node. */
    private final float[] bounds;
    /** Leaf: first index into {@link #order}; inner node: index of the left child (the right child follows it). */
    private final int[] start;
    /** Leaf: number of triangles (> 0); inner node: 0. */
    private final int[] count;
    private int nodes;

    public TriangleBvh(Mesh mesh) {
        this(mesh.positions(), mesh.triangles());
    }

    public TriangleBvh(float[] positions, int[] triangles) {
        int n = triangles.length / 3;
        if (n == 0) {
            throw new IllegalArgumentException("a BVH needs at least one triangle");
        }
        this.positions = positions;
        this.triangles = triangles;
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Median splits give leaves of at least two triangles (when n >= 2), so fewer than n + 1 nodes.
        int capacity = n + 1;
        float[] box = new float[6 * capacity];
        int[] first = new int[capacity];
        int[] cnt = new int[capacity];
        float[] centroids = new float[3 * n];
        for (int t = 0; t < n; t++) {
            int a = 3 * triangles[3 * t], b = 3 * triangles[3 * t + 1], c = 3 * triangles[3 * t + 2];
            for (int k = 0; k < 3; k++) {
                centroids[3 * t + k] = (positions[a + k] + positions[b + k] + positions[c + k]) / 3f;
            }
        }
        nodes = 1;
        build(0, 0, n, box, first, cnt, centroids);
        this.bounds = Arrays.copyOf(box, 6 * nodes);
        this.start = Arrays.copyOf(first, nodes);
        this.count = Arrays.copyOf(cnt, nodes);
    }

    private void build(int node, int lo, int hi, float[] box, int[] first, int[] cnt, float[] centroids) {
        float minX = Float.POSITIVE_INFINITY, minY = minX, minZ = minX;
        float maxX = Float.NEGATIVE_INFINITY, maxY = maxX, maxZ = maxX;
        float cMinX = Float.POSITIVE_INFINITY, cMinY = cMinX, cMinZ = cMinX;
        float cMaxX = Float.NEGATIVE_INFINITY, cMaxY = cMaxX, cMaxZ = cMaxX;
        for (int i = lo; i < hi; i++) {
            int t = order[i];
            for (int k = 0; k < 3; k++) {
                int v = 3 * triangles[3 * t + k];
                float x = positions[v], y = positions[v + 1], z = positions[v + 2];
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                minZ = Math.min(minZ, z);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
                maxZ = Math.max(maxZ, z);
            }
            float x = centroids[3 * t], y = centroids[3 * t + 1], z = centroids[3 * t + 2];
            cMinX = Math.min(cMinX, x);
            cMinY = Math.min(cMinY, y);
            cMinZ = Math.min(cMinZ, z);
            cMaxX = Math.max(cMaxX, x);
            cMaxY = Math.max(cMaxY, y);
            cMaxZ = Math.max(cMaxZ, z);
        }
        int b = 6 * node;
        box[b] = minX;
        box[b + 1] = minY;
        box[b + 2] = minZ;
        box[b + 3] = maxX;
        box[b + 4] = maxY;
        box[b + 5] = maxZ;
        if (hi - lo <= LEAF_SIZE) {
            first[node] = lo;
            cnt[node] = hi - lo;
            return;
        }
        float ex = cMaxX - cMinX, ey = cMaxY - cMinY, ez = cMaxZ - cMinZ;
        int axis = ex >= ey && ex >= ez ? 0 : (ey >= ez ? 1 : 2);
        int mid = (lo + hi) >>> 1;
        Quickselect.byCoordinate(order, centroids, axis, lo, hi, mid);
        int left = nodes;
        nodes += 2;
        first[node] = left;
        cnt[node] = 0;
        build(left, lo, mid, box, first, cnt, centroids);
        build(left + 1, mid, hi, box, first, cnt, centroids);
    }

    public int triangleCount() {
        return order.length;
    }

    public int nodeCount() {
        return nodes;
    }

    /** A query cursor with its own traversal stack; one per thread. */
    public Query newQuery() {
        return new Query();
    }

    /** Nearest point on the surface to given points; not thread-safe (use one per thread). */
    public final class Query {
        private final int[] stack = new int[STACK];
        private final double[] tmp = new double[3];
        private double x, y, z;
        private int triangle = -1;

        /**
         * Finds the closest surface point to (px, py, pz) and returns the squared distance; then {@link #x()},
         * {@link #y()}, {@link #z()} and {@link #triangle()} describe it.
         */
        public double nearest(double px, double py, double pz) {
            return nearest(px, py, pz, Double.POSITIVE_INFINITY);
        }

        /**
         * As {@link #nearest(double, double, double)} but ignores the surface farther than sqrt(maxDist2); returns
         * +infinity (and triangle -1) when nothing is that close.
         */
        public double nearest(double px, double py, double pz, double maxDist2) {
            double best = maxDist2;
            // Queries usually come in spatial order (vertices of a scan, samples of a triangle): the previous
            // answer's triangle gives a tight first bound, so most boxes are pruned at once.
            int last = triangle;
            triangle = -1;
            if (last >= 0) {
                best = tryTriangle(last, px, py, pz, best);
            }
            int sp = 0;
            stack[sp++] = 0;
            float[] bx = bounds;
            while (sp > 0) {
                int node = stack[--sp];
                if (boxDistance2(bx, 6 * node, px, py, pz) >= best) {
                    continue;
                }
                int c = count[node];
                if (c > 0) {
                    int s = start[node];
                    for (int i = s; i < s + c; i++) {
                        best = tryTriangle(order[i], px, py, pz, best);
                    }
                } else {
                    int left = start[node];
                    double dl = boxDistance2(bx, 6 * left, px, py, pz);
                    double dr = boxDistance2(bx, 6 * (left + 1), px, py, pz);
                    // Push the farther child first so the nearer one is searched first and tightens the bound.
                    if (dl <= dr) {
                        if (dr < best) {
                            stack[sp++] = left + 1;
                        }
                        if (dl < best) {
                            stack[sp++] = left;
                        }
                    } else {
                        if (dl < best) {
                            stack[sp++] = left;
                        }
                        if (dr < best) {
                            stack[sp++] = left + 1;
                        }
                    }
                }
            }
            return triangle < 0 ? Double.POSITIVE_INFINITY : best;
        }

        /** Triangle t's closest point if nearer than {@code best} (then it becomes the answer); the new best. */
        private double tryTriangle(int t, double px, double py, double pz, double best) {
            float[] p = positions;
            int a = 3 * triangles[3 * t], b = 3 * triangles[3 * t + 1], c = 3 * triangles[3 * t + 2];
            double d = ClosestPointOnTriangle.closest(px, py, pz, p[a], p[a + 1], p[a + 2],
                p[b], p[b + 1], p[b + 2], p[c], p[c + 1], p[c + 2], tmp);
            if (!(d < best)) {
                return best;
            }
            triangle = t;
            x = tmp[0];
            y = tmp[1];
            z = tmp[2];
            return d;
        }

        public double x() {
            return x;
        }

        public double y() {
            return y;
        }

        public double z() {
            return z;
        }

        /** Index of the triangle holding the closest point, or -1 after a query that found nothing. */
        public int triangle() {
            return triangle;
        }
    }

    private static double boxDistance2(float[] b, int o, double px, double py, double pz) {
        double dx = Math.max(0, Math.max(b[o] - px, px - b[o + 3]));
        double dy = Math.max(0, Math.max(b[o + 1] - py, py - b[o + 4]));
        double dz = Math.max(0, Math.max(b[o + 2] - pz, pz - b[o + 5]));
        return dx * dx + dy * dy + dz * dz;
    }
}
