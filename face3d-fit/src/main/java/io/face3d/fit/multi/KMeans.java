package io.face3d.fit.multi;

import java.util.Arrays;
import java.util.Random;

/**
 * K-means with k-means++ seeding (Arthur and Vassilvitskii 2007) and several restarts, keeping the solution with
 * the lowest within-cluster sum of squares: the identity clustering of the multi-image method (Dhouioui et al.
 * 2022). Written here rather than taken from a library because the JVM's clustering libraries (Smile, Apache
 * Commons Math 3) are either GPL-licensed or unmaintained, and the algorithm is forty lines. Deterministic given
 * the seed.
 */
public final class KMeans {
    private static final int MAX_ITERATIONS = 300;

    private KMeans() {
    }

    /**
     * @param labels    cluster of each point, 0..k-1
     * @param centroids k rows of the points' dimension
     * @param wcss      within-cluster sum of squared distances
     */
    public record Result(int[] labels, double[][] centroids, double wcss) {
    }

    /** Best of {@code restarts} runs of Lloyd's algorithm from k-means++ seeds. */
    public static Result cluster(double[][] points, int k, int restarts, long seed) {
        if (points.length == 0) {
            throw new IllegalArgumentException("no points to cluster");
        }
        if (k < 1 || k > points.length) {
            throw new IllegalArgumentException("k must be in [1, " + points.length + "], got " + k);
        }
        Random rnd = new Random(seed);
        Result best = null;
        for (int r = 0; r < Math.max(1, restarts); r++) {
            Result res = lloyd(points, seedPlusPlus(points, k, rnd));
            if (best == null || res.wcss() < best.wcss() - 1e-12) {
                best = res;
            }
        }
        return best;
    }

    static double[][] seedPlusPlus(double[][] x, int k, Random rnd) {
        int n = x.length;
        double[][] c = new double[k][];
        c[0] = x[rnd.nextInt(n)].clone();
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], dist2(x[i], c[j - 1]));
                total += d2[i];
            }
            int pick = n - 1;
            if (total > 0) {
                double u = rnd.nextDouble() * total;
                for (int i = 0; i < n; i++) {
                    u -= d2[i];
                    if (u <= 0) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = rnd.nextInt(n);
            }
            c[j] = x[pick].clone();
        }
        return c;
    }

    /** Lloyd iterations from given centroids until no label changes. */
    public static Result lloyd(double[][] x, double[][] centroids) {
        int n = x.length, k = centroids.length, d = x[0].length;
        double[][] c = new double[k][];
        for (int j = 0; j < k; j++) {
            c[j] = centroids[j].clone();
        }
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int l = nearest(x[i], c);
                if (l != labels[i]) {
                    labels[i] = l;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sum = new double[k][d];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[labels[i]]++;
                for (int a = 0; a < d; a++) {
                    sum[labels[i]][a] += x[i][a];
                }
            }
            for (int j = 0; j < k; j++) {
                if (count[j] == 0) {
                    // An empty cluster takes the point farthest from its centroid, so k clusters survive.
                    int far = 0;
                    double worst = -1;
                    for (int i = 0; i < n; i++) {
                        double dd = dist2(x[i], c[labels[i]]);
                        if (dd > worst) {
                            worst = dd;
                            far = i;
                        }
                    }
                    c[j] = x[far].clone();
                    labels[far] = j;
                } else {
                    for (int a = 0; a < d; a++) {
                        c[j][a] = sum[j][a] / count[j];
                    }
                }
            }
        }
        double wcss = 0;
        for (int i = 0; i < n; i++) {
            wcss += dist2(x[i], c[labels[i]]);
        }
        return new Result(labels, c, wcss);
    }

    static int nearest(double[] p, double[][] c) {
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c.length; j++) {
            double d = dist2(p, c[j]);
            if (d < bd) {
                bd = d;
                best = j;
            }
        }
        return best;
    }

    static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }

    /**
     * Mean silhouette (Rousseeuw 1987) of a labelling: (b - a) / max(a, b) per point, a = mean distance to its
     * own cluster, b = lowest mean distance to another cluster; 0 for points alone in their cluster. Used to
     * choose K with {@code --auto}.
     */
    public static double silhouette(double[][] x, int[] labels, int k) {
        int n = x.length;
        if (k < 2) {
            return 0;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum[labels[j]] += Math.sqrt(dist2(x[i], x[j]));
                    count[labels[j]]++;
                }
            }
            if (count[labels[i]] == 0) {
                continue;
            }
            double a = sum[labels[i]] / count[labels[i]];
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != labels[i] && count[c] > 0) {
                    b = Math.min(b, sum[c] / count[c]);
                }
            }
            total += Double.isInfinite(b) ? 0 : (b - a) / Math.max(a, b);
        }
        return total / n;
    }
}
