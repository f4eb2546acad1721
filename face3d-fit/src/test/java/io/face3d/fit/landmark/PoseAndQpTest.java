package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoseAndQpTest {

    private static double[] cloud(Random rnd, int n) {
        double[] p = new double[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            p[i] = 60 * rnd.nextGaussian();
        }
        return p;
    }

    private static float[] toFloat(double[] p) {
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = (float) p[i];
        }
        return f;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void goldStandardRecoversAnExactSopCamera(long seed) {
        Random rnd = new Random(seed);
        int n = 30;
        double[] p = cloud(rnd, n);
        Pose truth = Pose.sop(Rotation.fromEulerDegrees(70 * rnd.nextDouble() - 35, 20, -10), 1.7, 250, 300);
        double[] uv = new double[2 * n];
        truth.project(toFloat(p), n, uv);
        double[] w = new double[n];
        Arrays.fill(w, 1);
        Pose est = PoseEstimator.sop(toDouble(toFloat(p)), uv, w, n);
        assertTrue(Rotation.angleBetweenDegrees(est.rotation(), truth.rotation()) < 1e-3);
        assertEquals(1.7, est.scale(), 1e-5);
        assertEquals(250, est.tx(), 1e-3);
        assertEquals(300, est.ty(), 1e-3);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void perspectiveRecoversAnExactCameraWithKnownFocal() {
        Random rnd = new Random(4);
        int n = 40;
        double[] p = toDouble(toFloat(cloud(rnd, n)));
        Pose truth = Pose.perspective(Rotation.fromEulerDegrees(25, -10, 5), 10, -5, -600, 900, 320, 240);
        double[] uv = new double[2 * n];
        truth.project(toFloat(p), n, uv);
        double[] w = new double[n];
        Arrays.fill(w, 1);
        Pose start = PoseEstimator.sop(p, uv, w, n);
        Pose est = PoseEstimator.perspective(start, 900, 320, 240, p, uv, w, n);
        est = PoseEstimator.perspective(est, 900, 320, 240, p, uv, w, n);
        assertTrue(Rotation.angleBetweenDegrees(est.rotation(), truth.rotation()) < 1e-3, est.toString());
        assertEquals(-600, est.tz(), 0.01);
    }

    @Test
    void boxQpMeetsTheKktConditions() {
        Random rnd = new Random(9);
        int n = 20;
        for (int rep = 0; rep < 5; rep++) {
            double[] b = new double[40 * n];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextGaussian();
            }
            double[] q = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < 40; k++) {
                        s += b[k * n + i] * b[k * n + j];
                    }
                    q[i * n + j] = s + (i == j ? 1 : 0);
                }
            }
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = 20 * rnd.nextGaussian();
            }
            double[] x = new double[n];
            BoxQp.solve(q, g, 0, 1, x, n);
            for (int i = 0; i < n; i++) {
                double gr = -g[i];
                for (int j = 0; j < n; j++) {
                    gr += q[i * n + j] * x[j];
                }
                assertTrue(x[i] >= 0 && x[i] <= 1);
                if (x[i] > 1e-9 && x[i] < 1 - 1e-9) {
                    assertEquals(0, gr, 1e-6);
                } else if (x[i] <= 1e-9) {
                    assertTrue(gr > -1e-6);
                } else {
                    assertTrue(gr < 1e-6);
                }
            }
        }
    }
}
