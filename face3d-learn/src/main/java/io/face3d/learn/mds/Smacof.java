package io.face3d.learn.mds;

import io.face3d.core.Face3dException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * SMACOF (de Leeuw 1977; Borg and Groenen, Modern Multidimensional Scaling, ch. 8-9) with unit weights: the
 * Guttman transform X+ = (1/n) B(X) X, B_ij = -dhat_ij / d_ij(X) (i != j), B_ii = -sum_j B_ij, decreases
 * raw stress sum (dhat_ij - d_ij(X))^2 monotonically. Non-metric: before each transform the disparities dhat are
 * the isotonic regression of the current distances on the order of the dissimilarities, rescaled to the sum of
 * squares of the dissimilarities so the configuration cannot collapse to a point. Initialised by classical MDS.
 */
public final class Smacof {
    private final SmacofConfig config;

    public Smacof(SmacofConfig config) {
        this.config = config;
    }

    /** Result: coordinates (n x dim, row-major), normalised stress-1 and iterations used. */
    public record Result(double[] points, double stress, int iterations) {
    }

    /**
     * @param dissimilarity symmetric n x n, row-major, non-negative
     * @param n             points
     * @param dim           embedding dimension
     */
    public Result embed(double[] dissimilarity, int n, int dim) {
        if (n < dim + 2) {
            throw new Face3dException("MDS needs at least " + (dim + 2) + " points, got " + n);
        }
        Pairs pairList = Pairs.of(dissimilarity, n);
        int pairs = pairList.delta().length;
        int[] pi = pairList.i(), pj = pairList.j();
        double[] delta = pairList.delta();
        for (double v : delta) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new Face3dException("MDS dissimilarities must be finite and non-negative");
            }
        }
        double deltaSs = Arrays.stream(delta).map(v -> v * v).sum();
        if (deltaSs == 0) {
            throw new Face3dException("MDS dissimilarities are all zero: the points are degenerate");
        }
        // ties keep their index order (Kruskal's primary approach would let them vary; ties are rare here)
        int[] order = IntStream.range(0, pairs).boxed().sorted(Comparator.comparingDouble(p -> delta[p]))
            .mapToInt(Integer::intValue).toArray();
        double[] x = ClassicalMds.embed(dissimilarity, n, dim);
        double[] dist = new double[pairs], dhat = new double[pairs], sorted = new double[pairs];
        double[] next = new double[n * dim];
        double prev = Double.POSITIVE_INFINITY, stress = 0;
        int it = 0;
        for (; it < config.maxIterations(); it++) {
            distances(x, n, dim, pi, pj, dist);
            if (config.nonMetric()) {
                for (int r = 0; r < pairs; r++) {
                    sorted[r] = dist[order[r]];
                }
                Isotonic.fit(sorted);
                double ss = 0;
                for (int r = 0; r < pairs; r++) {
                    ss += sorted[r] * sorted[r];
                }
                double norm = ss > 0 ? Math.sqrt(deltaSs / ss) : 0;
                for (int r = 0; r < pairs; r++) {
                    dhat[order[r]] = norm > 0 ? sorted[r] * norm : delta[order[r]];
                }
            } else {
                System.arraycopy(delta, 0, dhat, 0, pairs);
            }
            double raw = 0, ds = 0;
            for (int p = 0; p < pairs; p++) {
                double e = dhat[p] - dist[p];
                raw += e * e;
                ds += dist[p] * dist[p];
            }
            stress = ds > 0 ? Math.sqrt(raw / ds) : Double.POSITIVE_INFINITY;
            if (Double.isFinite(prev) && prev - raw <= config.tolerance() * prev) {
                break;
            }
            prev = raw;
            guttman(x, n, dim, pi, pj, dist, dhat, next);
            System.arraycopy(next, 0, x, 0, x.length);
        }
        return new Result(x, stress, it);
    }

    /**
     * SMACOF over the depth only: the image coordinates (x, y) stay fixed and z moves. The SMACOF majoriser
     * tr(X^T V X) - 2 tr(X^T B(Y) Y) is a sum over coordinate columns, so minimising it over the z column alone
     * gives the Guttman update of that column, z+ = (1/n) B(X) z, which still decreases stress monotonically.
     * The disparities are {@code scale} times the dissimilarities (metric): with x, y fixed, a non-metric fit has
     * too much freedom and barely moves z from the aligned embedding (measured: no change in error).
     *
     * @param dissimilarity n x n, row-major
     * @param xy            n x 2 fixed coordinates
     * @param z0            n initial depths
     * @param scale         dissimilarity units to xy units
     * @return n depths, zero mean
     */
    public double[] refineDepth(double[] dissimilarity, double[] xy, double[] z0, double scale) {
        int n = z0.length;
        double[] x = new double[3 * n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = xy[2 * i];
            x[3 * i + 1] = xy[2 * i + 1];
            x[3 * i + 2] = z0[i];
        }
        Pairs pairList = Pairs.of(dissimilarity, n);
        int pairs = pairList.delta().length;
        int[] pi = pairList.i(), pj = pairList.j();
        double[] delta = pairList.delta();
        double[] dist = new double[pairs], dhat = new double[pairs], next = new double[3 * n];
        double prev = Double.POSITIVE_INFINITY;
        for (int it = 0; it < config.maxIterations(); it++) {
            distances(x, n, 3, pi, pj, dist);
            for (int p = 0; p < pairs; p++) {
                dhat[p] = scale * delta[p];
            }
            double raw = 0;
            for (int p = 0; p < pairs; p++) {
                raw += (dhat[p] - dist[p]) * (dhat[p] - dist[p]);
            }
            if (Double.isFinite(prev) && prev - raw <= config.tolerance() * prev) {
                break;
            }
            prev = raw;
            guttman(x, n, 3, pi, pj, dist, dhat, next);
            for (int i = 0; i < n; i++) {
                x[3 * i + 2] = next[3 * i + 2];
            }
        }
        double[] z = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[3 * i + 2] / n;
        }
        for (int i = 0; i < n; i++) {
            z[i] = x[3 * i + 2] - mean;
        }
        return z;
    }

    private static void distances(double[] x, int n, int dim, int[] pi, int[] pj, double[] out) {
        for (int p = 0; p < pi.length; p++) {
            double s = 0;
            for (int c = 0; c < dim; c++) {
                double d = x[pi[p] * dim + c] - x[pj[p] * dim + c];
                s += d * d;
            }
            out[p] = Math.sqrt(s);
        }
    }

    /** X+ = (1/n) B(X) X for unit weights. */
    private static void guttman(double[] x, int n, int dim, int[] pi, int[] pj, double[] dist, double[] dhat, double[] out) {
        Arrays.fill(out, 0);
        for (int p = 0; p < pi.length; p++) {
            if (dist[p] <= 1e-12) {
                continue;
            }
            double bij = -dhat[p] / dist[p];
            int i = pi[p], j = pj[p];
            for (int c = 0; c < dim; c++) {
                double xi = x[i * dim + c], xj = x[j * dim + c];
                // row i gets B_ij x_j + (-B_ij) x_i, and symmetrically for row j
                out[i * dim + c] += bij * (xj - xi);
                out[j * dim + c] += bij * (xi - xj);
            }
        }
        for (int v = 0; v < out.length; v++) {
            out[v] /= n;
        }
    }

    /** The point pairs i < j in row order and their dissimilarities, read from the upper triangle. */
    private record Pairs(int[] i, int[] j, double[] delta) {
        static Pairs of(double[] dissimilarity, int n) {
            int pairs = n * (n - 1) / 2;
            int[] pi = new int[pairs], pj = new int[pairs];
            double[] delta = new double[pairs];
            int k = 0;
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    pi[k] = a;
                    pj[k] = b;
                    delta[k++] = dissimilarity[a * n + b];
                }
            }
            return new Pairs(pi, pj, delta);
        }
    }
}
