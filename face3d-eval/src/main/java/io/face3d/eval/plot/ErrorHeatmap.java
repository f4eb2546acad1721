package io.face3d.eval.plot;

import io.face3d.core.geom.Box2;
import io.face3d.core.mesh.Mesh;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Per-vertex error painted on a mesh, seen from the front and from the side (model axes of CONVENTIONS.md: front
 * looks along -z, side from the subject's left, +x), with a viridis colour bar in mm, as clinical papers show
 * reconstruction error. A small software rasteriser: orthographic projection, z-buffer, Gouraud interpolation of
 * the vertex colours (colour-mapped error times Lambert shading from a light at the viewer), so the shape stays
 * readable under the colours. Java2D draws the frame, labels and colour bar.
 */
public final class ErrorHeatmap {
    static final int PANEL = 520;
    private static final int MARGIN = 24, BAR = 110, TITLE = 40;

    private ErrorHeatmap() {
    }

    /**
     * @param mesh  the surface the errors belong to
     * @param error one value per vertex, mm (NaN draws grey)
     * @param maxMm top of the colour scale; <= 0 picks a nice number above the 99th percentile
     * @param title line above the views
     */
    public static BufferedImage render(Mesh mesh, double[] error, double maxMm, String title) {
        if (error.length != mesh.vertexCount()) {
            throw new IllegalArgumentException("one error value per vertex needed");
        }
        double top = maxMm > 0 ? maxMm : Ticks.niceCeil(percentile(error, 0.99));
        int width = 2 * PANEL + 3 * MARGIN + BAR, height = PANEL + TITLE + MARGIN;
        Canvas c = new Canvas(width, height);
        float[] normals = mesh.vertexNormals();
        int[] colors = new int[mesh.vertexCount()];
        for (int v = 0; v < colors.length; v++) {
            colors[v] = Double.isFinite(error[v]) ? ColorMap.viridis(error[v] / top) : 0xB0B0B0;
        }
        // Both views share one scale so sizes compare; the side view is a 90-degree turn about y.
        float[] front = mesh.positions();
        float[] side = new float[front.length];
        float[] sideNormals = new float[front.length];
        for (int i = 0; i < front.length; i += 3) {
            side[i] = -front[i + 2];
            side[i + 1] = front[i + 1];
            side[i + 2] = front[i];
            sideNormals[i] = -normals[i + 2];
            sideNormals[i + 1] = normals[i + 1];
            sideNormals[i + 2] = normals[i];
        }
        double scale = Math.min(fitScale(front), fitScale(side));
        int[] pixels = new int[PANEL * PANEL];
        rasterise(front, normals, mesh.triangles(), colors, scale, pixels);
        c.image.setRGB(MARGIN, TITLE, PANEL, PANEL, pixels, 0, PANEL);
        rasterise(side, sideNormals, mesh.triangles(), colors, scale, pixels);
        c.image.setRGB(2 * MARGIN + PANEL, TITLE, PANEL, PANEL, pixels, 0, PANEL);

        c.g.setColor(Color.BLACK);
        c.g.setFont(c.g.getFont().deriveFont(Font.BOLD, 16f));
        c.text(title, width / 2.0, 10, 0.5, 0);
        c.g.setFont(c.g.getFont().deriveFont(Font.PLAIN, 13f));
        c.text("front", MARGIN + PANEL / 2.0, TITLE + PANEL - 18, 0.5, 0);
        c.text("side (subject's left)", 2 * MARGIN + 1.5 * PANEL, TITLE + PANEL - 18, 0.5, 0);
        colourBar(c, 3 * MARGIN + 2 * PANEL, TITLE + 20, PANEL - 60, top);
        return c.image;
    }

    public static void write(Mesh mesh, double[] error, double maxMm, String title, Path png) {
        Canvas.writePng(render(mesh, error, maxMm, title), png);
    }

    static double fitScale(float[] p) {
        Box2 box = Box2.ofPositions(p);
        double extent = Math.max(box.width(), box.height());
        return extent > 0 ? 0.86 * PANEL / extent : 1;
    }

    /** Orthographic view down -z of x, y, z (depth: larger z is nearer), centred on the bounding box. */
    static void rasterise(float[] p, float[] n, int[] tri, int[] colors, double scale, int[] pixels) {
        Arrays.fill(pixels, 0xFFFFFF);
        float[] depth = new float[PANEL * PANEL];
        Arrays.fill(depth, Float.NEGATIVE_INFINITY);
        Box2 box = Box2.ofPositions(p);
        double cx = box.centreX(), cy = box.centreY();
        int verts = p.length / 3;
        float[] sx = new float[verts], sy = new float[verts];
        float[] r = new float[verts], g = new float[verts], b = new float[verts];
        for (int v = 0; v < verts; v++) {
            sx[v] = (float) (PANEL / 2.0 + (p[3 * v] - cx) * scale);
            sy[v] = (float) (PANEL / 2.0 - (p[3 * v + 1] - cy) * scale - 10);
            // Two-sided Lambert light from the viewer plus ambient: scans have inconsistent winding.
            double shade = 0.35 + 0.65 * Math.abs(n[3 * v + 2]);
            r[v] = (float) ((colors[v] >> 16 & 255) * shade);
            g[v] = (float) ((colors[v] >> 8 & 255) * shade);
            b[v] = (float) ((colors[v] & 255) * shade);
        }
        for (int t = 0; t < tri.length; t += 3) {
            int a = tri[t], bb = tri[t + 1], cc = tri[t + 2];
            double area = (sx[bb] - sx[a]) * (sy[cc] - sy[a]) - (sx[cc] - sx[a]) * (sy[bb] - sy[a]);
            if (Math.abs(area) < 1e-12) {
                continue;
            }
            int x0 = Math.max(0, (int) Math.floor(Math.min(sx[a], Math.min(sx[bb], sx[cc]))));
            int x1 = Math.min(PANEL - 1, (int) Math.ceil(Math.max(sx[a], Math.max(sx[bb], sx[cc]))));
            int y0 = Math.max(0, (int) Math.floor(Math.min(sy[a], Math.min(sy[bb], sy[cc]))));
            int y1 = Math.min(PANEL - 1, (int) Math.ceil(Math.max(sy[a], Math.max(sy[bb], sy[cc]))));
            for (int y = y0; y <= y1; y++) {
                double py = y + 0.5;
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5;
                    double wa = ((sx[bb] - px) * (sy[cc] - py) - (sx[cc] - px) * (sy[bb] - py)) / area;
                    double wb = ((sx[cc] - px) * (sy[a] - py) - (sx[a] - px) * (sy[cc] - py)) / area;
                    double wc = 1 - wa - wb;
                    if (wa < 0 || wb < 0 || wc < 0) {
                        continue;
                    }
                    float z = (float) (wa * p[3 * a + 2] + wb * p[3 * bb + 2] + wc * p[3 * cc + 2]);
                    int o = y * PANEL + x;
                    if (z <= depth[o]) {
                        continue;
                    }
                    depth[o] = z;
                    int rr = (int) (wa * r[a] + wb * r[bb] + wc * r[cc]);
                    int gg = (int) (wa * g[a] + wb * g[bb] + wc * g[cc]);
                    int bl = (int) (wa * b[a] + wb * b[bb] + wc * b[cc]);
                    pixels[o] = Math.min(255, rr) << 16 | Math.min(255, gg) << 8 | Math.min(255, bl);
                }
            }
        }
    }

    private static void colourBar(Canvas c, double x, double y, double h, double top) {
        double w = 22;
        for (int i = 0; i < (int) h; i++) {
            c.g.setColor(new Color(ColorMap.viridis(1 - i / (h - 1))));
            c.g.fill(new Rectangle2D.Double(x, y + i, w, 1.5));
        }
        c.g.setColor(Color.BLACK);
        c.g.draw(new Rectangle2D.Double(x, y, w, h));
        double[] ticks = Ticks.nice(0, top, 6);
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : top;
        for (double t : ticks) {
            double py = y + h - t / top * h;
            c.g.draw(new java.awt.geom.Line2D.Double(x + w, py, x + w + 5, py));
            c.text(Ticks.label(t, step), x + w + 8, py, 0, 0.5);
        }
        c.text("mm", x + w / 2, y - 18, 0.5, 0);
    }

    static double percentile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return 1;
        }
        return v[Math.min(v.length - 1, (int) Math.floor(q * (v.length - 1)))];
    }
}
