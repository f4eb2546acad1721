package io.face3d.fit.landmark;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Least-squares similarity transform dst ~ s R src + t between corresponding 3D point sets (Umeyama 1991, eq.
 * 40-42). Kept small and local on purpose: face3d-fit needs it for its benchmark and correspondence tool and
 * cannot depend on face3d-eval, whose Procrustes/ICP is the general one.
 *
 * @param scale       s
 * @param rotation    R, row-major 3x3, det +1
 * @param translation t
 */
public record SimilarityAlignment(double scale, double[] rotation, double[] translation) {

    /** Fits dst ~ s R src + t over n points (x, y, z each). */
    public static SimilarityAlignment fit(double[] src, double[] dst, int n) {
        double[] ms = new double[3], md = new double[3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                ms[a] += src[3 * i + a] / n;
                md[a] += dst[3 * i + a] / n;
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(3, 3);
        double varS = 0;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                double ds = src[3 * i + a] - ms[a];
                varS += ds * ds / n;
                for (int b = 0; b < 3; b++) {
                    cov.data[3 * b + a] += (dst[3 * i + b] - md[b]) * ds / n;
                }
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 3, true, true, false);
        if (!svd.decompose(cov.copy())) {
            throw new IllegalStateException("similarity alignment: SVD failed");
        }
        DMatrixRMaj u = svd.getU(null, false), v = svd.getV(null, false);
        double[] sv = svd.getSingularValues();
        // reflection guard (Umeyama eq. 43): flip the axis of the smallest singular value
        DMatrixRMaj uvt = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(u, v, uvt);
        double[] d = {1, 1, 1};
        int smallest = 0;
        for (int i = 1; i < 3; i++) {
            if (sv[i] < sv[smallest]) {
                smallest = i;
            }
        }
        if (CommonOps_DDRM.det(uvt) < 0) {
            d[smallest] = -1;
        }
        DMatrixRMaj ud = u.copy();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                ud.set(r, c, u.get(r, c) * d[c]);
            }
        }
        DMatrixRMaj rot = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(ud, v, rot);
        double trace = 0;
        for (int i = 0; i < 3; i++) {
            trace += sv[i] * d[i];
        }
        double s = varS > 0 ? trace / varS : 1;
        double[] r = rot.data.clone();
        double[] t = new double[3];
        for (int a = 0; a < 3; a++) {
            t[a] = md[a] - s * (r[3 * a] * ms[0] + r[3 * a + 1] * ms[1] + r[3 * a + 2] * ms[2]);
        }
        return new SimilarityAlignment(s, r, t);
    }

    /** Applies the transform to n points (x, y, z each), returning new coordinates. */
    public double[] apply(double[] p, int n) {
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            for (int a = 0; a < 3; a++) {
                out[3 * i + a] = scale * (rotation[3 * a] * x + rotation[3 * a + 1] * y + rotation[3 * a + 2] * z)
                    + translation[a];
            }
        }
        return out;
    }

    /** Root mean square distance between {@code fit(src, dst)} applied to src and dst. */
    public static double alignedRms(double[] src, double[] dst, int n) {
        double[] a = fit(src, dst, n).apply(src, n);
        double s = 0;
        for (int i = 0; i < 3 * n; i++) {
            double d = a[i] - dst[i];
            s += d * d;
        }
        return Math.sqrt(s / n);
    }

    /** {@link #alignedRms(double[], double[], int)} of two float point sets (x, y, z per point), e.g. dense faces. */
    public static double alignedRms(float[] src, float[] dst) {
        double[] a = new double[src.length], b = new double[dst.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = src[i];
            b[i] = dst[i];
        }
        return alignedRms(a, b, a.length / 3);
    }
}
