package io.face3d.clinic;

/**
 * Computes {@link SideMeasures} from the 68 iBUG landmarks of a face in model space (x, y, z interleaved, mm,
 * identity + expression, no pose). The landmarks are model vertices (manifest {@code landmarks_ibug68}), so the
 * measures follow the same anatomy on every face the model can make.
 */
public final class FaceMeasurer {
    private static final int[] RIGHT_BROW = {17, 18, 19, 20, 21};
    private static final int[] LEFT_BROW = {22, 23, 24, 25, 26};
    private static final int[] RIGHT_EYE = {36, 37, 38, 39, 40, 41};
    private static final int[] LEFT_EYE = {42, 43, 44, 45, 46, 47};
    /** Upper/lower lid pairs: 37-41, 38-40 (right); 43-47, 44-46 (left). */
    private static final int[][] RIGHT_LIDS = {{37, 41}, {38, 40}};
    private static final int[][] LEFT_LIDS = {{43, 47}, {44, 46}};
    private static final int LOWER_LIP_MID = 57;
    private static final int NOSE_BASE = 33;

    private FaceMeasurer() {
    }

    public static SideMeasures measure(float[] landmarks3d, Side side) {
        return measure(landmarks3d, null, side);
    }

    /** As {@link #measure(float[], Side)}, with the nasolabial fold read from {@code face} when it is given. */
    public static SideMeasures measure(float[] landmarks3d, float[] face, Side side) {
        if (landmarks3d.length != 68 * 3) {
            throw new IllegalArgumentException("need 68 3D landmarks, got " + landmarks3d.length / 3);
        }
        boolean right = side == Side.RIGHT;
        double[] brow = centroid(landmarks3d, right ? RIGHT_BROW : LEFT_BROW);
        double[] eye = centroid(landmarks3d, right ? RIGHT_EYE : LEFT_EYE);
        double fissure = 0;
        for (int[] pair : right ? RIGHT_LIDS : LEFT_LIDS) {
            // Signed vertical gap, not the 3D distance: a lid pressed shut goes past its partner and the distance
            // would grow again; the gap reaches 0 and stays there.
            fissure += Math.max(0, landmarks3d[3 * pair[0] + 1] - landmarks3d[3 * pair[1] + 1]) / 2;
        }
        double[] corner = point(landmarks3d, right ? 48 : 54);
        double[] mid = point(landmarks3d, LOWER_LIP_MID);
        double dx = Math.abs(corner[0] - mid[0]), dy = corner[1] - mid[1];
        double gap = right ? distance(point(landmarks3d, 61), point(landmarks3d, 67))
            : distance(point(landmarks3d, 63), point(landmarks3d, 65));
        double noseBase = landmarks3d[3 * NOSE_BASE + 1];
        double upperLip = landmarks3d[3 * (right ? 50 : 52) + 1] - noseBase;
        double lowerLip = noseBase - landmarks3d[3 * (right ? 58 : 56) + 1];
        double fold = face == null ? Double.NaN : NasolabialFold.depth(face, landmarks3d, side);
        return new SideMeasures(distance(brow, eye), fissure, distance(corner, mid),
            Math.toDegrees(Math.atan2(dy, dx)), dy, gap, corner, upperLip, lowerLip, point(landmarks3d, right ? 7 : 9),
            fold);
    }

    static double[] point(float[] p, int i) {
        return new double[] {p[3 * i], p[3 * i + 1], p[3 * i + 2]};
    }

    static double[] centroid(float[] p, int[] idx) {
        double[] c = new double[3];
        for (int i : idx) {
            for (int a = 0; a < 3; a++) {
                c[a] += p[3 * i + a] / idx.length;
            }
        }
        return c;
    }

    static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
