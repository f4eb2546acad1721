package io.face3d.fit.landmark;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshCoefficientFitterTest {
    @Test
    void recoversSharedIdentityAndOneSidedExpressionsFromExactMeshes() {
        MorphableModel model = TestModel.get();
        Random rnd = new Random(5);
        double[] id = new double[model.identityCount()];
        for (int i = 0; i < id.length; i++) {
            id[i] = rnd.nextGaussian();
        }
        double[] rest = new double[model.expressionCount()];
        double[] smile = new double[model.expressionCount()];
        smile[model.expressionIndex("mouthSmile_L")] = 0.9;
        smile[model.expressionIndex("mouthSmile_R")] = 0.2;
        smile[model.expressionIndex("eyeBlink_R")] = 0.5;
        MeshCoefficientFitter.Result r = new MeshCoefficientFitter(model).fit(List.of(
            model.evaluate(id, rest, Region.FACE), model.evaluate(id, smile, Region.FACE)));
        assertTrue(r.rmsMm() < 0.05, "residual " + r.rmsMm());
        double[] w = r.expressions().get(1);
        assertEquals(0.9, w[model.expressionIndex("mouthSmile_L")], 0.05);
        assertEquals(0.2, w[model.expressionIndex("mouthSmile_R")], 0.05);
        assertEquals(0.5, w[model.expressionIndex("eyeBlink_R")], 0.05);
        assertEquals(0.0, w[model.expressionIndex("eyeBlink_L")], 0.05);
        for (double v : r.expressions().get(0)) {
            assertEquals(0, v, 0.05);
        }
    }
}
