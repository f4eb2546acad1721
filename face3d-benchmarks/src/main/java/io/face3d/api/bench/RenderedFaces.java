package io.face3d.api.bench;

import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.DenseCorrespondence;
import io.face3d.fit.landmark.SyntheticFaces;
import io.face3d.fit.render.SyntheticFace;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;
import io.face3d.vision.FaceLandmarks;
import io.face3d.core.image.RgbImage;

import java.util.List;

/**
 * Photo-like renders of model faces ({@link SyntheticFaceRenderer}) with the 2D truth a detector is judged
 * against, shared by the {@code detectors} and {@code renders} bench suites.
 *
 * <p>Pixel frame: the renderer samples pixel (i, j) at its centre (i + 0.5, j + 0.5) (its supersampled raster
 * averages sub-pixels whose mean centre is the pixel centre) and projects the truth with {@link Pose#project},
 * the frame of CONVENTIONS.md; both detectors report in that frame too (dlib adds 0.5 to its pixel-index
 * output), so no half-pixel offset is applied anywhere.
 *
 * <p>Jaw truth: iBUG points 0-16 of a turned face lie on the silhouette, not on fixed vertices. {@link #outline}
 * holds them as {@link SyntheticFaces} defines them (the farthest projected jaw-band vertex along the outward
 * normal of the projected jaw chain), through the render's own perspective camera.
 */
final class RenderedFaces {
    private final MorphableModel model;
    private final SyntheticFaceRenderer renderer;
    private final SyntheticFaces outlines;
    private final int[] denseVertices;

    /**
     * One render and its truth.
     *
     * @param face     the render and its ground truth (pose, identity, expression, mesh)
     * @param image    the render as face3d-vision's image
     * @param vertex68 the 68 landmark vertices projected (x, y interleaved, pixels)
     * @param outline  the same with points 0-16 moved to the outline (what a detector should mark)
     * @param dense    the 468 FaceMesh points' ICT vertices projected (x, y interleaved), or null without the
     *                 shipped correspondence
     * @param iod2d    distance between true points 36 and 45 in the image, px (shrinks with yaw)
     * @param iodModel the model's inter-ocular distance (3D, this face) times the image scale at the eyes, px:
     *                 the unit of {@link io.face3d.fit.landmark.NoiseModel}, which does not shrink with yaw
     */
    record Rendered(SyntheticFace face, RgbImage image, double[] vertex68, double[] outline, double[] dense,
                    double iod2d, double iodModel) {
    }

    RenderedFaces(MorphableModel model, SyntheticFaceConfig config) {
        this.model = model;
        this.renderer = new SyntheticFaceRenderer(model, config);
        this.outlines = new SyntheticFaces(model);
        int[] corr = DenseCorrespondence.ictVertices();
        this.denseVertices = corr.length == 468 ? corr : null;
    }

    /** The distribution of both suites: 512 x 512 renders, yaw +-maxYaw, pitch +-20, roll +-15. */
    static SyntheticFaceConfig config(double maxYaw) {
        return SyntheticFaceConfig.defaults().withAngles(maxYaw, 20, 15);
    }

    Rendered render(long seed) {
        SyntheticFace f = renderer.render(seed);
        Pose pose = f.pose();
        double[] outline = outlines.render(f.identity(), f.expression(), pose, new java.util.Random(0), null).clean();
        double[] dense = null;
        if (denseVertices != null) {
            dense = new double[2 * 468];
            pose.project(model.evaluate(f.identity(), f.expression(), denseVertices), 468, dense);
        }
        double[] lm = f.landmarks();
        double iod2d = Math.hypot(lm[72] - lm[90], lm[73] - lm[91]);
        float[] eyes = model.evaluate(f.identity(), f.expression(), new int[] {model.landmarks68()[36],
            model.landmarks68()[45]});
        double iod3d = Math.sqrt(sq(eyes[0] - eyes[3]) + sq(eyes[1] - eyes[4]) + sq(eyes[2] - eyes[5]));
        double[] r = pose.rotation();
        double mx = (eyes[0] + eyes[3]) / 2, my = (eyes[1] + eyes[4]) / 2, mz = (eyes[2] + eyes[5]) / 2;
        double depth = -(r[6] * mx + r[7] * my + r[8] * mz + pose.tz());
        double scale = pose.camera() == Pose.Camera.PERSPECTIVE ? pose.focal() / depth : pose.scale();
        RgbImage image = f.image();
        return new Rendered(f, image, lm, outline, dense, iod2d, iod3d * scale);
    }

    /**
     * The detection of this render's face: among the detector's faces, the one whose 68-point centroid is nearest
     * the true one, if it lies within one inter-ocular distance of it (anything farther is another object).
     */
    static java.util.Optional<FaceLandmarks> match(List<FaceLandmarks> found, Rendered r) {
        double tx = 0, ty = 0;
        for (int k = 0; k < 68; k++) {
            tx += r.outline()[2 * k] / 68;
            ty += r.outline()[2 * k + 1] / 68;
        }
        FaceLandmarks best = null;
        double bestD = r.iod2d();
        for (FaceLandmarks f : found) {
            double cx = 0, cy = 0;
            for (int k = 0; k < 68; k++) {
                cx += f.points()[2 * k] / 68;
                cy += f.points()[2 * k + 1] / 68;
            }
            double d = Math.hypot(cx - tx, cy - ty);
            if (d < bestD) {
                bestD = d;
                best = f;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** Median of a sample (NaN when empty); sorts a copy. */
    static double median(double[] v, int n) {
        return quantile(v, n, 0.5);
    }

    /** Linear-interpolated quantile of the first n values (NaN when n is 0). */
    static double quantile(double[] v, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double[] s = java.util.Arrays.copyOf(v, n);
        java.util.Arrays.sort(s);
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static double sq(double v) {
        return v * v;
    }
}
