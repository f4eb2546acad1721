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
    void expressionWeightsByNameFollowTheModelsOrder() {
        double[] ex = new double[model.expressionCount()];
        ex[model.expressionIndex("mouthSmile_L")] = 0.8;
        java.util.Map<String, Double> named = model.expressionsByName(ex);
        assertEquals(model.expressionNames(), java.util.List.copyOf(named.keySet()));
        assertEquals(0.8, named.get("mouthSmile_L"), 0);
        assertEquals(0, named.get("mouthSmile_R"), 0);
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

    /** The grouped (four modes per pass) kernel equals a plain double-precision sum of the model equation. */
    @Test
    void evaluationEqualsTheModelEquationInDouble() {
        Random rnd = new Random(9);
        double[] id = new double[100];
        double[] ex = new double[57];
        for (int i = 0; i < id.length; i++) {
            id[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < ex.length; i++) {
            ex[i] = i % 7 == 3 ? 0 : rnd.nextDouble();
        }
        float[] got = model.evaluate(id, ex, Region.NARROW);
        float[] mean = model.meanArray(), u = model.identityArray(), e = model.expressionArray();
        int stride = 3 * model.vertexCount();
        for (int j = 0; j < got.length; j += 97) {
            double s = mean[j];
            for (int k = 0; k < id.length; k++) {
                s += id[k] * u[k * stride + j];
            }
            for (int k = 0; k < ex.length; k++) {
                s += ex[k] * e[k * stride + j];
            }
            assertEquals(s, got[j], 1e-3, "coordinate " + j);
        }
    }

    @Test
    void subsetEvaluatorEqualsRegionEvaluationForAnySubset() {
        Random rnd = new Random(13);
        int[] vertices = rnd.ints(200, 0, model.vertexCount(Region.FACE)).toArray();
        double[] id = rnd.doubles(100).map(x -> 2 * x - 1).toArray();
        double[] ex = rnd.doubles(57).toArray();
        float[] all = model.evaluate(id, ex, Region.FACE);
        float[] sub = model.subsetEvaluator(vertices).evaluate(id, ex);
        float[] direct = model.evaluate(id, ex, vertices);
        for (int i = 0; i < vertices.length; i++) {
            for (int a = 0; a < 3; a++) {
                assertEquals(all[3 * vertices[i] + a], sub[3 * i + a], 1e-3f);
                assertEquals(sub[3 * i + a], direct[3 * i + a], 0f);
            }
        }
        assertArrayEquals(java.util.Arrays.copyOf(model.meanArray(), 3),
            model.subsetEvaluator(new int[] {0}).evaluate(null, null), 0f, "no coefficients: the mean");
    }
}
