package io.face3d.fit.photometric;

import io.face3d.fit.render.SphericalHarmonics;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The shading step: order-2 SH lighting (9 coefficients per channel) by weighted linear least squares of
 * colour ~ albedo * E(n) over the sampled vertices, with a tiny ridge (1e-6 of the trace) toward the current light.
 */
final class ShLightSolver {
    private final LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(9);

    /**
     * @param visible sampled vertices
     * @param normals camera-space unit normals, 3 per vertex
     * @param albedo  3 per vertex
     * @param data    observed colours, 3 per vertex
     * @param weights least-squares weight per vertex
     * @param light   27 SH coefficients (9 per channel), updated in place
     */
    void solve(int[] visible, float[] normals, float[] albedo, double[] data, double[] weights, double[] light) {
        double[] h = new double[9];
        for (int c = 0; c < 3; c++) {
            DMatrixRMaj a = new DMatrixRMaj(9, 9), b = new DMatrixRMaj(9, 1);
            for (int v : visible) {
                SphericalHarmonics.basis(normals[3 * v], normals[3 * v + 1], normals[3 * v + 2], h, 0);
                double rho = albedo[3 * v + c], wv = weights[v];
                for (int i = 0; i < 9; i++) {
                    double hi = wv * rho * h[i];
                    b.data[i] += hi * data[3 * v + c];
                    for (int j = 0; j <= i; j++) {
                        a.data[9 * i + j] += hi * rho * h[j];
                    }
                }
            }
            double trace = 0;
            for (int i = 0; i < 9; i++) {
                trace += a.data[10 * i];
            }
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < i; j++) {
                    a.data[9 * j + i] = a.data[9 * i + j];
                }
                a.data[10 * i] += 1e-6 * trace + 1e-12;
                b.data[i] += (1e-6 * trace + 1e-12) * light[9 * c + i];
            }
            DMatrixRMaj x = new DMatrixRMaj(9, 1);
            if (solver.setA(a)) {
                solver.solve(b, x);
                System.arraycopy(x.data, 0, light, 9 * c, 9);
            }
        }
    }
}
