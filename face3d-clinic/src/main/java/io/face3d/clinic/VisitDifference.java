package io.face3d.clinic;

import io.face3d.core.geom.Similarity;
import io.face3d.core.geom.Umeyama;
import io.face3d.core.mesh.Mesh;
import io.face3d.eval.plot.ErrorHeatmap;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * The 3D difference of one posture between two visits: the later face is aligned rigidly to the earlier one
 * (Umeyama, no scale: head pose and position differ between visits, the face's size does not) and each vertex's
 * distance to its earlier position is the change in mm, painted on the earlier face.
 */
public final class VisitDifference {
    /** Top of the colour bar (mm): a palsied corner moves by a few mm between visits. */
    static final double SCALE_MM = 5;

    private VisitDifference() {
    }

    /** Per-vertex distance (mm) after aligning {@code later} to {@code earlier}; both over the same vertices. */
    public static double[] compute(float[] earlier, float[] later) {
        if (earlier.length != later.length || earlier.length < 9) {
            throw new IllegalArgumentException("faces differ in vertex count: " + earlier.length / 3 + " and "
                + later.length / 3);
        }
        double[] src = new double[later.length], dst = new double[earlier.length];
        for (int i = 0; i < src.length; i++) {
            src[i] = later[i];
            dst[i] = earlier[i];
        }
        Similarity t = Umeyama.estimate(src, dst, false);
        double[] out = new double[earlier.length / 3], p = new double[3];
        for (int v = 0; v < out.length; v++) {
            t.apply(src[3 * v], src[3 * v + 1], src[3 * v + 2], p, 0);
            double dx = p[0] - dst[3 * v], dy = p[1] - dst[3 * v + 1], dz = p[2] - dst[3 * v + 2];
            out[v] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return out;
    }

    /** The difference of {@code posture} between two visits drawn on the earlier face; empty when one lacks it. */
    public static Optional<BufferedImage> render(PatientFolder.Visit earlier, PatientFolder.Visit later,
                                                 Movement posture, int[] triangles) {
        Optional<float[]> a = earlier.face(posture), b = later.face(posture);
        if (a.isEmpty() || b.isEmpty() || a.get().length != b.get().length) {
            return Optional.empty();
        }
        return Optional.of(ErrorHeatmap.render(new Mesh(a.get(), triangles), compute(a.get(), b.get()), SCALE_MM,
            posture.label() + ": change " + earlier.date() + " to " + later.date() + " (mm)"));
    }
}
