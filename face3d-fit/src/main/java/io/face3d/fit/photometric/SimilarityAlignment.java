package io.face3d.fit.photometric;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * RMS distance between corresponding points after the best similarity transform (Umeyama 1991, closed form
 * via the SVD of the cross-covariance; EJML's SVD), the dense face error of the benchmarks.
 */
public final class SimilarityAlignment {
    private SimilarityAlignment() {
    }

    /** RMS (same units as the input) between {@code b} and {@code a} mapped onto it by a similarity; x, y, z per point. */
    public static double rmse(float[] a, float[] b) {
        int n = a.length / 3;
        double[] ma = new double[3], mb = new double[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                ma[k] += a[3 * i + k] / (double) n;
                mb[k] += b[3 * i + k] / (double) n;
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(3, 3);
        double varA = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 3; r++) {
                double da = a[3 * i + r] - ma[r];
                varA += da * da;
                for (int c = 0; c < 3; c++) {
                    cov.data[3 * c + r] += (b[3 * i + c] - mb[c]) * da;   // cov = sum (b - mb)(a - ma)^T
                }
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 3, true, true, false);
        svd.decompose(cov.copy());
        DMatrixRMaj u = svd.getU(null, false), v = svd.getV(null, false);
        double[] sv = svd.getSingularValues();
        DMatrixRMaj rot = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(u, v, rot);
        double sign = CommonOps_DDRM.det(rot) < 0 ? -1 : 1;
        // find the smallest singular value to flip for a proper rotation
        int smallest = 0;
        for (int k = 1; k < 3; k++) {
            if (sv[k] < sv[smallest]) {
                smallest = k;
            }
        }
        DMatrixRMaj d = CommonOps_DDRM.identity(3);
        d.set(smallest, smallest, sign);
        DMatrixRMaj ud = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(u, d, ud);
        CommonOps_DDRM.multTransB(ud, v, rot);
        double trace = 0;
        for (int k = 0; k < 3; k++) {
            trace += sv[k] * (k == smallest ? sign : 1);
        }
        double s = trace / varA;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[] p = {a[3 * i] - ma[0], a[3 * i + 1] - ma[1], a[3 * i + 2] - ma[2]};
            for (int r = 0; r < 3; r++) {
                double q = s * (rot.get(r, 0) * p[0] + rot.get(r, 1) * p[1] + rot.get(r, 2) * p[2]) + mb[r];
                double e = q - b[3 * i + r];
                sum += e * e;
            }
        }
        return Math.sqrt(sum / n);
    }
}
