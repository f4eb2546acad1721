package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;

import java.util.Random;

/** Landmark-fit frames in a known state for the step classes' tests. */
final class TestFrames {
    private TestFrames() {
    }

    private static Pose pose(Pose.Camera camera, Random rnd) {
        double[] r = Rotation.fromEulerDegrees(60 * rnd.nextDouble() - 30, 20 * rnd.nextDouble() - 10, 10);
        return camera == Pose.Camera.SOP ? Pose.sop(r, 2.5, 320, 330)
            : Pose.perspective(r, 5, -3, -600, 900, 320, 320);
    }

    /**
     * A frame of 68 points at the model's landmarks for random coefficients, targets on their projections
     * (zero residuals), random robust weights in [0.3, 1].
     */
    static FitFrame onTargets(LandmarkBasis basis, Pose.Camera camera, double[] alpha, Random rnd) {
        FitConfig config = FitConfig.defaults().withCamera(camera, camera == Pose.Camera.SOP ? Double.NaN : 900);
        FitFrame f = new FitFrame(new LandmarkObservation(spread(), null, null, 640, 640), basis, config,
            false);
        for (int k = 0; k < alpha.length; k++) {
            alpha[k] = rnd.nextGaussian();
        }
        for (int k = 0; k < basis.nEx; k++) {
            f.expr[k] = rnd.nextDouble() < 0.2 ? rnd.nextDouble() : 0;
        }
        for (int i = 0; i < 68; i++) {
            f.robustW[i] = 0.3 + 0.7 * rnd.nextDouble();
        }
        f.pose = pose(camera, rnd);
        f.updatePositions(alpha);
        double[] uv = f.project();
        System.arraycopy(uv, 0, f.target, 0, 136);
        return f;
    }

    /** Placeholder points for the observation's own checks; the test sets the targets afterwards. */
    private static double[] spread() {
        double[] p = new double[136];
        for (int i = 0; i < 136; i++) {
            p[i] = 100 + 3 * i + (i % 2 == 0 ? 0 : (i * i) % 17);
        }
        return p;
    }
}
