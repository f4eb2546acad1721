package io.face3d.clinic;

import io.face3d.core.mesh.Mesh;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.eval.plot.SideSignedHeatmap;
import io.face3d.eval.plot.Ticks;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The report's pictures: each photo cropped to the face, and a side-signed asymmetry map per posture. */
public final class ReportFigures {
    /** Height of a face crop (px): the page shows it at 220 px, print at 45 mm. */
    static final int CROP_HEIGHT = 360;
    /** Colour scale of the resting map (mm): a droop of a few mm is what a clinician sees. */
    static final double REST_LIMIT_MM = 3;
    /** The movement maps' scale never goes below this (mm), so that noise on a symmetric face stays pale. */
    static final double MIN_MOVEMENT_LIMIT_MM = 2;

    private ReportFigures() {
    }

    /**
     * The photo cropped to the face: the box of the 68 landmarks, widened by a quarter of its width on each side,
     * by half its height above (the brows' landmarks are the top of the box, the forehead is above them) and a
     * fifth below, within the photo; scaled to {@link #CROP_HEIGHT}.
     *
     * @param points 68 landmarks, x y interleaved, pixels
     */
    public static ReportFigure faceCrop(BufferedImage photo, double[] points, Movement posture) {
        Rectangle r = faceBox(points, photo.getWidth(), photo.getHeight());
        int outW = Math.max(1, (int) Math.round(r.width * (double) CROP_HEIGHT / r.height));
        BufferedImage out = new BufferedImage(outW, CROP_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, outW, CROP_HEIGHT, r.x, r.y, r.x + r.width, r.y + r.height, null);
        g.dispose();
        return new ReportFigure(ReportFigure.Kind.FACE, posture, posture.label(), out);
    }

    /** The crop of {@link #faceCrop} in the photo's pixels. */
    static Rectangle faceBox(double[] points, int width, int height) {
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY,
            y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < points.length; i += 2) {
            x0 = Math.min(x0, points[i]);
            x1 = Math.max(x1, points[i]);
            y0 = Math.min(y0, points[i + 1]);
            y1 = Math.max(y1, points[i + 1]);
        }
        if (!(x1 > x0 && y1 > y0)) {
            throw new IllegalArgumentException("the landmarks span no area");
        }
        double w = x1 - x0, h = y1 - y0;
        int left = clamp(x0 - 0.25 * w, width), right = clamp(x1 + 0.25 * w, width);
        int top = clamp(y0 - 0.5 * h, height), bottom = clamp(y1 + 0.2 * h, height);
        return new Rectangle(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
    }

    private static int clamp(double v, int size) {
        return (int) Math.max(0, Math.min(size, Math.round(v)));
    }

    /**
     * A side-signed map per posture with a 3D face: at rest how much lower or higher each point lies than its mirror
     * point ({@link AsymmetryMap#heightDifference}); in a movement how much less or more it moves from rest than
     * its mirror point ({@link AsymmetryMap#movementDifference}). Postures without a 3D face are left out.
     */
    public static List<ReportFigure> asymmetryMaps(MorphableModel model, Map<Movement, FaceState> states) {
        List<ReportFigure> out = new ArrayList<>();
        int[] triangles = model.triangles(Region.FACE);
        FaceState rest = states.get(Movement.REST);
        for (Map.Entry<Movement, FaceState> e : states.entrySet()) {
            Movement m = e.getKey();
            float[] face = e.getValue().face();
            if (face == null) {
                continue;
            }
            Mesh mesh = new Mesh(face, triangles);
            if (m == Movement.REST) {
                out.add(new ReportFigure(ReportFigure.Kind.ASYMMETRY, m, "At rest: blue where a side lies lower than "
                    + "the other side's mirror point, red where higher",
                    SideSignedHeatmap.render(mesh, AsymmetryMap.heightDifference(face, model.mirrorMap()),
                        REST_LIMIT_MM, "At rest: height against the other side", "lower than\nthe other side",
                        "higher than\nthe other side", "mm")));
            } else if (rest != null && rest.face() != null) {
                double[] d = AsymmetryMap.movementDifference(face, rest.face(), model.mirrorMap());
                out.add(new ReportFigure(ReportFigure.Kind.ASYMMETRY, m, m.label() + ": blue where a side moves less "
                    + "than the other (weaker), red where it moves more",
                    SideSignedHeatmap.render(mesh, d, Math.max(MIN_MOVEMENT_LIMIT_MM, Ticks.niceCeil(absPercentile(d,
                        0.99))), m.label() + ": movement against the other side", "moves less than\nthe other side",
                        "moves more than\nthe other side", "mm")));
            }
        }
        return out;
    }

    private static double absPercentile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).map(Math::abs).sorted().toArray();
        return v.length == 0 ? 1 : v[Math.min(v.length - 1, (int) Math.floor(q * (v.length - 1)))];
    }
}
