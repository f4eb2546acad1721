package io.face3d.cli;

import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.landmark.FitResult;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Pictures drawn over photos for a person to inspect: what was detected and what the model fitted. */
final class Overlays {
    private Overlays() {
    }

    /**
     * A face drawn over the photo: detected points, the fitted model's mesh and its reprojected landmarks;
     * {@code facePositions} is the fit's {@link Region#FACE} mesh when the caller has it already, else null.
     */
    record FittedFace(double[] detected, FitResult fit, float[] facePositions) {
        FittedFace(double[] detected, FitResult fit) {
            this(detected, fit, null);
        }
    }

    /**
     * The fitted mesh (front-facing triangles of the full face area, wireframe, translucent cyan), the detected
     * landmarks (red) and the model's landmarks reprojected (blue): where red and blue disagree the fit did not
     * follow the detector.
     */
    static BufferedImage fit(RgbImage image, List<FittedFace> faces, MorphableModel model) {
        BufferedImage out = Images.toBufferedImage(image);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double unit = Math.max(1, Math.max(image.width(), image.height()) / 600.0);
        int[] tri = model.triangles(Region.FACE);
        for (FittedFace f : faces) {
            Pose pose = f.fit().pose();
            float[] pos = f.facePositions() != null ? f.facePositions()
                : model.evaluate(f.fit().identity(), f.fit().expression(), Region.FACE);
            double[] uv = new double[2 * (pos.length / 3)];
            pose.project(pos, pos.length / 3, uv);
            g.setColor(new Color(0, 230, 255, 45));
            g.setStroke(new BasicStroke((float) (0.5 * unit)));
            // sized for every drawn triangle (move, two lines, close) up front: no regrowth of its arrays
            Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, 4 * (tri.length / 12 + 1));
            for (int t = 0; t < tri.length; t += 12) { // one triangle in four keeps the wireframe readable
                int a = tri[t], b = tri[t + 1], c = tri[t + 2];
                double cross = (uv[2 * b] - uv[2 * a]) * (uv[2 * c + 1] - uv[2 * a + 1])
                    - (uv[2 * b + 1] - uv[2 * a + 1]) * (uv[2 * c] - uv[2 * a]);
                if (cross >= 0) { // back-facing in the image (y down flips the winding)
                    continue;
                }
                path.moveTo(uv[2 * a], uv[2 * a + 1]);
                path.lineTo(uv[2 * b], uv[2 * b + 1]);
                path.lineTo(uv[2 * c], uv[2 * c + 1]);
                path.closePath();
            }
            g.draw(path);
            dots(g, f.detected(), new Color(255, 40, 40), 1.6 * unit);
            dots(g, f.fit().fittedPoints(), new Color(40, 90, 255), 1.2 * unit);
        }
        g.dispose();
        return out;
    }

    private static void dots(Graphics2D g, double[] xy, Color color, double r) {
        if (xy == null) {
            return;
        }
        g.setColor(color);
        for (int i = 0; i + 1 < xy.length; i += 2) {
            g.fill(new Ellipse2D.Double(xy[i] - r, xy[i + 1] - r, 2 * r, 2 * r));
        }
    }
}
