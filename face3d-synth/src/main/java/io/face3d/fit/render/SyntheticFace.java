package io.face3d.fit.render;

import io.face3d.core.image.RgbImage;
import io.face3d.core.geom.Pose;
import io.face3d.core.mesh.Mesh;

/**
 * A synthetic photo of a model face with its ground truth.
 *
 * @param image      the photo (8-bit RGB)
 * @param pose       the camera (perspective) and head pose that made it
 * @param identity   identity coefficients (N(0, 1) units)
 * @param expression expression weights in [0, 1], model order
 * @param light      27 SH lighting coefficients (9 per channel, {@link SphericalHarmonics} order), irradiance
 *                   applied to albedo in [0, 1] and scaled to 0..255
 * @param albedo     per-vertex albedo (r, g, b in [0, 1]) over the full face area, sampled from the texture at the
 *                   vertices' UVs
 * @param texture    the procedural albedo texture of the face and head UV tiles
 * @param landmarks  the 68 model landmark vertices projected into the image (x, y interleaved, pixels)
 * @param mesh       the full face area mesh in model space (mm, no pose), with UVs
 * @param seed       the seed that reproduces this face
 */
public record SyntheticFace(RgbImage image, Pose pose, double[] identity, double[] expression, double[] light,
                            float[] albedo, UvTexture texture, double[] landmarks, Mesh mesh, long seed) {
}
