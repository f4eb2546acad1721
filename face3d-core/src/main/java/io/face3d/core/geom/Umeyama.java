package io.face3d.core.geom;

import io.face3d.core.Face3dException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Least-squares similarity (or rigid) transform between corresponding point sets: Umeyama, "Least-squares
 * estimation of transformation parameters between two point patterns", IEEE TPAMI 13(4), 1991 (eqs. 38-42),
 * which is orthogonal Procrustes with the reflection fix and the closed-form scale. SVD by EJML.
 */
public final class Umeyama {
    private Umeyama() {
    }

    /**
     * The transform T minimising sum |T(src_i) - dst_i|^2.
     *
     * @param src       x, y, z per point
     * @param dst       x, y, z per point, same count
     * @param withScale false for a rigid transform (s = 1)
     */
    public static Similarity estimate(double[] src, double[] dst, boolean withScale) {
        if (src.length != dst.length || src.length % 3 != 0) {
            throw new IllegalArgumentException("point sets must be x, y, z triples of the same count");
        }
        int n = src.length / 3;
        if (n < 3) {
            throw new Face3dException("alignment needs at least 3 corresponding points, got " + n
                + ": give 7 or 68 landmarks per file");
        }
        double[] ms = new double[3], md = new double[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                ms[k] += src[3 * i + k] / n;
                md[k] += dst[3 * i + k] / n;
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(3, 3); // Sigma_xy of eq. 38: (1/n) sum (dst - md)(src - ms)^T
        double varS = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 3; r++) {
                double dr = dst[3 * i + r] - md[r];
                double sr = src[3 * i + r] - ms[r];
                varS += sr * sr / n;
                for (int c = 0; c < 3; c++) {
                    cov.add(r, c, dr * (src[3 * i + c] - ms[c]) / n);
                }
            }
        }
        if (!(varS > 1e-18)) {
            throw new Face3dException("the source points all coincide: give points that span the face");
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 3, true, true, false);
        if (!svd.decompose(cov.copy())) {
            throw new IllegalStateException("SVD failed on a 3x3 covariance");
        }
        DMatrixRMaj u = svd.getU(null, false), v = svd.getV(null, false);
        double[] sv = svd.getSingularValues();
        if (sv[1] < 1e-12 * Math.max(sv[0], 1e-300) && sv[2] < 1e-12 * Math.max(sv[0], 1e-300)) {
            throw new Face3dException("the corresponding points are collinear: rotation is undetermined; "
                + "give landmarks that span the face");
        }
        // S = diag(1, 1, det(U) det(V)) removes a reflection (eqs. 39-40); EJML does not promise sorted singular
        // values, so the -1 goes on the column of the smallest one.
        int smallest = 0;
        for (int k = 1; k < 3; k++) {
            if (sv[k] < sv[smallest]) {
                smallest = k;
            }
        }
        boolean reflect = CommonOps_DDRM.det(u) * CommonOps_DDRM.det(v) < 0;
        DMatrixRMaj sMat = CommonOps_DDRM.identity(3);
        if (reflect) {
            sMat.set(smallest, smallest, -1);
        }
        DMatrixRMaj us = new DMatrixRMaj(3, 3), r = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(u, sMat, us);
        CommonOps_DDRM.multTransB(us, v, r);
        double trace = 0; // tr(D S)
        for (int k = 0; k < 3; k++) {
            trace += reflect && k == smallest ? -sv[k] : sv[k];
        }
        double scale = withScale ? trace / varS : 1; // eq. 42
        double[] rot = r.getData().clone();
        double[] t = new double[3];
        for (int k = 0; k < 3; k++) {
            t[k] = md[k] - scale * (rot[3 * k] * ms[0] + rot[3 * k + 1] * ms[1] + rot[3 * k + 2] * ms[2]);
        }
        return new Similarity(scale, rot, t);
    }

    /** Root mean square point distance between dst and src aligned to it by {@link #estimate} with scale. */
    public static double alignedRms(double[] src, double[] dst) {
        double[] a = estimate(src, dst, true).apply(src);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - dst[i];
            s += d * d;
        }
        return Math.sqrt(s / (a.length / 3));
    }

    /** {@link #alignedRms(double[], double[])} of two float point sets (x, y, z per point), e.g. dense faces. */
    public static double alignedRms(float[] src, float[] dst) {
        double[] a = new double[src.length], b = new double[dst.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = src[i];
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = dst[i];
        }
        return alignedRms(a, b);
    }
}
