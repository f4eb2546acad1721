package io.face3d.clinic;

import java.util.Map;

/**
 * One posture of one face as the assessment sees it.
 *
 * @param landmarks3d 68 iBUG landmarks in model space (mm, identity + expression, no pose), x, y, z interleaved
 * @param face        full-face-area vertex positions (model topology, mm) for the asymmetry map, or null
 * @param expression  blendshape weights by name (from a fit), or an empty map when unknown
 * @param source      where the face came from ("photo", "reconstruction", "mesh"), stated in the report
 * @param eyeOpenness {right, left} openness read from the photo's pixels ({@link EyeOpenness}), or null
 */
public record FaceState(float[] landmarks3d, float[] face, Map<String, Double> expression, String source,
                        double[] eyeOpenness) {
    public FaceState {
        if (landmarks3d == null || landmarks3d.length != 68 * 3) {
            throw new IllegalArgumentException("landmarks3d must hold 68 x, y, z triples");
        }
        expression = expression == null ? Map.of() : Map.copyOf(expression);
    }

    /** A face with no pixels to read (a mesh or a reconstruction file). */
    public FaceState(float[] landmarks3d, float[] face, Map<String, Double> expression, String source) {
        this(landmarks3d, face, expression, source, null);
    }
}
