package io.face3d.eval.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Line charts (CED curves) and grouped bar charts as PNG, drawn by XChart in one house style. */
public final class Charts {
    /** Okabe and Ito's colour-blind-safe qualitative palette. */
    private static final Color[] PALETTE = Arrays.stream(new int[] {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00,
        0x56B4E9, 0x000000, 0xF0E442}).mapToObj(Color::new).toArray(Color[]::new);
    private static final int W = 760, H = 500;

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
        XYChart chart = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
            .build();
        style(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(xMax).setYAxisMin(0.0).setYAxisMax(yMax)
            .setLegendPosition(Styler.LegendPosition.InsideSE);
        for (Series s : series) {
            XYSeries line = chart.addSeries(s.label(), s.x(), s.y());
            line.setMarker(SeriesMarkers.NONE);
            line.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Curves over time (or any x) with the axes fitted to the data (values may be negative), a legend, and optional
     * vertical marks (e.g. the frames where movements peak) drawn as thin grey lines.
     *
     * @param marks x positions of vertical marks, may be empty
     */
    public static BufferedImage timeSeries(String title, String xLabel, String yLabel, List<Series> series,
                                           double[] marks) {
        XYChart chart = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
            .build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
            .setLegendLayout(Styler.LegendLayout.Horizontal);
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        for (Series s : series) {
            XYSeries line = chart.addSeries(s.label(), s.x(), s.y());
            line.setMarker(SeriesMarkers.NONE);
            line.setLineStyle(new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        for (double m : marks) {
            XYSeries mark = chart.addSeries("mark " + m, new double[] {m, m}, new double[] {lo, hi});
            mark.setMarker(SeriesMarkers.NONE);
            mark.setLineColor(Color.LIGHT_GRAY);
            mark.setShowInLegend(false);
            mark.setLineStyle(new BasicStroke(1.0f));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Grouped bars: one group per category, one bar per series in each group, each bar labelled with its value.
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
        CategoryChart chart = new CategoryChartBuilder().width(W).height(H).title(title).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(Ticks.niceCeil(max * 1.15))
            .setLegendVisible(values.length > 1).setLegendPosition(Styler.LegendPosition.InsideNE);
        for (int s = 0; s < values.length; s++) {
            List<Double> ys = new ArrayList<>();
            for (double v : values[s]) {
                ys.add(Double.isFinite(v) ? v : null);
            }
            chart.addSeries(seriesLabels[s], List.of(categories), ys);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    public static void writePng(BufferedImage image, Path file) {
        Canvas.writePng(image, file);
    }

    private static void style(AxesChartStyler styler) {
        styler.setSeriesColors(PALETTE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(0xE6E6E6));
        styler.setChartTitleBoxVisible(false);
        styler.setXAxisDecimalPattern("0.###").setYAxisDecimalPattern("0.###").setXAxisTickMarkSpacingHint(90);
        styler.setDecimalPattern("0.##");
    }
}
