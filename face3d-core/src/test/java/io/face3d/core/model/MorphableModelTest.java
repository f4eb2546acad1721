package io.face3d.core.model;

import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MorphableModelTest {
    private final MorphableModel model = TestModel.get();

    @Test
    void hasTheFiguresOfIctFaceKitLight() {
        assertEquals(26719, model.vertexCount());
        assertEquals(100, model.identityCount());
        assertEquals(57, model.expressionCount());
        assertEquals(68, model.landmarks68().length);
        assertEquals(9409, model.vertexCount(Region.FACE));
        assertEquals(6706, model.vertexCount(Region.NARROW));
    }

    @Test
    void meanNoseTipIsWhereConventionsSayAndEyesAre89mmApart() {
        float[] lm = model.evaluate(null, null, model.landmarks68());
        // point 30 is the nose tip, about (0, 4, 131) mm
        assertEquals(0, lm[3 * 30], 2.0);
        assertEquals(131, lm[3 * 30 + 2], 3.0);
        double dx = lm[3 * 36] - lm[3 * 45], dy = lm[3 * 36 + 1] - lm[3 * 45 + 1], dz = lm[3 * 36 + 2] - lm[3 * 45 + 2];
        assertEquals(89.2, Math.sqrt(dx * dx + dy * dy + dz * dz), 0.5);
        assertTrue(lm[3 * 45] > lm[3 * 36], "+x is the subject's left: point 45 (left eye) has larger x");
    }

    @Test
    void subsetEvaluationEqualsRegionEvaluation() {
        Random rnd = new Random(7);
        double[] id = new double[100];
        double[] ex = new double[57];
        for (int i = 0; i < id.length; i++) {
            id[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < ex.length; i += 5) {
            ex[i] = rnd.nextDouble();
        }
        float[] all = model.evaluate(id, ex, Region.FACE);
        int[] lm = model.landmarks68();
        float[] sub = model.evaluate(id, ex, lm);
        float[] expected = new float[sub.length];
        for (int i = 0; i < lm.length; i++) {
            System.arraycopy(all, 3 * lm[i], expected, 3 * i, 3);
        }
        assertArrayEquals(expected, sub, 1e-3f);
    }
}
