package io.face3d.vision.mediapipe;

/**
 * The iBUG 300-W 68 landmarks from MediaPipe's 468 FaceMesh points.
 * <p>
 * How the table was chosen: every iBUG point is a FaceMesh vertex on the matching contour of MediaPipe's mesh
 * topology (face_mesh_connections.py: FACEMESH_LIPS, _LEFT_EYE, _RIGHT_EYE, _LEFT_EYEBROW, _RIGHT_EYEBROW,
 * _FACE_OVAL; the nose midline 168-197-5-4), and among the vertices of that contour the one nearest to dlib's
 * 68-point output (Debian libdlib 19.24, shape_predictor_68_face_landmarks.dat on its own HOG box; dlib is trained
 * on the iBUG annotations, so it stands in for them) on tests photos astronaut.png and astronaut_roll30.png.
 * Consequences of that calibration: the brows are FaceMesh's LOWER brow contour (iBUG/dlib brows sit on the
 * brow's lower half), the eye corners are the lid vertices just inside FaceMesh's corners 33/133/362/263, the inner
 * lip points sit nearer the mouth centre than an even spacing. Mean distance to dlib on those two photos: 2.8% of
 * the inter-ocular distance (4.6% with a purely anatomical first choice); two photos of one face are a thin
 * calibration, so treat the table as a documented starting point. "Right"/"left" are the subject's sides, so
 * iBUG point 36 (right eye outer corner) is near FaceMesh 33.
 * <p>
 * The jaw has no one-to-one match: iBUG's 17 contour points are evenly spaced from the ear (at brow-to-eye
 * height) to the chin and back, while the FaceMesh oval has its own spacing. So the jaw is resampled by arc
 * length: points 0-8 evenly along the right half of the oval from 127 (beside the right eye, at the ear) to 152
 * (chin), points 8-16 along the left half from 152 to 356. Starting the arc at 127/356 rather than 234/454 halved
 * the jaw's distance to dlib (3.8% against 6.8% of the inter-ocular distance).
 */
public final class Ibug68FromFaceMesh {
    /** FaceMesh index of iBUG points 17-67 (index k - 17). */
    static final int[] INNER = {
        46, 53, 52, 65, 55,             // 17-21 right brow (lower contour), outer to inner
        285, 295, 282, 283, 276,        // 22-26 left brow (lower contour), inner to outer
        168, 197, 5, 4,                 // 27-30 nose bridge to tip
        75, 241, 2, 328, 460,           // 31-35 nostril base, right to left
        7, 159, 158, 155, 153, 144,     // 36-41 right eye: outer corner, upper lid, inner corner, lower lid
        382, 385, 387, 249, 373, 380,   // 42-47 left eye: inner corner, upper lid, outer corner, lower lid
        61, 39, 37, 0, 267, 269, 291,   // 48-54 outer upper lip, right corner to left corner
        321, 314, 17, 84, 91,           // 55-59 outer lower lip, left to right
        78, 82, 13, 312, 308,           // 60-64 inner upper lip, right corner to left corner
        317, 14, 87                     // 65-67 inner lower lip, left to right
    };
    /** Right half of the FaceMesh face oval, from beside the right eye to the chin. */
    static final int[] RIGHT_JAW = {127, 234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152};
    /** Left half, chin to beside the left eye. */
    static final int[] LEFT_JAW = {152, 377, 400, 378, 379, 365, 397, 288, 361, 323, 454, 356};

    private Ibug68FromFaceMesh() {
    }

    /** 68 points (x, y interleaved) from 468 FaceMesh points (x, y, z triples). */
    public static double[] points68(double[] dense) {
        if (dense.length != 3 * FaceMesh.POINTS) {
            throw new IllegalArgumentException("dense must hold 468 x, y, z triples");
        }
        double[] out = new double[136];
        resample(dense, RIGHT_JAW, out, 0);
        resample(dense, LEFT_JAW, out, 8);
        for (int k = 17; k < 68; k++) {
            int m = INNER[k - 17];
            out[2 * k] = dense[3 * m];
            out[2 * k + 1] = dense[3 * m + 1];
        }
        return out;
    }

    /** Writes iBUG points first..first+8 evenly by arc length along the polyline of the given FaceMesh points. */
    private static void resample(double[] dense, int[] chain, double[] out, int first) {
        double[] cum = new double[chain.length];
        for (int i = 1; i < chain.length; i++) {
            cum[i] = cum[i - 1] + Math.hypot(dense[3 * chain[i]] - dense[3 * chain[i - 1]],
                dense[3 * chain[i] + 1] - dense[3 * chain[i - 1] + 1]);
        }
        double total = cum[chain.length - 1];
        int seg = 1;
        for (int k = 0; k <= 8; k++) {
            double target = total * k / 8;
            while (seg < chain.length - 1 && cum[seg] < target) {
                seg++;
            }
            double len = cum[seg] - cum[seg - 1];
            double t = len > 0 ? Math.min(1, Math.max(0, (target - cum[seg - 1]) / len)) : 0;
            int p = 3 * chain[seg - 1], q = 3 * chain[seg];
            out[2 * (first + k)] = dense[p] + t * (dense[q] - dense[p]);
            out[2 * (first + k) + 1] = dense[p + 1] + t * (dense[q + 1] - dense[p + 1]);
        }
    }
}
