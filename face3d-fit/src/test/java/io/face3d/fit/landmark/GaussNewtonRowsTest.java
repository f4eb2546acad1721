package io.face3d.fit.landmark;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link GaussNewtonRows} against finite differences: at a state whose residuals vanish (every target on its
 * projected model point, so the weights' own dependence on the pose does not enter), the whitened residual's
 * central difference in each identity mode, expression and pose-increment component is minus the row's entry; and
 * the rows' residual at the current state (right side minus rows times the shape coefficients) is the frame's
 * {@link FitFrame#normalisedResidual}, whitened, after the state has moved.
 */
class GaussNewtonRowsTest {
    private static final double H = 1e-5;
    /** Relative to the largest entry of the row: the differences' truncation error is O(H^2). */
    private static final double TOL = 2e-5;
    private static MorphableModel model;
    private static LandmarkBasis basis;

    @BeforeAll
    static void load() {
        model = MorphableModel.load(ModelAssets.defaults().locateIct());
        basis = new LandmarkBasis(model, null);
    }

    /** Whitened residuals of the frame's rows at its state: right side minus rows times [a; w; 0]. */
    private static double[] residuals(FitFrame f, double[] alpha) {
        DMatrixRMaj a = new DMatrixRMaj(1, 1), b = new DMatrixRMaj(1, 1);
        GaussNewtonRows.build(f, basis, 1, a, b);
        double[] r = new double[a.numRows];
        for (int row = 0; row < a.numRows; row++) {
            double s = b.data[row];
            for (int k = 0; k < basis.nId; k++) {
                s -= a.data[row * a.numCols + k] * alpha[k];
            }
            for (int k = 0; k < basis.nEx; k++) {
                s -= a.data[row * a.numCols + basis.nId + k] * f.expr[k];
            }
            r[row] = s;
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(Pose.Camera.class)
    void rowsAreMinusTheResidualsDerivatives(Pose.Camera camera) {
        Random rnd = new Random(camera.ordinal() + 11);
        double[] alpha = new double[basis.nId];
        FitFrame f = TestFrames.onTargets(basis, camera, alpha, rnd);
        DMatrixRMaj a = new DMatrixRMaj(1, 1), b = new DMatrixRMaj(1, 1);
        GaussNewtonRows.build(f, basis, 1, a, b);
        Pose base = f.pose;
        int[] params = {0, 7, 99, basis.nId, basis.nId + 20, basis.nId + basis.nEx - 1};
        for (int column : params) {
            double[] plus = shifted(f, alpha, column, H), minus = shifted(f, alpha, column, -H);
            check(a, column, plus, minus, "column " + column);
        }
        for (int k = 0; k < JointShapeStep.NP; k++) {
            double[] d = new double[JointShapeStep.NP];
            d[k] = H;
            f.pose = JointShapeStep.applyIncrement(base, d);
            double[] plus = residuals(f, alpha);
            d[k] = -H;
            f.pose = JointShapeStep.applyIncrement(base, d);
            double[] minus = residuals(f, alpha);
            f.pose = base;
            check(a, basis.nId + basis.nEx + k, plus, minus, "pose increment " + k);
        }
    }

    private static double[] shifted(FitFrame f, double[] alpha, int column, double h) {
        double[] al = alpha.clone();
        double[] ex = f.expr.clone();
        if (column < basis.nId) {
            al[column] += h;
        } else {
            f.expr[column - basis.nId] += h;
        }
        f.updatePositions(al);
        double[] r = residuals(f, al);
        System.arraycopy(ex, 0, f.expr, 0, ex.length);
        f.updatePositions(alpha);
        return r;
    }

    private static void check(DMatrixRMaj a, int column, double[] plus, double[] minus, String what) {
        double largest = 0;
        for (int row = 0; row < a.numRows; row++) {
            largest = Math.max(largest, Math.abs(a.data[row * a.numCols + column]));
        }
        for (int row = 0; row < a.numRows; row++) {
            double fd = (plus[row] - minus[row]) / (2 * H);
            assertEquals(-fd, a.data[row * a.numCols + column], TOL * largest + 1e-9, what + ", row " + row);
        }
    }

    @ParameterizedTest
    @EnumSource(Pose.Camera.class)
    void rowsResidualIsTheFramesWhitenedResidual(Pose.Camera camera) {
        Random rnd = new Random(camera.ordinal() + 21);
        double[] alpha = new double[basis.nId];
        FitFrame f = TestFrames.onTargets(basis, camera, alpha, rnd);
        for (int i = 0; i < 136; i++) {
            f.target[i] += 3 * rnd.nextGaussian();
        }
        double[] r = residuals(f, alpha);
        double[] uv = f.project(), ax = new double[4], nr = new double[2];
        for (int i = 0; i < 68; i++) {
            f.normalisedResidual(i, uv, ax, nr);
            double w = Math.sqrt(f.userW[i] * f.robustW[i]);
            assertEquals(w * nr[0], r[2 * i], 1e-6 * (1 + Math.abs(r[2 * i])), "point " + i + " along u");
            assertEquals(w * nr[1], r[2 * i + 1], 1e-6 * (1 + Math.abs(r[2 * i + 1])), "point " + i + " along v");
        }
    }
}
