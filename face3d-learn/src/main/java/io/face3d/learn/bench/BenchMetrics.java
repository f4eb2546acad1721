package io.face3d.learn.bench;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The lifting benchmark's measures on 68 3D landmarks. The similarity alignment is Umeyama (1991).
 * TO CONSOLIDATE: face3d-eval has the project's Procrustes and landmark metrics; face3d-learn cannot depend on it,
 * so the benchmark carries this small copy until the lead merges them.
 */
public final class BenchMetrics {
    private BenchMetrics() {
    }

    /** {@code source} moved onto {@code target} (both 3 n values) by the least-squares similarity (proper rotation). */
    public static double[] alignSimilarity(double[] source, double[] target) {
        int n = source.length / 3;
        double[] cs = new double[3], ct = new double[3];
        for (int i = 0; i < 3 * n; i++) {
            cs[i % 3] += source[i] / n;
            ct[i % 3] += target[i] / n;
        }
        DMatrixRMaj cov = new DMatrixRMaj(3, 3);
        double varS = 0;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                double s = source[3 * i + a] - cs[a];
                varS += s * s / n;
                for (int b = 0; b < 3; b++) {
                    cov.add(b, a, (target[3 * i + b] - ct[b]) * s / n);
                }
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 3, true, true, false);
        svd.decompose(cov.copy());
        DMatrixRMaj u = svd.getU(null, false), v = svd.getV(null, false);
        double[] sv = svd.getSingularValues();
        DMatrixRMaj r = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(u, v, r);
        double d = CommonOps_DDRM.det(r) < 0 ? -1 : 1;
        // smallest singular value's direction flips when the best orthogonal map is a reflection
        int smallest = 0;
        for (int k = 1; k < 3; k++) {
            if (sv[k] < sv[smallest]) {
                smallest = k;
            }
        }
        DMatrixRMaj dm = CommonOps_DDRM.identity(3);
        dm.set(smallest, smallest, d);
        DMatrixRMaj ud = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(u, dm, ud);
        CommonOps_DDRM.multTransB(ud, v, r);
        double trace = 0;
        for (int k = 0; k < 3; k++) {
            trace += sv[k] * (k == smallest ? d : 1);
        }
        double scale = varS > 0 ? trace / varS : 1;
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < 3; b++) {
                double s = 0;
                for (int a = 0; a < 3; a++) {
                    s += r.get(b, a) * (source[3 * i + a] - cs[a]);
                }
                out[3 * i + b] = scale * s + ct[b];
            }
        }
        return out;
    }

    /** Mean point error / outer inter-ocular distance (points 36, 45 of {@code truth}). */
    public static double nme(double[] aligned, double[] truth) {
        double err = 0;
        for (int i = 0; i < 68; i++) {
            err += Math.sqrt(squared(aligned, truth, i));
        }
        double dx = truth[3 * 36] - truth[3 * 45], dy = truth[3 * 36 + 1] - truth[3 * 45 + 1], dz = truth[3 * 36 + 2] - truth[3 * 45 + 2];
        return err / 68 / Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** Mean squared error per coordinate, in the units of {@code truth} squared. */
    public static double mse(double[] aligned, double[] truth) {
        double sq = 0;
        int n = truth.length / 3;
        for (int i = 0; i < n; i++) {
            sq += squared(aligned, truth, i);
        }
        return sq / truth.length;
    }

    /** Pearson correlation of the z coordinates (both in a frame with z toward the viewer). */
    public static double depthCorrelation(double[] pred, double[] gt) {
        int n = pred.length / 3;
        double mp = 0, mg = 0;
        for (int i = 0; i < n; i++) {
            mp += pred[3 * i + 2] / n;
            mg += gt[3 * i + 2] / n;
        }
        double sp = 0, sg = 0, spg = 0;
        for (int i = 0; i < n; i++) {
            double a = pred[3 * i + 2] - mp, c = gt[3 * i + 2] - mg;
            sp += a * a;
            sg += c * c;
            spg += a * c;
        }
        return sp > 0 && sg > 0 ? spg / Math.sqrt(sp * sg) : 0;
    }

    private static double squared(double[] a, double[] b, int i) {
        double dx = a[3 * i] - b[3 * i], dy = a[3 * i + 1] - b[3 * i + 1], dz = a[3 * i + 2] - b[3 * i + 2];
        return dx * dx + dy * dy + dz * dz;
    }
}
