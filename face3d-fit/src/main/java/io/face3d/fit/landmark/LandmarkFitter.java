package io.face3d.fit.landmark;

import io.face3d.core.model.MorphableModel;

import java.util.List;

/**
 * Fits the morphable model (pose, identity, expression) to 2D landmarks. A fit of one image is the joint fit of
 * a one-image list: both go through the same code. Implementations are thread-safe: one fitter serves many
 * threads.
 */
public interface LandmarkFitter {

    /** Fits one image. Throws {@link io.face3d.core.Face3dException} on input no fit can explain. */
    default FitResult fit(LandmarkObservation observation) {
        return fitJoint(List.of(observation)).images().get(0);
    }

    /**
     * Fits several images of ONE person: a single identity shared by all (its prior counted once), pose and
     * expression per image.
     */
    JointFitResult fitJoint(List<LandmarkObservation> observations);

    /** The alternating pose / identity / expression fitter of this package. */
    static LandmarkFitter create(MorphableModel model, FitConfig config) {
        return new AlternatingLandmarkFitter(model, config);
    }
}
