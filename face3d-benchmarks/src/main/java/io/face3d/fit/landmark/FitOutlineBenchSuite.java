package io.face3d.fit.landmark;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.model.MorphableModel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code face3d bench fit-outline}: how much the landmark fit depends on where the annotator's face ends. The
 * outline conventions of {@code bench fit} mark the jaw on the outline of a face cut in front of the ear and under
 * the mandible ({@link JawConventionFaces.Cuts#DEFAULT}); the fitter's own jaw band makes cuts of its own, and a
 * held-out annotator makes others. Here the same faces (0.5% IOD noise, the default fitter) are marked with the
 * face cut further back (the outline runs on towards the ear) or further forward, and with the neck cut at the
 * mandible or 10 mm under it. Fixed-vertex points do not depend on the cuts: they are the reference.
 */
public final class FitOutlineBenchSuite extends AbstractBenchSuite {
    private static final JawConventionFaces.Cuts[] VARIANTS = {
        JawConventionFaces.Cuts.DEFAULT,
        new JawConventionFaces.Cuts(10, 3),
        new JawConventionFaces.Cuts(30, 3),
        new JawConventionFaces.Cuts(20, 0),
        new JawConventionFaces.Cuts(20, 10)};
    /** The conventions that mark the jaw on the outline (fixed vertices do not depend on the cuts). */
    private static final JawConventionFaces.Convention[] OUTLINE = {JawConventionFaces.Convention.NEAREST_SILHOUETTE,
        JawConventionFaces.Convention.ARC_LENGTH, JawConventionFaces.Convention.NORMAL_CROSSING};

    public FitOutlineBenchSuite() {
        super("fit-outline", "landmark fit when the annotator's face outline ends elsewhere (ear and neck cuts)");
    }

    @Override
    public Result run(Context context) {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        int n = context.sizeOr(100);
        JawConventionFaces.Cuts[] variants = context.quick() ? Arrays.copyOf(VARIANTS, 1) : VARIANTS;
        JawConventionFaces.Convention[] conventions = context.quick() ? Arrays.copyOf(OUTLINE, 1) : OUTLINE;
        int cases = 1 + variants.length * conventions.length;
        List<Double> medians = runCases(cases, caseThreads(), index -> {
            JawConventionFaces.Cuts cuts = index == 0 ? JawConventionFaces.Cuts.DEFAULT : variants[(index - 1) / conventions.length];
            JawConventionFaces.Convention conv = index == 0 ? JawConventionFaces.Convention.FIXED_VERTICES
                : conventions[(index - 1) % conventions.length];
            return medianDense(model, new JawConventionFaces(model, cuts), conv, n, context.seed());
        }, m -> context.progress().accept("fit-outline: case done"));
        double fixed = medians.get(0);
        StringBuilder md = new StringBuilder("## fit-outline: the fit when the face outline ends elsewhere\n\n");
        md.append(String.format(Locale.ROOT, "%d faces per cell, seed %d, 0.5%% IOD noise, the default fitter "
            + "(`face3d fit` without flags); median dense face RMSE (mm, full face area, after similarity "
            + "alignment). The jaw points of each outline convention are marked on the outline of a face cut behind "
            + "the given depth (ear cut, mm, mean face) and the given margin under the mandible (neck cut). Fixed "
            + "vertices (no outline): **%.2f** mm. Worst / fixed: the worst outline convention against fixed "
            + "vertices.%n%n| ear cut z mm | neck cut mm |", n, context.seed(), fixed));
        for (JawConventionFaces.Convention c : conventions) {
            md.append(' ').append(c.label()).append(" |");
        }
        md.append(" worst / fixed |\n|---|---|").append("---|".repeat(conventions.length + 1)).append('\n');
        for (int v = 0; v < variants.length; v++) {
            md.append(String.format(Locale.ROOT, "| %.0f | %.0f |", variants[v].earDepth(), variants[v].neckMargin()));
            double worst = 0;
            for (int c = 0; c < conventions.length; c++) {
                double m = medians.get(1 + v * conventions.length + c);
                worst = Math.max(worst, m);
                md.append(String.format(Locale.ROOT, " %.2f |", m));
            }
            md.append(String.format(Locale.ROOT, " %.3f |%n", worst / fixed));
        }
        return new Result(md.append('\n').toString());
    }

    /** Median dense RMSE of the default fit over n faces drawn from the seed (the same faces for every cell). */
    private static double medianDense(MorphableModel model, JawConventionFaces gen,
                                      JawConventionFaces.Convention conv, int n, long seed) {
        LandmarkFitter fitter = LandmarkFitter.create(model, FitConfig.defaults());
        Random rnd = new Random(seed);
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            JawConventionFaces.Face f = gen.render(gen.drawTruth(rnd), conv, null, NoiseModel.CLEAN, rnd);
            errors[i] = FitBenchSuite.denseError(model, fitter.fit(f.observation()), f.identity(), f.expression());
        }
        return FitBenchSuite.median(errors);
    }
}
