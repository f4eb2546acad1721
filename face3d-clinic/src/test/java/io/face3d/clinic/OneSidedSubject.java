package io.face3d.clinic;

import io.face3d.core.model.MorphableModel;

import java.util.Random;

/**
 * A synthetic palsy subject for the clinic's tests: identity N(0, 1), a weaker side, the stronger side's weight
 * U(0.6, 1) and the weaker's a U(0, 0.6) fraction of it. {@code rnd} is the seeded stream it was drawn from, for
 * whatever else a test draws next.
 */
record OneSidedSubject(Random rnd, double[] identity, boolean rightWeak, double strong, double weak) {

    static OneSidedSubject draw(MorphableModel model, long seed) {
        Random rnd = new Random(seed);
        double[] id = new double[model.identityCount()];
        for (int i = 0; i < id.length; i++) {
            id[i] = rnd.nextGaussian();
        }
        boolean rightWeak = rnd.nextBoolean();
        double strong = 0.6 + 0.4 * rnd.nextDouble(), weak = 0.6 * strong * rnd.nextDouble();
        return new OneSidedSubject(rnd, id, rightWeak, strong, weak);
    }

    /** The weight of the right side's movement. */
    double right() {
        return rightWeak ? weak : strong;
    }

    /** The weight of the left side's movement. */
    double left() {
        return rightWeak ? strong : weak;
    }
}
