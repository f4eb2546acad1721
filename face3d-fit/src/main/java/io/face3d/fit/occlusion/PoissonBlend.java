package io.face3d.fit.occlusion;

/**
 * Poisson image blending (Pérez, Gangnet and Blake 2003, "Poisson image editing", eq. 10 with the source's own
 * gradient as the guidance field): inside a region the result keeps the source's gradients and meets the target on
 * the region's boundary. Solved in the equivalent membrane form of that paper's section 3: result = source + d,
 * with d harmonic inside the region (5-point Laplacian, Δd = 0) and d = target - source on its boundary, so a
 * fill whose colour or brightness is off takes the surrounding photo's level smoothly instead of showing a seam.
 * Neighbours that are neither in the region nor valid (outside a UV chart, outside the image) drop out of the
 * stencil (a free, Neumann, boundary); a region part with no valid neighbour at all keeps the source.
 * <p>Matrix-free conjugate gradients (Jacobi preconditioned) on the region's pixels: the system is symmetric
 * positive definite and never needs assembling; EJML's sparse Cholesky was not used because assembling and
 * factorising costs more than the few hundred CG sweeps a face-sized region needs.
 */
public final class PoissonBlend {
    /** CG stops at this relative residual (colours in [0, 1] or [0, 255]: relative, so either). */
    static final double TOLERANCE = 1e-4;

    private PoissonBlend() {
    }

    /**
     * Blends {@code source} into {@code target} inside {@code region}.
     *
     * @param target   interleaved values ({@code channels} per pixel), valid where {@code valid} and not {@code region}
     * @param source   interleaved values of the fill, used inside {@code region}
     * @param region   width x height flags: the pixels to fill
     * @param valid    width x height flags: pixels holding target values (the region's Dirichlet boundary); null =
     *                 every pixel of the image
     * @param maxDifference a boundary pixel whose target differs from the source by more than this in any channel
     *                 is left out of the boundary (Neumann there): it is most likely a rim of the occluder the mask
     *                 missed, whose colour the membrane would otherwise carry across the whole fill;
     *                 {@code Double.POSITIVE_INFINITY} = plain Poisson blending
     * @return a new array: target outside the region, the blended fill inside
     */
    public static float[] blend(float[] target, float[] source, int channels, int width, int height, boolean[] region,
                                boolean[] valid, double maxDifference) {
        int n = width * height;
        if (target.length != channels * n || source.length != channels * n || region.length != n
            || (valid != null && valid.length != n)) {
            throw new IllegalArgumentException("blend arrays must match width x height x channels");
        }
        int[] index = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            index[i] = region[i] ? m++ : -1;
        }
        float[] out = target.clone();
        if (m == 0) {
            return out;
        }
        int[] pixel = new int[m];
        // per unknown: up to 4 neighbours, as unknown index (>= 0) or -1 - pixel (a Dirichlet pixel) or MIN (none)
        int[] nb = new int[4 * m];
        double[] diag = new double[m];
        for (int i = 0, k = 0; i < n; i++) {
            if (!region[i]) {
                continue;
            }
            pixel[k] = i;
            int x = i % width, y = i / width;
            int[] q = {x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1};
            for (int s = 0; s < 4; s++) {
                int p = q[s];
                if (p < 0) {
                    nb[4 * k + s] = Integer.MIN_VALUE;
                } else if (region[p]) {
                    nb[4 * k + s] = index[p];
                    diag[k]++;
                } else if ((valid == null || valid[p]) && close(target, source, channels, p, maxDifference)) {
                    nb[4 * k + s] = -1 - p;
                    diag[k]++;
                } else {
                    nb[4 * k + s] = Integer.MIN_VALUE;
                }
            }
            k++;
        }
        double[] b = new double[m], d = new double[m];
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < m; k++) {
                double s = 0;
                for (int t = 0; t < 4; t++) {
                    int q = nb[4 * k + t];
                    if (q != Integer.MIN_VALUE && q < 0) {
                        int p = -1 - q;
                        s += target[channels * p + c] - source[channels * p + c];
                    }
                }
                b[k] = s;
            }
            solve(nb, diag, b, d);
            for (int k = 0; k < m; k++) {
                int i = pixel[k];
                out[channels * i + c] = (float) (source[channels * i + c] + d[k]);
            }
        }
        return out;
    }

    private static boolean close(float[] target, float[] source, int channels, int p, double maxDifference) {
        for (int c = 0; c < channels; c++) {
            if (Math.abs(target[channels * p + c] - source[channels * p + c]) > maxDifference) {
                return false;
            }
        }
        return true;
    }

    /** Preconditioned CG for A d = b, A = diag - (adjacency among unknowns); d starts at 0. */
    private static void solve(int[] nb, double[] diag, double[] b, double[] d) {
        int m = b.length;
        java.util.Arrays.fill(d, 0);
        double[] r = b.clone(), z = new double[m], p = new double[m], ap = new double[m];
        double bNorm = 0;
        for (int k = 0; k < m; k++) {
            bNorm += b[k] * b[k];
            z[k] = diag[k] > 0 ? r[k] / diag[k] : 0;
            p[k] = z[k];
        }
        if (bNorm == 0) {
            return;
        }
        double rz = dot(r, z);
        int maxIterations = 20 * (int) Math.sqrt(m) + 100;
        for (int it = 0; it < maxIterations; it++) {
            for (int k = 0; k < m; k++) {
                double s = diag[k] * p[k];
                for (int t = 0; t < 4; t++) {
                    int q = nb[4 * k + t];
                    if (q >= 0) {
                        s -= p[q];
                    }
                }
                ap[k] = s;
            }
            double pap = dot(p, ap);
            if (pap <= 0) {
                return; // only a part with no boundary is left: it keeps d = 0 (the source)
            }
            double alpha = rz / pap, rr = 0;
            for (int k = 0; k < m; k++) {
                d[k] += alpha * p[k];
                r[k] -= alpha * ap[k];
                rr += r[k] * r[k];
            }
            if (rr <= TOLERANCE * TOLERANCE * bNorm) {
                return;
            }
            for (int k = 0; k < m; k++) {
                z[k] = diag[k] > 0 ? r[k] / diag[k] : 0;
            }
            double next = dot(r, z);
            double beta = next / rz;
            rz = next;
            for (int k = 0; k < m; k++) {
                p[k] = z[k] + beta * p[k];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
