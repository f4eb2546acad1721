package io.face3d.learn;

import io.face3d.core.Face3dException;
import io.face3d.learn.data.LiftTargets;
import io.face3d.learn.data.Normalisation;

/**
 * A lifter working in normalised units ({@link Normalisation}): by default it keeps the input's x, y and estimates
 * the depth; a lifter that recovers a whole rigid shape overrides {@link #liftNormalised}.
 */
public abstract class DepthLifter implements Lifter {
    /** Number of landmarks the lifters work on (iBUG 68). */
    public static final int POINTS = 68;

    /** n depths (toward the viewer) for n normalised points (x, y up). */
    public abstract double[] depth(double[] normalised);

    /** n x 3 points in normalised units for n normalised points: here the input's x, y and {@link #depth}. */
    public double[] liftNormalised(double[] normalised) {
        return LiftTargets.withDepth(normalised, depth(normalised));
    }

    @Override
    public Lifted lift(double[] points2d) {
        if (points2d.length != 2 * POINTS) {
            throw new Face3dException("lifting needs 68 landmarks (iBUG order), got " + points2d.length / 2);
        }
        for (double v : points2d) {
            if (!Double.isFinite(v)) {
                throw new Face3dException("2D landmarks contain a non-finite value: check the input file");
            }
        }
        Normalisation norm = Normalisation.of(points2d);
        double[] xy = norm.apply(points2d);
        return Lifted.fromNormalised(norm, liftNormalised(xy));
    }
}
