package io.face3d.fit.occlusion;

/**
 * Landmarks two detectors place differently (FaceMesh's derived 68 and dlib's, on the same face box): over skin both
 * agree to a few per cent of the inter-ocular distance (2.8% IOD mean on real photos, README), under an occluder each
 * guesses from its own shape prior and they part. A landmark is disputed when the two positions are further apart
 * than {@link #MIN_IOD} of the inter-ocular distance and than {@link #MEDIAN_FACTOR} x the median distance of the
 * 68 (the median absorbs a systematic offset of the two detectors on this face, e.g. a box mapped differently).
 */
public final class LandmarkAgreement {
    /** Smallest disagreement that counts, fraction of the outer inter-ocular distance (points 36 and 45). */
    public static final double MIN_IOD = 0.10;
    /** A disputed landmark is further apart than this many times the median disagreement. */
    public static final double MEDIAN_FACTOR = 3;

    private LandmarkAgreement() {
    }

    /** Indices (ascending) of the landmarks whose positions in {@code a} and {@code b} (68 x, y, pixels) disagree. */
    public static int[] disputed(double[] a, double[] b) {
        if (a.length != 136 || b.length != 136) {
            throw new IllegalArgumentException("need 68 landmarks from each detector");
        }
        double iod = Math.hypot(a[72] - a[90], a[73] - a[91]);
        double[] d = new double[68];
        for (int k = 0; k < 68; k++) {
            d[k] = Math.hypot(a[2 * k] - b[2 * k], a[2 * k + 1] - b[2 * k + 1]);
        }
        double[] sorted = d.clone();
        java.util.Arrays.sort(sorted);
        double limit = Math.max(MIN_IOD * iod, MEDIAN_FACTOR * (sorted[33] + sorted[34]) / 2);
        return java.util.stream.IntStream.range(0, 68).filter(k -> d[k] > limit).toArray();
    }
}
