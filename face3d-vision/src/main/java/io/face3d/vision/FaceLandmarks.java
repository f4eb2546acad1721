package io.face3d.vision;

/**
 * Landmarks of one face (schema L of CONVENTIONS.md).
 *
 * @param box      the face box the landmarks were found in
 * @param score    confidence in [0, 1] (face presence for FaceMesh, detection score otherwise)
 * @param points   68 iBUG points, x, y interleaved, image pixels
 * @param dense    468 FaceMesh points, x, y, z interleaved, z scaled like x (pixels), or null
 * @param detector which detector produced {@code points} ("mediapipe" or "dlib")
 */
public record FaceLandmarks(FaceBox box, double score, double[] points, double[] dense, String detector) {
    public FaceLandmarks {
        if (points == null || points.length != 136) {
            throw new IllegalArgumentException("points must hold 68 x, y pairs");
        }
        if (dense != null && dense.length != 468 * 3) {
            throw new IllegalArgumentException("dense must hold 468 x, y, z triples");
        }
    }
}
