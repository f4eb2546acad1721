package io.face3d.eval.plot;

import io.face3d.core.mesh.Mesh;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A signed per-vertex value painted on the front view of a face with a diverging colour map (white at zero), the
 * subject's right and left written beside the face, and a colour bar whose two ends say in words what each colour
 * means (e.g. "lower than the other side" / "higher"). For measures of one side against the other, where a
 * magnitude-only map cannot show which side is which.
 */
public final class SideSignedHeatmap {
    /**
     * Text size of the labels in the image's pixels: large enough to stay >= 12 px when a page shows the image at
     * two thirds of its width.
     */
    public static final float LABEL_PX = 22;
    private static final float TITLE_PX = 24;
    private static final int PANEL = ErrorHeatmap.PANEL, MARGIN = 24, TITLE = 50, BAR_W = 28, BAR_AREA = 250;

    private SideSignedHeatmap() {
    }

    /**
     * @param mesh     the face, model space (front view looks down -z; +x, the subject's left, is drawn on the right)
     * @param value    one signed value per vertex (NaN draws grey)
     * @param limit    the colour scale runs from -limit to +limit
     * @param title    line above the face
     * @param negative what a negative value means, written below the blue end ('\n' breaks the line)
     * @param positive what a positive value means, written above the red end
     * @param unit     the values' unit, e.g. "mm"
     */
    public static BufferedImage render(Mesh mesh, double[] value, double limit, String title, String negative,
                                       String positive, String unit) {
        if (value.length != mesh.vertexCount()) {
            throw new IllegalArgumentException("one value per vertex needed");
        }
        if (!(limit > 0)) {
            throw new IllegalArgumentException("the colour scale's limit must be > 0, got " + limit);
        }
        int width = PANEL + 2 * MARGIN + BAR_AREA, height = TITLE + PANEL + MARGIN;
        Canvas c = new Canvas(width, height);
        int[] colors = new int[value.length];
        for (int v = 0; v < colors.length; v++) {
            colors[v] = Double.isFinite(value[v]) ? ColorMap.diverging(value[v] / limit) : 0xB0B0B0;
        }
        int[] pixels = new int[PANEL * PANEL];
        ErrorHeatmap.rasterise(mesh.positions(), mesh.vertexNormals(), mesh.triangles(), colors,
            ErrorHeatmap.fitScale(mesh.positions()), pixels);
        c.image.setRGB(MARGIN, TITLE, PANEL, PANEL, pixels, 0, PANEL);
        c.g.setColor(Color.BLACK);
        c.g.setFont(c.g.getFont().deriveFont(Font.BOLD, TITLE_PX));
        c.text(title, width / 2.0, 10, 0.5, 0);
        c.g.setFont(c.g.getFont().deriveFont(Font.PLAIN, LABEL_PX));
        // Front view: the subject's right side is on the image's left (CONVENTIONS.md, +x is the subject's left).
        c.text("subject's right", MARGIN + 4, TITLE + 4, 0, 0);
        c.text("subject's left", MARGIN + PANEL - 4, TITLE + 4, 1, 0);
        colourBar(c, MARGIN + PANEL + 20, TITLE + 70, PANEL - 150, limit, negative, positive, unit);
        return c.image;
    }

    private static void colourBar(Canvas c, double x, double y, double h, double limit, String negative,
                                  String positive, String unit) {
        for (int i = 0; i < (int) h; i++) {
            c.g.setColor(new Color(ColorMap.diverging(1 - 2 * i / (h - 1))));
            c.g.fill(new Rectangle2D.Double(x, y + i, BAR_W, 1.5));
        }
        c.g.setColor(Color.BLACK);
        c.g.draw(new Rectangle2D.Double(x, y, BAR_W, h));
        double[] ticks = Ticks.nice(-limit, limit, 5);
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : limit;
        for (double t : ticks) {
            double py = y + h / 2 - t / limit * h / 2;
            c.g.draw(new Line2D.Double(x + BAR_W, py, x + BAR_W + 5, py));
            c.text((t > 0 ? "+" : "") + Ticks.label(t, step) + " " + unit, x + BAR_W + 8, py, 0, 0.5);
        }
        String[] above = positive.split("\n"), below = negative.split("\n");
        double line = LABEL_PX * 1.2;
        for (int i = 0; i < above.length; i++) {
            c.text(above[i], x, y - 12 - (above.length - i) * line, 0, 0);
        }
        for (int i = 0; i < below.length; i++) {
            c.text(below[i], x, y + h + 12 + i * line, 0, 0);
        }
    }
}
