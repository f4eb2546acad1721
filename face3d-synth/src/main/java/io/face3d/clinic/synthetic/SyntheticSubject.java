package io.face3d.clinic.synthetic;

import io.face3d.clinic.Movement;
import io.face3d.clinic.Side;
import io.face3d.core.model.MorphableModel;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic palsy subject drawn from the morphable model: an identity ~ N(0, 1), a weaker side, and for each
 * movement blendshape weights that are lower on the weaker side (e.g. mouthSmile_R 0.2 against mouthSmile_L 0.9).
 * The truth the assessment must recover is the weaker side of each movement and the weight ratio.
 *
 * @param identity   identity coefficients
 * @param weakerSide the side with the weaker movements
 * @param expressions blendshape weights per posture (REST included, possibly with a faint resting expression)
 * @param strength   {weaker weight, stronger weight} of each movement's main blendshapes
 */
public record SyntheticSubject(double[] identity, Side weakerSide, Map<Movement, double[]> expressions,
                               Map<Movement, double[]> strength) {

    /** The blendshapes (without _L/_R) that make each movement; both sides get the movement's weights. */
    public static String[] blendshapes(Movement m) {
        return switch (m) {
            case SMILE -> new String[] {"mouthSmile"};
            case BROW -> new String[] {"browOuterUp", "browInnerUp"};
            case EYES_CLOSED -> new String[] {"eyeBlink"};
            case EEE -> new String[] {"mouthStretch"};
            case SNARL -> new String[] {"noseSneer", "mouthUpperUp"};
            case EYES_CLOSED_TIGHT -> new String[] {"eyeBlink", "eyeSquint"};
            case PUCKER, REST -> throw new IllegalArgumentException(m + " has no left/right blendshapes in the model");
        };
    }

    /**
     * Draws a subject. Movements are those with left/right blendshapes
     * (smile, brow, eyes closed, [e]); the model's mouthPucker is one shape, so a one-sided pucker cannot be drawn.
     * The stronger side's weight is in [0.6, 1]; the weaker side's is a uniform fraction in
     * [0, 0.6] of it, so the weaker side is always clearly weaker (a ratio of at most 0.6), as a clinician's
     * palsy subject would be.
     */
    public static SyntheticSubject draw(MorphableModel model, Random rnd, Movement... movements) {
        double[] id = new double[model.identityCount()];
        for (int i = 0; i < id.length; i++) {
            id[i] = rnd.nextGaussian();
        }
        Side weaker = rnd.nextBoolean() ? Side.RIGHT : Side.LEFT;
        Map<Movement, double[]> ex = new EnumMap<>(Movement.class);
        Map<Movement, double[]> strength = new EnumMap<>(Movement.class);
        ex.put(Movement.REST, new double[model.expressionCount()]);
        for (Movement m : movements) {
            if (m == Movement.REST) {
                continue;
            }
            double[] w = new double[model.expressionCount()];
            double strong = 0.6 + 0.4 * rnd.nextDouble();
            double weak = strong * 0.6 * rnd.nextDouble();
            for (String b : blendshapes(m)) {
                w[model.expressionIndex(b + weaker.blendshapeSuffix())] = weak;
                w[model.expressionIndex(b + weaker.other().blendshapeSuffix())] = strong;
            }
            ex.put(m, w);
            strength.put(m, new double[] {weak, strong});
        }
        return new SyntheticSubject(id, weaker, ex, strength);
    }
}
