package io.face3d.eval.landmarks;

import io.face3d.eval.plot.Charts;
import io.face3d.eval.stats.WilcoxonSignedRank;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The landmark-accuracy section bench suites (fit, lift, multi) share: for several methods evaluated on the same
 * faces, a Markdown table of mean / median error, CED AUC and failure rate, NME per yaw bin and mean of bins, the
 * paired Wilcoxon signed-rank test of each method against the first, and a CED plot.
 */
public final class MethodComparison {
    /**
     * @param name       label in tables and the legend
     * @param errors     one normalised error per face (e.g. {@link LandmarkMetrics#nmeBox}), same faces and order
     *                   for every method
     * @param yawDegrees the faces' yaw for the AFLW2000-3D bins, or null
     */
    public record Method(String name, double[] errors, double[] yawDegrees) {
    }

    private MethodComparison() {
    }

    /**
     * @param cedMax    CED threshold (0.1 for the 10% of NME papers)
     * @param cedPng    where the CED plot goes, or null for none
     * @param errorName what the errors are, e.g. "NME (box)"
     */
    public static String markdown(List<Method> methods, double cedMax, Path cedPng, String errorName) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no methods to compare");
        }
        int n = methods.get(0).errors().length;
        for (Method m : methods) {
            if (m.errors().length != n) {
                throw new IllegalArgumentException("every method must be evaluated on the same " + n + " faces");
            }
        }
        boolean yaw = methods.stream().allMatch(m -> m.yawDegrees() != null);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "| method | mean %s | median | AUC@%.2g | failure >%.2g |", errorName,
            cedMax, cedMax));
        if (yaw) {
            for (String b : YawBinnedNme.BIN_LABELS) {
                s.append(" yaw ").append(b).append(" |");
            }
            s.append(" mean of bins |");
        }
        s.append(" Wilcoxon vs ").append(methods.get(0).name()).append(" |\n|---|---|---|---|---|");
        s.append(yaw ? "---|---|---|---|" : "").append("---|\n");
        List<Charts.Series> curves = new ArrayList<>();
        for (Method m : methods) {
            Ced ced = Ced.of(m.errors(), cedMax, 200);
            curves.add(new Charts.Series(String.format(Locale.ROOT, "%s (AUC %.3f)", m.name(), ced.auc()),
                ced.thresholds(), ced.fractions()));
            double[] sorted = m.errors().clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
            double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            s.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.3f | %.1f%% |", m.name(), mean, median,
                ced.auc(), 100 * ced.failureRate()));
            if (yaw) {
                YawBinnedNme y = YawBinnedNme.of(m.errors(), m.yawDegrees());
                for (int b = 0; b < 3; b++) {
                    s.append(String.format(Locale.ROOT, " %.4f (%d) |", y.binMeans()[b], y.counts()[b]));
                }
                s.append(String.format(Locale.ROOT, " %.4f |", y.meanOfBins()));
            }
            if (m == methods.get(0)) {
                s.append(" - |\n");
            } else {
                WilcoxonSignedRank.Result w = WilcoxonSignedRank.test(m.errors(), methods.get(0).errors());
                s.append(String.format(Locale.ROOT, " T=%.1f, n=%d, p=%.3g%s |%n", w.statistic(), w.n(), w.pValue(),
                    w.exact() ? " (exact)" : ""));
            }
        }
        if (cedPng != null) {
            Charts.writePng(Charts.lines("Cumulative error distribution", errorName, "fraction of faces", curves,
                cedMax, 1), cedPng);
            s.append("\n![CED](").append(cedPng.getFileName()).append(")\n");
        }
        return s.toString();
    }
}
