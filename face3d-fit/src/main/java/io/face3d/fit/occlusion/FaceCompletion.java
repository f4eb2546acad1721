package io.face3d.fit.occlusion;

import io.face3d.core.image.RgbImage;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.photometric.PhotometricOutputs;
import io.face3d.fit.photometric.PhotometricResult;
import io.face3d.fit.render.Rasterizer;
import io.face3d.fit.render.UvTexture;

import java.nio.file.Path;

/**
 * Completion around an occluder (step 2 of Zhao et al. 2022, here from the fit instead of a network): the textured
 * mesh's texels that fall on the mask take the mirrored side's photo colour where that side is visible, else the
 * fitted albedo under the light's mean irradiance ({@link PhotometricOutputs#textureLayers}); the de-occluded photo
 * takes the rendered face inside the mask. Both fills are Poisson-blended into the photo's texels / pixels
 * ({@link PoissonBlend}): the fill keeps its own gradients and meets the photo at the seam, so a mirrored cheek
 * lit differently or an albedo a shade off does not leave an edge. The mask is first grown by
 * {@link #GROW} of the face width: the occluder's anti-aliased rim and shadow would otherwise be the boundary
 * values the fill is pulled to; seam pixels far from the fill in colour are left out of the boundary
 * ({@link #MAX_STEP}).
 */
public final class FaceCompletion {
    /**
     * Largest photo-minus-fill difference (colour in [0, 1]) a seam pixel may have to be part of the Poisson
     * boundary: a larger one is most likely an occluder rim outside the mask (see {@link PoissonBlend}). Lighting
     * differences between the mirrored side or the albedo and the photo stay below it.
     */
    static final double MAX_STEP = 0.25;

    /** Growth of the mask before completion, fraction of the face width (jaw point 0 to 16). */
    static final double GROW = 0.015;

    private final PhotometricOutputs outputs;
    private final MorphableModel model;
    private final int[] triangles;

    public FaceCompletion(MorphableModel model, int[] mirror) {
        this.outputs = new PhotometricOutputs(model, mirror);
        this.model = model;
        this.triangles = model.triangles(Region.FACE);
    }

    /** The UV texture ({@code 2 size x size}) with the occluded texels filled and Poisson-blended. */
    public UvTexture texture(PhotometricResult r, RgbImage photo, int size, boolean[] occluded) {
        PhotometricOutputs.TextureLayers t = outputs.textureLayers(r, photo, size, grow(r, photo, occluded));
        float[] rgb = PoissonBlend.blend(t.rgb(), t.fill(), 3, t.width(), t.height(), t.masked(), t.charted(), MAX_STEP);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = Math.max(0, Math.min(1, rgb[i]));
        }
        return new UvTexture(t.width(), t.height(), rgb);
    }

    /** Writes the textured mesh (OBJ + MTL + PNG) with the completed texture. */
    public void writeTexturedMesh(PhotometricResult r, RgbImage photo, Path dir, String name, int size, boolean[] occluded) {
        outputs.writeTexturedMesh(r, texture(r, photo, size, occluded), dir, name);
    }

    /**
     * The photo with the rendered face Poisson-blended over the occluded pixels (a de-occluded photo). Occluded
     * pixels the face area does not cover (the mesh's eye and mouth openings behind a pair of lenses or a mask)
     * first take the membrane interpolation of the rendering around them (Poisson with a zero guidance field): the
     * model has no eyes to render, and the occluder must not show through.
     */
    public RgbImage completedPhoto(PhotometricResult r, RgbImage photo, boolean[] occluded) {
        int w = photo.width(), h = photo.height();
        boolean[] region = grow(r, photo, occluded);
        float[] rendered = outputs.renderOverPhoto(r, photo).toFloats();
        float[] shape = model.evaluate(r.identity(), r.expression(), Region.FACE);
        Rasterizer ras = new Rasterizer(w, h);
        ras.render(shape, shape.length / 3, triangles, triangles.length / 3, r.pose());
        int[] ids = ras.triangleIds();
        boolean[] covered = new boolean[w * h], holes = new boolean[w * h];
        for (int i = 0; i < ids.length; i++) {
            covered[i] = ids[i] >= 0;
            holes[i] = region[i] && !covered[i];
        }
        rendered = PoissonBlend.blend(rendered, new float[rendered.length], 3, w, h, holes, covered, Double.POSITIVE_INFINITY);
        float[] out = PoissonBlend.blend(photo.toFloats(), rendered, 3, w, h, region, null, 255 * MAX_STEP);
        return RgbImage.fromFloats(w, h, out);
    }

    private static boolean[] grow(PhotometricResult r, RgbImage photo, boolean[] occluded) {
        double[] p = r.fittedPoints();
        double faceWidth = Math.hypot(p[32] - p[0], p[33] - p[1]);
        return BinaryMorphology.dilate(occluded, photo.width(), photo.height(), Math.max(1, (int) Math.round(GROW * faceWidth)));
    }
}
