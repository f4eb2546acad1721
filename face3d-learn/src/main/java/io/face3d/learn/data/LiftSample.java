package io.face3d.learn.data;

/**
 * One synthetic face seen by one camera.
 *
 * @param points2d  68 noisy image points (u, v) interleaved, pixels
 * @param camera3d  68 ground-truth points in camera space (R p, model rotated, no translation), mm, right-handed
 *                  with y up and z toward the viewer; for a perspective view, rotated further so the face centre
 *                  lies on the optical axis (the face as seen along its viewing ray)
 * @param model3d   68 points in model space (identity + expression, no pose), mm
 * @param yaw       degrees
 * @param pitch     degrees
 * @param roll      degrees
 * @param perspective whether the image was made by a perspective camera (else scaled orthographic)
 * @param fovDegrees horizontal field of view of the perspective camera, NaN for SOP
 */
public record LiftSample(double[] points2d, double[] camera3d, double[] model3d, double yaw, double pitch, double roll,
                         boolean perspective, double fovDegrees) {
}
