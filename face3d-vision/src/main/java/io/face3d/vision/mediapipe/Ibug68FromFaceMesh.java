package io.face3d.vision.mediapipe;

/**
 * The iBUG 300-W 68 landmarks from MediaPipe's 468 FaceMesh points.
 * <p>
 * How the table was chosen: for brows, eyes, nose and mouth the FaceMesh vertex whose anatomical meaning matches
 * the iBUG definition (Sagonas et al., 300-W, 2013) was taken from MediaPipe's canonical mesh topology
 * (mediapipe/modules/face_geometry/data/canonical_face_model_uv_visualization.png and the contour lists of
 * face_mesh_connections.py: FACEMESH_LIPS, _LEFT_EYE, _RIGHT_EYE, _LEFT_EYEBROW, _RIGHT_EYEBROW, _FACE_OVAL):
 * eye corners 33/133 and 362/263 and the lid vertices at one and two thirds of each lid; the upper brow contour;
 * the nose's midline (168 nasion ... 4 tip) and the nostril bases 98/327 with 97, 2, 326 between; the outer and
 * inner lip contours at the iBUG spacing. "Right"/"left" are the subject's sides, so iBUG point 36 (right eye
 * outer corner) is FaceMesh 33.
 * <p>
 * The jaw has no one-to-one match: iBUG's 17 contour points are evenly spaced from the ear (level with the eyes)
 * to the chin and back, while the FaceMesh oval has its own spacing. So the jaw is resampled by arc length:
 * points 0-8 evenly along the right half of the oval, 234 (right cheek edge, level with the eyes) ... 152 (chin),
 * and points 8-16 along the left half, 152 ... 454. Point 8 is exactly 152, points 0 and 16 exactly 234 and 454.
 */
public final class Ibug68FromFaceMesh {
    /** FaceMesh index of iBUG points 17-67 (index k - 17). */
    static final int[] INNER = {
        70, 63, 105, 66, 107,           // 17-21 right brow, outer to inner
        336, 296, 334, 293, 300,        // 22-26 left brow, inner to outer
        168, 197, 5, 4,                 // 27-30 nose bridge to tip
        98, 97, 2, 326, 327,            // 31-35 nostril base, right to left
        33, 160, 158, 133, 153, 144,    // 36-41 right eye: outer corner, upper lid, inner corner, lower lid
        362, 385, 387, 263, 373, 380,   // 42-47 left eye: inner corner, upper lid, outer corner, lower lid
        61, 40, 37, 0, 267, 270, 291,   // 48-54 outer upper lip, right corner to left corner
        321, 314, 17, 84, 91,           // 55-59 outer lower lip, left to right
        78, 81, 13, 311, 308,           // 60-64 inner upper lip, right corner to left corner
        402, 14, 178                    // 65-67 inner lower lip, left to right
    };
    /** Right half of the FaceMesh face oval, from the cheek edge at eye level to the chin. */
    static final int[] RIGHT_JAW = {234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152};
    /** Left half, chin to cheek edge. */
    static final int[] LEFT_JAW = {152, 377, 400, 378, 379, 365, 397, 288, 361, 323, 454};

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
