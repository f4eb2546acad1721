package io.face3d.clinic.synthetic;

import io.face3d.clinic.FaceState;
import io.face3d.clinic.Movement;
import io.face3d.clinic.Side;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic palsy patient whose state is one number, the weaker side's activation {@code f} in [0, 1] (the
 * fraction of the stronger side's movement it makes): 1 is a symmetric face, 0 a paralysed side. With it, and tied
 * to {@code 1 - f}, go the signs a palsied side shows at rest and as synkinesis, so every grading item has a known
 * direction in {@code f}:
 * <ul>
 * <li>each movement's blendshapes (as {@link SyntheticSubject#blendshapes}, "eee" with mouthLowerDown too) at {@code strength} on the stronger
 * side and {@code f x strength} on the weaker;</li>
 * <li>resting droop on the weaker side in every posture: browDown and mouthFrown at
 * {@code 0.5 x droop x (1 - f)};</li>
 * <li>synkinesis on the weaker side: the eye narrowing (eyeBlink {@code 0.3 x synkinesis x (1 - f)}) during the mouth
 * movements (smile, pucker, snarl, "eee") and the mouth corner pulled (mouthSmile at the same weight) during the eye
 * movements (brow raise, gentle and full closure).</li>
 * </ul>
 * The model's pucker is one shape without sides: the pucker is drawn at {@code strength} on both sides and only its
 * synkinesis depends on {@code f}. Visits of a recovering patient are the same patient at rising {@code f}.
 *
 * @param identity   identity coefficients
 * @param weakerSide the side whose activation is {@code f}
 * @param strength   the stronger side's blendshape weight, (0, 1]
 * @param droop      resting droop at {@code f = 0}, [0, 1]
 * @param synkinesis synkinesis at {@code f = 0}, [0, 1]
 */
public record SyntheticPatient(double[] identity, Side weakerSide, double strength, double droop, double synkinesis) {
    /** Every posture the grading scales use. */
    public static final Movement[] ALL_POSTURES = Movement.values();

    private static final Movement[] MOUTH = {Movement.SMILE, Movement.PUCKER, Movement.SNARL, Movement.EEE};

    /** Identity N(0, 1), a random weaker side, strength U(0.6, 1), droop and synkinesis U(0, 1). */
    public static SyntheticPatient draw(MorphableModel model, Random rnd) {
        double[] id = new double[model.identityCount()];
        for (int i = 0; i < id.length; i++) {
            id[i] = rnd.nextGaussian();
        }
        Side weaker = rnd.nextBoolean() ? Side.RIGHT : Side.LEFT;
        return new SyntheticPatient(id, weaker, 0.6 + 0.4 * rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble());
    }

    /** Blendshape weights of each posture at activation {@code f}. */
    public Map<Movement, double[]> expressions(MorphableModel model, double f, Movement... postures) {
        if (!(f >= 0 && f <= 1)) {
            throw new IllegalArgumentException("activation must be in [0, 1], got " + f);
        }
        String w = weakerSide.blendshapeSuffix(), s = weakerSide.other().blendshapeSuffix();
        double loss = 1 - f;
        Map<Movement, double[]> out = new EnumMap<>(Movement.class);
        for (Movement m : withRest(postures)) {
            double[] ex = new double[model.expressionCount()];
            add(model, ex, "browDown" + w, 0.5 * droop * loss);
            add(model, ex, "mouthFrown" + w, 0.5 * droop * loss);
            if (m == Movement.PUCKER) {
                add(model, ex, "mouthPucker", strength);
            } else if (m != Movement.REST) {
                for (String b : blendshapes(m)) {
                    add(model, ex, b + s, strength);
                    add(model, ex, b + w, f * strength);
                }
            }
            double syn = 0.3 * synkinesis * loss;
            if (java.util.Arrays.asList(MOUTH).contains(m)) {
                add(model, ex, "eyeBlink" + w, syn);
            } else if (m != Movement.REST) {
                add(model, ex, "mouthSmile" + w, syn);
            }
            out.put(m, ex);
        }
        return out;
    }

    /** The true faces of each posture at activation {@code f}, as a mesh input gives them (source "mesh"). */
    public Map<Movement, FaceState> states(MorphableModel model, double f, Movement... postures) {
        Map<Movement, FaceState> out = new EnumMap<>(Movement.class);
        expressions(model, f, postures).forEach((m, ex) -> out.put(m, new FaceState(
            model.evaluate(identity, ex, model.landmarks68()), model.evaluate(identity, ex, Region.FACE),
            model.expressionsByName(ex), "mesh")));
        return out;
    }

    /** {@link SyntheticSubject#blendshapes}, with the lower lip's depressor added to "eee" (eFACE grades it). */
    static String[] blendshapes(Movement m) {
        return m == Movement.EEE ? new String[] {"mouthStretch", "mouthLowerDown"} : SyntheticSubject.blendshapes(m);
    }

    private static Movement[] withRest(Movement[] postures) {
        java.util.LinkedHashSet<Movement> all = new java.util.LinkedHashSet<>();
        all.add(Movement.REST);
        all.addAll(java.util.Arrays.asList(postures));
        return all.toArray(Movement[]::new);
    }

    private static void add(MorphableModel model, double[] ex, String name, double weight) {
        int i = model.expressionIndex(name);
        ex[i] = Math.min(1, ex[i] + weight);
    }
}
