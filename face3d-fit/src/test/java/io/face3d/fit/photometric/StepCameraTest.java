package io.face3d.fit.photometric;

import io.face3d.core.geom.Rotation;
import io.face3d.fit.render.SphericalHarmonics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The geometry step's analytic Jacobians against central differences of the functions they differentiate, at a
 * random (seeded) point: the projection's rows d(u, v)/d(rotation, translation, shape) and the shading rows
 * d(rho E(n))/d(rotation, shape) of {@link StepCamera}, for the perspective and the SOP camera.
 */
class StepCameraTest {
    private static final int SHAPE = 5;
    private static final double H = 1e-6;

    private static StepCamera camera(boolean perspective, Random rnd) {
        double[] r = Rotation.fromEulerDegrees(40 * rnd.nextGaussian(), 20 * rnd.nextGaussian(), 15 * rnd.nextGaussian());
        return perspective
            ? new StepCamera(true, r, 20 * rnd.nextGaussian(), 20 * rnd.nextGaussian(), -600 + 50 * rnd.nextGaussian(),
                800, 112 + 5 * rnd.nextGaussian(), 112 + 5 * rnd.nextGaussian())
            : new StepCamera(false, r, 100 + 10 * rnd.nextGaussian(), 120 + 10 * rnd.nextGaussian(), 0,
                0.3 + 0.05 * rnd.nextGaussian(), 0, 0);
    }

    private static double[] gaussian(Random rnd, int n, double sigma) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sigma * rnd.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void projectionJacobianMatchesCentralDifferences(boolean perspective) {
        Random rnd = new Random(perspective ? 31 : 32);
        StepCamera cam = camera(perspective, rnd);
        double[] base = gaussian(rnd, 3, 50);
        double[] basis = gaussian(rnd, 3 * SHAPE, 2); // (axis, k)
        double factor = 0.5;
        double[] d0 = new double[6 + SHAPE], d1 = new double[6 + SHAPE];
        cam.jacobian(base, factor, basis, 0, SHAPE, d0, d1);
        for (int j = 0; j < 6 + SHAPE; j++) {
            double[] plus = project(cam, base, basis, step(j, H), factor);
            double[] minus = project(cam, base, basis, step(j, -H), factor);
            double fu = (plus[0] - minus[0]) / (2 * H), fv = (plus[1] - minus[1]) / (2 * H);
            assertEquals(fu, d0[j], 1e-5 * Math.max(1, Math.abs(fu)), "du/d unknown " + j);
            assertEquals(fv, d1[j], 1e-5 * Math.max(1, Math.abs(fv)), "dv/d unknown " + j);
        }
    }

    /** The step's projection of base + basis * shape part of delta, as the fitter's objective projects it. */
    private static double[] project(StepCamera cam, double[] base, double[] basis, double[] delta, double factor) {
        double[] p = base.clone();
        for (int a = 0; a < 3; a++) {
            for (int k = 0; k < SHAPE; k++) {
                p[a] += basis[a * SHAPE + k] * delta[6 + k];
            }
        }
        double[] uv = new double[2];
        cam.project(p, cam.rotationAfter(delta), delta, factor, uv);
        return uv;
    }

    private static double[] step(int j, double h) {
        double[] delta = new double[6 + SHAPE];
        delta[j] = h;
        return delta;
    }

    /**
     * Shading rows: the colour residual's shading part -rho E_c(R(omega) R n(k)), n(k) the unit normal of
     * N0 + sum_k k A_k, whose Jacobian at k = 0 is (I - n n^T) A_k / |N0|. Translation columns stay 0.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shadingJacobianMatchesCentralDifferences(boolean perspective) {
        Random rnd = new Random(perspective ? 41 : 42);
        StepCamera cam = camera(perspective, rnd);
        double[] light = gaussian(rnd, 27, 0.3);
        for (int c = 0; c < 3; c++) {
            light[9 * c] += SphericalHarmonics.UNIT_AMBIENT;
        }
        double[] n0 = gaussian(rnd, 3, 1);
        double[] a = gaussian(rnd, 3 * SHAPE, 0.5); // (axis, k)
        double len = Math.sqrt(n0[0] * n0[0] + n0[1] * n0[1] + n0[2] * n0[2]);
        double[] n = {n0[0] / len, n0[1] / len, n0[2] / len};
        double[] normalJacobian = new double[3 * SHAPE];
        for (int k = 0; k < SHAPE; k++) {
            double along = n[0] * a[k] + n[1] * a[SHAPE + k] + n[2] * a[2 * SHAPE + k];
            for (int ax = 0; ax < 3; ax++) {
                normalJacobian[ax * SHAPE + k] = (a[ax * SHAPE + k] - n[ax] * along) / len;
            }
        }
        double rho = 0.4 + 0.5 * rnd.nextDouble();
        double[] camN = rotate(cam.rotation(), n);
        for (int c = 0; c < 3; c++) {
            double[] row = new double[6 + SHAPE];
            cam.subtractShading(camN[0], camN[1], camN[2], light, c, rho, normalJacobian, 0, SHAPE, new double[3], row);
            for (int j = 0; j < 6 + SHAPE; j++) {
                double fd = (shading(cam, n0, a, light, c, rho, step(j, H))
                    - shading(cam, n0, a, light, c, rho, step(j, -H))) / (2 * H);
                assertEquals(fd, row[j], 1e-6 * Math.max(1, Math.abs(fd)), "channel " + c + " unknown " + j);
            }
        }
    }

    private static double shading(StepCamera cam, double[] n0, double[] a, double[] light, int c, double rho,
                                  double[] delta) {
        double[] m = n0.clone();
        for (int ax = 0; ax < 3; ax++) {
            for (int k = 0; k < SHAPE; k++) {
                m[ax] += a[ax * SHAPE + k] * delta[6 + k];
            }
        }
        double len = Math.sqrt(m[0] * m[0] + m[1] * m[1] + m[2] * m[2]);
        double[] n = rotate(cam.rotationAfter(delta), new double[] {m[0] / len, m[1] / len, m[2] / len});
        double[] h = new double[9];
        SphericalHarmonics.basis(n[0], n[1], n[2], h, 0);
        double e = 0;
        for (int k = 0; k < 9; k++) {
            e += light[9 * c + k] * h[k];
        }
        return -rho * e;
    }

    private static double[] rotate(double[] r, double[] v) {
        return new double[] {r[0] * v[0] + r[1] * v[1] + r[2] * v[2], r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
            r[6] * v[0] + r[7] * v[1] + r[8] * v[2]};
    }
}
