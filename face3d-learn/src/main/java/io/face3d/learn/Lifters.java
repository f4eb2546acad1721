package io.face3d.learn;

import io.face3d.core.Face3dException;
import io.face3d.core.model.MorphableModel;
import io.face3d.learn.data.PairFeatures;
import io.face3d.learn.mds.SmacofConfig;

/** Builds the lifters by name. */
public final class Lifters {
    /** Names accepted by {@link #byName}. */
    public static final String MDS = "mds", REGRESS = "regress", MODEL = "model";

    private Lifters() {
    }

    /** Deep-MDS with the canonical-view autoencoder, context features (with the face encoder) and the depth-only SMACOF refinement. */
    public static MdsLifter mds(LiftWeights w) {
        return new MdsLifter(MDS, w.distance(), w.canonical(), w.distanceEncoder(), PairFeatures.Kind.CONTEXT, w.prior(),
            SmacofConfig.defaults(), true);
    }

    public static MdsLifter mds() {
        return mds(LiftWeights.shipped());
    }

    public static RegressLifter regress(LiftWeights w) {
        return new RegressLifter(w.depth(), w.prior());
    }

    public static RegressLifter regress() {
        return regress(LiftWeights.shipped());
    }

    /** The mean-face-depth baseline (input x, y; the aligned mean face's depth). */
    public static MeanFaceLifter meanFaceDepth(MorphableModel model) {
        return new MeanFaceLifter(meanLandmarks(model), false);
    }

    /** The mean face aligned to the input as a rigid shape (reference). */
    public static MeanFaceLifter meanFaceAligned(MorphableModel model) {
        return new MeanFaceLifter(meanLandmarks(model), true);
    }

    private static double[] meanLandmarks(MorphableModel model) {
        float[] m = model.evaluate(null, null, model.landmarks68());
        double[] p = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            p[i] = m[i];
        }
        return p;
    }

    /**
     * @param name        mds, regress or model
     * @param weights     networks to use
     * @param modelLifter the model-based lift from the landmark fitter (face3d-api's ModelLifter), or null when the caller has none
     */
    public static Lifter byName(String name, LiftWeights weights, Lifter modelLifter) {
        return switch (name) {
            case MDS -> mds(weights);
            case REGRESS -> regress(weights);
            case MODEL -> {
                if (modelLifter == null) {
                    throw new Face3dException("--method model needs the landmark fitter, which this caller did not supply: use face3d lift, or --method mds or regress");
                }
                yield modelLifter;
            }
            default -> throw new Face3dException("unknown lift method '" + name + "': use mds, regress or model");
        };
    }
}
