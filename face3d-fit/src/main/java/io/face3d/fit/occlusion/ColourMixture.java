package io.face3d.fit.occlusion;

import java.util.Arrays;

/**
 * A Gaussian mixture over RGB colours (values in [0, 1], full covariances, a floor of {@link #FLOOR} on each
 * variance for sensor noise and JPEG), fitted by k-means from deterministic starts (luminance quantiles) and a few EM
 * iterations on at most {@link #MAX_SAMPLES} pixels taken at a fixed stride. Used by {@link OcclusionDetector} for the
 * appearance of the face without the occluder and of the occluder.
 */
final class ColourMixture {
    static final double FLOOR = 1e-4;
    static final int MAX_SAMPLES = 12_000;

    private final int k;
    private final double[] weight;
    private final double[][] mean;
    /** Inverse covariance (row-major 3 x 3) per component. */
    private final double[][] inverse;
    private final double[] logNorm;

    private ColourMixture(double[] weight, double[][] mean, double[][] cov) {
        this.k = weight.length;
        this.weight = weight;
        this.mean = mean;
        this.inverse = new double[k][];
        this.logNorm = new double[k];
        for (int j = 0; j < k; j++) {
            double[] c = cov[j];
            double a = c[0], b = c[1], cc = c[2], d = c[4], e = c[5], f = c[8];
            double det = a * (d * f - e * e) - b * (b * f - e * cc) + cc * (b * e - d * cc);
            det = Math.max(det, 1e-18);
            inverse[j] = new double[] {
                (d * f - e * e) / det, (cc * e - b * f) / det, (b * e - cc * d) / det,
                (cc * e - b * f) / det, (a * f - cc * cc) / det, (b * cc - a * e) / det,
                (b * e - cc * d) / det, (b * cc - a * e) / det, (a * d - b * b) / det};
            logNorm[j] = Math.log(Math.max(weight[j], 1e-12)) - 0.5 * Math.log(det) - 1.5 * Math.log(2 * Math.PI);
        }
    }

    int components() {
        return k;
    }

    /** Fits {@code k} components to the pixels {@code index} of {@code rgb} (interleaved); null when too few. */
    static ColourMixture fit(float[] rgb, int[] index, int count, int k) {
        if (count < 10 * k) {
            return null;
        }
        int stride = Math.max(1, count / MAX_SAMPLES);
        int n = (count + stride - 1) / stride;
        double[][] x = new double[n][3];
        double[] lum = new double[n];
        for (int s = 0; s < n; s++) {
            int i = index[s * stride];
            for (int c = 0; c < 3; c++) {
                x[s][c] = rgb[3 * i + c];
            }
            lum[s] = x[s][0] + x[s][1] + x[s][2];
        }
        // starts: the pixels at the luminance quantiles (j + 0.5) / k
        Integer[] order = new Integer[n];
        for (int s = 0; s < n; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (p, q) -> Double.compare(lum[p], lum[q]));
        double[][] mean = new double[k][];
        for (int j = 0; j < k; j++) {
            mean[j] = x[order[(int) ((j + 0.5) / k * n)]].clone();
        }
        int[] assign = new int[n];
        for (int it = 0; it < 8; it++) {
            double[][] sum = new double[k][4];
            for (int s = 0; s < n; s++) {
                int best = 0;
                double bd = Double.MAX_VALUE;
                for (int j = 0; j < k; j++) {
                    double d = sq(x[s], mean[j]);
                    if (d < bd) {
                        bd = d;
                        best = j;
                    }
                }
                assign[s] = best;
                for (int c = 0; c < 3; c++) {
                    sum[best][c] += x[s][c];
                }
                sum[best][3]++;
            }
            for (int j = 0; j < k; j++) {
                if (sum[j][3] > 0) {
                    for (int c = 0; c < 3; c++) {
                        mean[j][c] = sum[j][c] / sum[j][3];
                    }
                }
            }
        }
        double[][] resp = new double[n][k];
        for (int s = 0; s < n; s++) {
            resp[s][assign[s]] = 1;
        }
        ColourMixture m = mStep(x, resp, k);
        for (int it = 0; it < 6; it++) {
            for (int s = 0; s < n; s++) {
                double[] l = new double[k];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    l[j] = m.componentLog(j, x[s][0], x[s][1], x[s][2]);
                    max = Math.max(max, l[j]);
                }
                double z = 0;
                for (int j = 0; j < k; j++) {
                    l[j] = Math.exp(l[j] - max);
                    z += l[j];
                }
                for (int j = 0; j < k; j++) {
                    resp[s][j] = l[j] / z;
                }
            }
            m = mStep(x, resp, k);
        }
        return m;
    }

    private static ColourMixture mStep(double[][] x, double[][] resp, int k) {
        int n = x.length;
        double[] w = new double[k];
        double[][] mean = new double[k][3];
        double[][] cov = new double[k][9];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < k; j++) {
                double r = resp[s][j];
                w[j] += r;
                for (int c = 0; c < 3; c++) {
                    mean[j][c] += r * x[s][c];
                }
            }
        }
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < 3; c++) {
                mean[j][c] = w[j] > 0 ? mean[j][c] / w[j] : 0.5;
            }
        }
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < k; j++) {
                double r = resp[s][j];
                if (r < 1e-6) {
                    continue;
                }
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        cov[j][3 * a + b] += r * (x[s][a] - mean[j][a]) * (x[s][b] - mean[j][b]);
                    }
                }
            }
        }
        for (int j = 0; j < k; j++) {
            for (int e = 0; e < 9; e++) {
                cov[j][e] = w[j] > 0 ? cov[j][e] / w[j] : 0;
            }
            for (int a = 0; a < 3; a++) {
                cov[j][4 * a] += FLOOR;
            }
            w[j] = Math.max(w[j] / n, 1e-6);
        }
        return new ColourMixture(w, mean, cov);
    }

    private double componentLog(int j, double r, double g, double b) {
        double dr = r - mean[j][0], dg = g - mean[j][1], db = b - mean[j][2];
        double[] q = inverse[j];
        double m = dr * (q[0] * dr + q[1] * dg + q[2] * db) + dg * (q[3] * dr + q[4] * dg + q[5] * db)
            + db * (q[6] * dr + q[7] * dg + q[8] * db);
        return logNorm[j] - 0.5 * m;
    }

    /** Log density of a colour. */
    double logDensity(double r, double g, double b) {
        return logDensity(r, g, b, null);
    }

    /** Log density over the components flagged in {@code use} (null: all), their weights renormalised. */
    double logDensity(double r, double g, double b, boolean[] use) {
        double max = Double.NEGATIVE_INFINITY;
        double[] l = new double[k];
        double wsum = 0;
        for (int j = 0; j < k; j++) {
            if (use != null && !use[j]) {
                l[j] = Double.NEGATIVE_INFINITY;
                continue;
            }
            wsum += weight[j];
            l[j] = componentLog(j, r, g, b);
            max = Math.max(max, l[j]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return -1e9;
        }
        double z = 0;
        for (int j = 0; j < k; j++) {
            z += l[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(l[j] - max);
        }
        return max + Math.log(z) - Math.log(wsum);
    }

    /** The component with the highest responsibility for a colour. */
    int component(double r, double g, double b) {
        int best = 0;
        double bl = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double l = componentLog(j, r, g, b);
            if (l > bl) {
                bl = l;
                best = j;
            }
        }
        return best;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            s += (a[c] - b[c]) * (a[c] - b[c]);
        }
        return s;
    }
}
