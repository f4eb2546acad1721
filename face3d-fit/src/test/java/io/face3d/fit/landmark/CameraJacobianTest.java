package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link CameraJacobian} against central finite differences of its own projection: the derivatives with respect to
 * the model point and to the pose increment that {@link JointShapeStep#applyIncrement} applies.
 */
class CameraJacobianTest {
    /** Step of the central differences (mm for the point, radians / log-scale / px / mm for the pose). */
    private static final double H = 1e-5;
    /** Relative tolerance against the largest derivative of a row: the differences' truncation error is O(H^2). */
    private static final double TOL = 1e-6;

    private static Pose pose(Pose.Camera camera, Random rnd) {
        double[] r = Rotation.fromEulerDegrees(120 * rnd.nextDouble() - 60, 50 * rnd.nextDouble() - 25,
            40 * rnd.nextDouble() - 20);
        return camera == Pose.Camera.SOP
            ? Pose.sop(r, 1 + 2 * rnd.nextDouble(), 300 + 50 * rnd.nextGaussian(), 320 + 50 * rnd.nextGaussian())
            : Pose.perspective(r, 10 * rnd.nextGaussian(), 10 * rnd.nextGaussian(), -500 - 300 * rnd.nextDouble(),
                800, 320, 320);
    }

    private static double[] project(Pose pose, double[] p) {
        double[] proj = new double[3];
        CameraJacobian.linearise(pose, pose.rotation(), p[0], p[1], p[2], proj, new double[9], new double[18]);
        return proj;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void derivativesMatchFiniteDifferences(long seed) {
        Random rnd = new Random(seed);
        for (Pose.Camera camera : Pose.Camera.values()) {
            Pose pose = pose(camera, rnd);
            double[] p = {80 * rnd.nextGaussian(), 80 * rnd.nextGaussian(), 60 * rnd.nextGaussian()};
            double[] proj = new double[3], jac = new double[9], jp = new double[18];
            CameraJacobian.linearise(pose, pose.rotation(), p[0], p[1], p[2], proj, jac, jp);
            // the depth row of the perspective camera holds its image scale fixed (a reporting value), so only
            // u and v are differentiated there
            int rows = camera == Pose.Camera.SOP ? 3 : 2;
            for (int c = 0; c < 3; c++) {
                double[] plus = p.clone(), minus = p.clone();
                plus[c] += H;
                minus[c] -= H;
                double[] fp = project(pose, plus), fm = project(pose, minus);
                for (int r = 0; r < rows; r++) {
                    double fd = (fp[r] - fm[r]) / (2 * H);
                    assertEquals(fd, jac[3 * r + c], TOL * scale(jac, 3 * r, 3) + 1e-9,
                        camera + " d(proj " + r + ")/d(point " + c + ")");
                }
            }
            for (int k = 0; k < JointShapeStep.NP; k++) {
                double[] d = new double[JointShapeStep.NP];
                d[k] = H;
                double[] fp = project(JointShapeStep.applyIncrement(pose, d), p);
                d[k] = -H;
                double[] fm = project(JointShapeStep.applyIncrement(pose, d), p);
                for (int r = 0; r < rows; r++) {
                    double fd = (fp[r] - fm[r]) / (2 * H);
                    assertEquals(fd, jp[JointShapeStep.NP * r + k], TOL * scale(jp, 6 * r, 6) + 1e-9,
                        camera + " d(proj " + r + ")/d(pose " + k + ")");
                }
            }
        }
    }

    private static double scale(double[] row, int from, int n) {
        double m = 0;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, Math.abs(row[i]));
        }
        return m;
    }
}
