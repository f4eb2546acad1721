package io.face3d.eval.landmarks;

import io.face3d.core.Face3dException;

/**
 * The landmark sets the evaluation accepts, as flat x, y, z arrays: the 68 iBUG points (CONVENTIONS.md) and the
 * 7 points of the NoW benchmark, ordered as iBUG indices 36, 39, 42, 45 (eye corners: subject's right outer, right
 * inner, left inner, left outer), 33 (nose bottom), 48, 54 (mouth corners).
 */
public final class LandmarkSets {
    /** iBUG index of each NoW point. */
    public static final int[] NOW_FROM_IBUG = {36, 39, 42, 45, 33, 48, 54};
    public static final int IBUG_NOSE_TIP = 30;
    public static final int NOW_NOSE = 4;
    public static final int IBUG_RIGHT_EYE_OUTER = 36;
    public static final int IBUG_LEFT_EYE_OUTER = 45;

    private LandmarkSets() {
    }

    /** The 7 NoW points of a 7- or 68-point set. */
    public static double[] toNow7(double[] points) {
        int n = checkedCount(points);
        if (n == 7) {
            return points.clone();
        }
        double[] out = new double[21];
        for (int i = 0; i < 7; i++) {
            System.arraycopy(points, 3 * NOW_FROM_IBUG[i], out, 3 * i, 3);
        }
        return out;
    }

    /** The nose point: the tip for 68 points, the nose bottom for NoW's 7. */
    public static double[] nose(double[] points) {
        int idx = checkedCount(points) == 68 ? IBUG_NOSE_TIP : NOW_NOSE;
        return new double[] {points[3 * idx], points[3 * idx + 1], points[3 * idx + 2]};
    }

    /** Brings two sets to common points: both as given when they have the same count, else both as NoW's 7. */
    public static double[][] matched(double[] a, double[] b) {
        int na = checkedCount(a), nb = checkedCount(b);
        return na == nb ? new double[][] {a, b} : new double[][] {toNow7(a), toNow7(b)};
    }

    public static int checkedCount(double[] points) {
        if (points == null || points.length % 3 != 0 || (points.length != 21 && points.length != 204)) {
            int n = points == null ? 0 : points.length / 3;
            throw new Face3dException("a landmark file must hold 7 (NoW) or 68 (iBUG) points of x y z, got " + n);
        }
        for (double v : points) {
            if (!Double.isFinite(v)) {
                throw new Face3dException("a landmark coordinate is not a finite number: fix the landmark file");
            }
        }
        return points.length / 3;
    }
}
