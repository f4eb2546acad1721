package io.face3d.clinic;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.util.Map;

/** Postures made straight from the model for tests: the face of an identity with some blendshapes set. */
final class ModelStates {
    private ModelStates() {
    }

    /**
     * @param identity null for the mean face
     * @param weights  blendshape weights by name; the others are 0
     * @param withFace whether the state carries the full-face mesh (for the asymmetry map) or landmarks only
     */
    static FaceState of(MorphableModel model, double[] identity, Map<String, Double> weights, boolean withFace) {
        double[] ex = new double[model.expressionCount()];
        weights.forEach((n, w) -> ex[model.expressionIndex(n)] = w);
        return new FaceState(model.evaluate(identity, ex, model.landmarks68()),
            withFace ? model.evaluate(identity, ex, Region.FACE) : null, model.expressionsByName(ex), "mesh");
    }
}
