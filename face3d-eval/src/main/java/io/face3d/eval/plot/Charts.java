package io.face3d.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Line charts (CED curves) and grouped bar charts as PNG, drawn with Java2D: a plotting library (JFreeChart, XChart)
 * was rejected for two chart types that need axes, ticks, labels and a legend only.
 */
public final class Charts {
    /** Okabe and Ito's colour-blind-safe qualitative palette. */
    private static final int[] PALETTE = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000, 0xF0E442};
    private static final int W = 760, H = 500, LEFT = 78, RIGHT = 24, TOP = 46, BOTTOM = 62;

    /** One curve: a label and its points. */
    public record Series(String label, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + label + " needs as many x as y values");
            }
        }
    }

    private Charts() {
    }

    /** Curves over [0, xMax] x [0, yMax] with a legend, e.g. CED curves (x: NME, y: fraction of faces). */
    public static BufferedImage lines(String title, String xLabel, String yLabel, List<Series> series,
                                      double xMax, double yMax) {
        Canvas c = new Canvas(W, H);
        Frame f = axes(c, title, xLabel, yLabel, 0, xMax, 0, yMax, true);
        c.g.setClip(new Rectangle2D.Double(f.x0, f.y0 - 2, f.w + 2, f.h + 4));
        for (int s = 0; s < series.size(); s++) {
            Series sr = series.get(s);
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < sr.x().length; i++) {
                double px = f.px(sr.x()[i]), py = f.py(sr.y()[i]);
                if (i == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            c.g.setColor(new Color(PALETTE[s % PALETTE.length]));
            c.g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            c.g.draw(path);
        }
        c.g.setClip(null);
        legend(c, f, series.stream().map(Series::label).toList(), false);
        return c.image;
    }

    /**
     * Grouped bars: one group per category, one bar per series in each group.
     *
     * @param values values[series][category]; NaN leaves a gap
     */
    public static BufferedImage bars(String title, String yLabel, String[] categories, String[] seriesLabels,
                                     double[][] values) {
        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        Canvas c = new Canvas(W, H);
        Frame f = axes(c, title, "", yLabel, 0, 1, 0, Ticks.niceCeil(max * 1.15), false);
        int groups = categories.length, per = values.length;
        double groupW = f.w / groups, barW = groupW * 0.75 / per;
        c.g.setFont(c.g.getFont().deriveFont(12f));
        for (int k = 0; k < groups; k++) {
            double gx = f.x0 + k * groupW + groupW * 0.125;
            for (int s = 0; s < per; s++) {
                double v = values[s][k];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double top = f.py(v);
                c.g.setColor(new Color(PALETTE[s % PALETTE.length]));
                c.g.fill(new Rectangle2D.Double(gx + s * barW, top, barW * 0.92, f.y0 + f.h - top));
                c.g.setColor(Color.DARK_GRAY);
                c.text(Ticks.label(v, Ticks.niceStep(Math.max(v, 1e-9) / 50)), gx + s * barW + barW * 0.46, top - 3, 0.5, 1);
            }
            c.g.setColor(Color.BLACK);
            c.text(categories[k], f.x0 + (k + 0.5) * groupW, f.y0 + f.h + 8, 0.5, 0);
        }
        if (per > 1) {
            legend(c, f, List.of(seriesLabels), true);
        }
        return c.image;
    }

    public static void writePng(BufferedImage image, Path file) {
        Canvas.writePng(image, file);
    }

    private record Frame(double x0, double y0, double w, double h, double xLo, double xHi, double yLo, double yHi) {
        double px(double x) {
            return x0 + (x - xLo) / (xHi - xLo) * w;
        }

        double py(double y) {
            return y0 + h - (y - yLo) / (yHi - yLo) * h;
        }
    }

    private static Frame axes(Canvas c, String title, String xLabel, String yLabel, double xLo, double xHi,
                              double yLo, double yHi, boolean xTicks) {
        Frame f = new Frame(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM, xLo, xHi, yLo, yHi);
        c.g.setColor(Color.BLACK);
        c.g.setFont(c.g.getFont().deriveFont(Font.BOLD, 16f));
        c.text(title, W / 2.0, 12, 0.5, 0);
        c.g.setFont(c.g.getFont().deriveFont(Font.PLAIN, 13f));
        double[] yt = Ticks.nice(yLo, yHi, 6);
        double ys = yt.length > 1 ? yt[1] - yt[0] : yHi - yLo;
        for (double v : yt) {
            double py = f.py(v);
            c.g.setColor(new Color(0xE6E6E6));
            c.g.draw(new java.awt.geom.Line2D.Double(f.x0, py, f.x0 + f.w, py));
            c.g.setColor(Color.BLACK);
            c.g.draw(new java.awt.geom.Line2D.Double(f.x0 - 5, py, f.x0, py));
            c.text(Ticks.label(v, ys), f.x0 - 8, py, 1, 0.5);
        }
        if (xTicks) {
            double[] xt = Ticks.nice(xLo, xHi, 8);
            double xs = xt.length > 1 ? xt[1] - xt[0] : xHi - xLo;
            for (double v : xt) {
                double px = f.px(v);
                c.g.setColor(Color.BLACK);
                c.g.draw(new java.awt.geom.Line2D.Double(px, f.y0 + f.h, px, f.y0 + f.h + 5));
                c.text(Ticks.label(v, xs), px, f.y0 + f.h + 8, 0.5, 0);
            }
        }
        c.g.setColor(Color.BLACK);
        c.g.setStroke(new BasicStroke(1.2f));
        c.g.draw(new Rectangle2D.Double(f.x0, f.y0, f.w, f.h));
        c.g.setFont(c.g.getFont().deriveFont(14f));
        c.text(xLabel, f.x0 + f.w / 2, H - 24, 0.5, 0);
        c.verticalText(yLabel, 20, f.y0 + f.h / 2);
        return f;
    }

    private static void legend(Canvas c, Frame f, List<String> labels, boolean topRight) {
        c.g.setFont(c.g.getFont().deriveFont(Font.PLAIN, 13f));
        int width = 0;
        for (String s : labels) {
            width = Math.max(width, c.g.getFontMetrics().stringWidth(s));
        }
        double boxW = width + 44, boxH = 8 + 20 * labels.size();
        double bx = topRight ? f.x0 + f.w - boxW - 10 : f.x0 + f.w - boxW - 10, by = topRight ? f.y0 + 10 : f.y0 + f.h - boxH - 10;
        c.g.setColor(new Color(255, 255, 255, 230));
        c.g.fill(new Rectangle2D.Double(bx, by, boxW, boxH));
        c.g.setColor(Color.GRAY);
        c.g.draw(new Rectangle2D.Double(bx, by, boxW, boxH));
        for (int i = 0; i < labels.size(); i++) {
            double y = by + 14 + 20 * i;
            c.g.setColor(new Color(PALETTE[i % PALETTE.length]));
            c.g.fill(new Rectangle2D.Double(bx + 8, y - 5, 22, 10));
            c.g.setColor(Color.BLACK);
            c.text(labels.get(i), bx + 36, y, 0, 0.5);
        }
    }
}
