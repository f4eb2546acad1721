package io.face3d.clinic;

import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class AsymmetryMapTest {
    private final MorphableModel model = TestModel.get();

    private double[] map(double[] ex, boolean moved) {
        float[] face = model.evaluate(null, ex, Region.FACE);
        if (moved) {
            // A rigid motion must not create asymmetry: the symmetry plane is fitted, not assumed at x = 0.
            double[] r = Rotation.fromEulerDegrees(12, -7, 5);
            for (int i = 0; i < face.length; i += 3) {
                double x = face[i], y = face[i + 1], z = face[i + 2];
                face[i] = (float) (r[0] * x + r[1] * y + r[2] * z + 4);
                face[i + 1] = (float) (r[3] * x + r[4] * y + r[5] * z - 3);
                face[i + 2] = (float) (r[6] * x + r[7] * y + r[8] * z + 2);
            }
        }
        return AsymmetryMap.compute(face, model.mirrorMap());
    }

    private static double percentile95(double[] d) {
        double[] s = java.util.Arrays.stream(d).filter(Double::isFinite).sorted().toArray();
        return s[(int) (0.95 * (s.length - 1))];
    }

    @Test
    void theSymmetricMeanFaceIsSymmetricWhereverItIsPlaced() {
        assertTrue(percentile95(map(null, false)) < 0.5);
        assertTrue(percentile95(map(null, true)) < 0.5);
    }

    @Test
    void aOneSidedSmileShowsAsAsymmetryAtTheMouthCorner() {
        double[] ex = new double[model.expressionCount()];
        ex[model.expressionIndex("mouthSmile_L")] = 1;
        double[] d = map(ex, false);
        int leftCorner = model.landmarks68()[54];
        assertTrue(d[leftCorner] > 3, "left mouth corner asymmetry " + d[leftCorner]);
        assertTrue(d[model.landmarks68()[27]] < 2, "nose bridge stays symmetric");
    }

    @Test
    void theSignedMapsNameTheSideThatIsLowerAndTheSideThatMovesLess() {
        double[] smile = new double[model.expressionCount()];
        smile[model.expressionIndex("mouthSmile_L")] = 1;
        float[] rest = model.evaluate(null, null, Region.FACE);
        double[] moved = AsymmetryMap.movementDifference(model.evaluate(null, smile, Region.FACE), rest,
            model.mirrorMap());
        int right = model.landmarks68()[48], left = model.landmarks68()[54];
        assertTrue(moved[left] > 3 && moved[right] < -3, "left moves more: " + moved[left] + ", " + moved[right]);
        double[] frown = new double[model.expressionCount()];
        frown[model.expressionIndex("mouthFrown_R")] = 1;
        double[] height = AsymmetryMap.heightDifference(model.evaluate(null, frown, Region.FACE), model.mirrorMap());
        assertTrue(height[right] < -0.5 && height[left] > 0.5, "right corner lower: " + height[right] + ", "
            + height[left]);
    }
}
