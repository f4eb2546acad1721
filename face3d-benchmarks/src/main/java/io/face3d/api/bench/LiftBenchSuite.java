package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.api.ModelLifter;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.geom.Similarity;
import io.face3d.core.geom.Umeyama;
import io.face3d.eval.landmarks.LandmarkMetrics;
import io.face3d.eval.stats.WilcoxonSignedRank;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.model.MorphableModel;
import io.face3d.learn.Lifted;
import io.face3d.learn.Lifter;
import io.face3d.learn.Lifters;
import io.face3d.learn.LiftWeights;
import io.face3d.learn.MdsLifter;
import io.face3d.learn.MeanFacePrior;
import io.face3d.learn.MeanFaceLifter;
import io.face3d.learn.RegressLifter;
import io.face3d.learn.data.LiftDataConfig;
import io.face3d.learn.data.LiftDataGenerator;
import io.face3d.learn.data.LiftSample;
import io.face3d.learn.data.PairFeatures;
import io.face3d.learn.mds.SmacofConfig;
import io.face3d.learn.net.Mlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code face3d bench lift}: the lifters on held-out synthetic faces (a data seed the training never used), in
 * the training distribution (yaw +-90, pitch +-30, roll +-30, SOP or perspective, 2D noise up to 2% of the RMS
 * radius). Per face: the prediction is aligned to the camera-space ground truth by a similarity; NME = mean 3D
 * point error / outer inter-ocular distance (points 36-45 of the ground truth); MSE in mm^2; DepthCorr = Pearson
 * correlation of predicted and true depth in the camera frame (before alignment). Reported by |yaw| bin, with
 * Wilcoxon signed-rank tests of per-face NME against Deep-MDS.
 */
public final class LiftBenchSuite extends AbstractBenchSuite {
    /** Added to the context seed so the benchmark faces never coincide with training data seeds (small numbers). */
    static final long DATA_SEED_OFFSET = 1_000_003L;
    private static final double[] YAW_BINS = {0, 30, 60, 90.0001};

    private final Lifter modelLifter;

    /** Registered through ServiceLoader, with the model-based lift (the landmark fitter's depth). */
    public LiftBenchSuite() {
        this(new ModelLifter(Face3d.create(Face3d.Config.defaults()), ModelLifter.defaultConfig()));
    }

    /** @param modelLifter the model-based lift to compare as well, or null */
    public LiftBenchSuite(Lifter modelLifter) {
        super("lift",
            "2D-to-3D landmark lifting (Deep-MDS, depth regression, mean-face depth) on held-out synthetic faces");
        this.modelLifter = modelLifter;
    }

    @Override
    public Result run(Context context) {
        int size = context.sizeOr(600);
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        LiftWeights w = LiftWeights.shipped();
        long dataSeed = context.seed() + DATA_SEED_OFFSET;
        List<LiftSample> faces = new LiftDataGenerator(model, LiftDataConfig.defaults()).generate(dataSeed, size);
        List<Lifter> lifters = new ArrayList<>(List.of(
            Lifters.meanFaceDepth(model),
            Lifters.mds(w),
            Lifters.meanFaceAligned(model),
            mds("mds, no depth refinement", w.distance(), w.canonical(), w.distanceEncoder(), PairFeatures.Kind.CONTEXT,
                w.prior(), false),
            mds("mds, eq. 6 on canonical view", w.distanceCanonical(), w.canonical(), null, PairFeatures.Kind.CANONICAL_VIEW,
                null, true),
            mds("mds, eq. 6 on canonical view, no refinement", w.distanceCanonical(), w.canonical(), null,
                PairFeatures.Kind.CANONICAL_VIEW, null, false),
            mds("mds, eq. 6 on input view (no autoencoder)", w.distanceRaw(), null, null, PairFeatures.Kind.INPUT_VIEW, null,
                true),
            mds("mds, eq. 6 on input view, no refinement", w.distanceRaw(), null, null, PairFeatures.Kind.INPUT_VIEW, null,
                false),
            Lifters.regress(w)));
        if (modelLifter != null) {
            lifters.add(modelLifter);
        }
        lifters.add(new OracleDepth(faces));
        int m = lifters.size();
        double[][] nme = new double[m][size], mse = new double[m][size], corr = new double[m][size];
        double[] ms = new double[m];
        for (int k = 0; k < m; k++) {
            Lifter lifter = lifters.get(k);
            context.progress().accept("lift: " + lifter.name());
            long t0 = System.nanoTime();
            for (int f = 0; f < size; f++) {
                LiftSample s = faces.get(f);
                Lifted l = lifter.lift(s.points2d());
                double[] pred = l.cameraFrame();
                double[] gt = s.camera3d();
                double[] aligned = aligned(pred, gt);
                nme[k][f] = LandmarkMetrics.nmeInterOcular3d(aligned, gt);
                mse[k][f] = meanSquaredError(aligned, gt);
                corr[k][f] = LandmarkMetrics.depthCorrelation(pred, gt);
            }
            ms[k] = (System.nanoTime() - t0) / 1e6 / size;
        }
        return new Result(markdown(lifters, faces, nme, mse, corr, ms, dataSeed, context.seed()));
    }

    /**
     * Reference, not a method: the input's x, y with the true depth (normalised like the regression target), so the
     * row shows the error that 2D noise and perspective alone leave.
     */
    private static final class OracleDepth extends io.face3d.learn.DepthLifter {
        private final java.util.Map<double[], double[]> truth = new java.util.IdentityHashMap<>();
        private double[] current;

        OracleDepth(List<LiftSample> faces) {
            for (LiftSample s : faces) {
                truth.put(s.points2d(), io.face3d.learn.data.LiftTargets.depth(s.camera3d()));
            }
        }

        @Override
        public String name() {
            return "reference: true depth, input x, y";
        }

        @Override
        public Lifted lift(double[] points2d) {
            current = truth.get(points2d);
            return super.lift(points2d);
        }

        @Override
        public double[] depth(double[] normalised) {
            return current.clone();
        }
    }

    private static MdsLifter mds(String name, Mlp distance, Mlp ae, Mlp faceEncoder, PairFeatures.Kind kind,
                                 MeanFacePrior prior, boolean refine) {
        return new MdsLifter(name, distance, ae, faceEncoder, kind, prior, SmacofConfig.defaults(), refine);
    }

    private static String markdown(List<Lifter> lifters, List<LiftSample> faces, double[][] nme, double[][] mse,
                                   double[][] corr, double[] ms, long dataSeed, long seed) {
        StringBuilder b = new StringBuilder();
        int n = faces.size();
        b.append("## lift: 3D landmarks from 2D landmarks\n\n");
        b.append(String.format(Locale.ROOT, "%d held-out synthetic faces (data seed %d = --seed %d + %d; the shipped "
            + "weights were trained on data seed %s), yaw +-90, pitch +-30, roll +-30, half perspective, 2D noise up to 2%% "
            + "of the RMS radius. NME: mean 3D error after similarity alignment / outer inter-ocular distance (%%); "
            + "MSE: mm^2 per coordinate; DepthCorr: Pearson r of depth in the camera frame. Means over faces.%n%n",
            n, dataSeed, seed, DATA_SEED_OFFSET, trainingSeed()));
        b.append("| method | params | ms/face | NME % all | NME % |yaw|<30 | NME % 30-60 | NME % 60-90 | MSE mm^2 | "
            + "DepthCorr all | DepthCorr 60-90 |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < lifters.size(); k++) {
            Lifter l = lifters.get(k);
            b.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.3f | %.3f |%n",
                l.name(), params(l), ms[k], 100 * mean(nme[k], faces, 0, 90.0001), 100 * mean(nme[k], faces, 0, 30),
                100 * mean(nme[k], faces, 30, 60), 100 * mean(nme[k], faces, 60, 90.0001), mean(mse[k], faces, 0, 90.0001),
                mean(corr[k], faces, 0, 90.0001), mean(corr[k], faces, 60, 90.0001)));
        }
        int ref = 1; // Deep-MDS
        b.append(String.format(Locale.ROOT, "%nFaces per |yaw| bin: %d, %d, %d. Wilcoxon signed-rank (two-sided, normal "
                + "approximation) of per-face NME, %s against each method:%n%n| method | median NME difference (pp) | p all | p 60-90 |%n|---|---|---|---|%n",
            count(faces, 0, 30), count(faces, 30, 60), count(faces, 60, 90.0001), lifters.get(ref).name()));
        for (int k = 0; k < lifters.size(); k++) {
            if (k == ref) {
                continue;
            }
            double[] diff = new double[n];
            for (int f = 0; f < n; f++) {
                diff[f] = nme[ref][f] - nme[k][f];
            }
            Arrays.sort(diff);
            double[][] large = select(nme[ref], nme[k], faces, 60, 90.0001);
            b.append(String.format(Locale.ROOT, "| %s | %+.2f | %.2g | %.2g |%n", lifters.get(k).name(), 100 * diff[n / 2],
                WilcoxonSignedRank.test(nme[ref], nme[k]).pValue(),
                WilcoxonSignedRank.test(large[0], large[1]).pValue()));
        }
        return b.toString();
    }

    private static String trainingSeed() {
        try (var in = LiftBenchSuite.class.getResourceAsStream(LiftWeights.RESOURCE + "/" + LiftWeights.DEPTH + ".json")) {
            return in == null ? "?" : new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("training")
                .path("data_seed").asText("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static String params(Lifter l) {
        if (l instanceof MdsLifter m) {
            return Integer.toString(m.parameterCount());
        }
        if (l instanceof RegressLifter r) {
            return Integer.toString(r.parameterCount());
        }
        return l instanceof MeanFaceLifter ? "0" : "-";
    }

    private static double[][] select(double[] a, double[] b, List<LiftSample> faces, double lo, double hi) {
        int c = count(faces, lo, hi), k = 0;
        double[][] out = new double[2][c];
        for (int f = 0; f < faces.size(); f++) {
            double y = Math.abs(faces.get(f).yaw());
            if (y >= lo && y < hi) {
                out[0][k] = a[f];
                out[1][k++] = b[f];
            }
        }
        return out;
    }

    private static int count(List<LiftSample> faces, double lo, double hi) {
        return (int) faces.stream().filter(s -> Math.abs(s.yaw()) >= lo && Math.abs(s.yaw()) < hi).count();
    }

    private static double mean(double[] v, List<LiftSample> faces, double lo, double hi) {
        double s = 0;
        int c = 0;
        for (int f = 0; f < v.length; f++) {
            double y = Math.abs(faces.get(f).yaw());
            if (y >= lo && y < hi) {
                s += v[f];
                c++;
            }
        }
        return c == 0 ? Double.NaN : s / c;
    }

    /** Runs the suite without the bench command: {@code LiftBenchSuite OUT_DIR [SEED] [SIZE]}; prints the Markdown. */
    /** {@code source} moved onto {@code target} by the least-squares similarity (Umeyama). */
    private static double[] aligned(double[] source, double[] target) {
        Similarity t = Umeyama.estimate(source, target, true);
        double[] out = new double[source.length];
        for (int i = 0; i < source.length; i += 3) {
            t.apply(source[i], source[i + 1], source[i + 2], out, i);
        }
        return out;
    }

    /** Mean squared point distance (units of the input squared). */
    private static double meanSquaredError(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s / (a.length / 3);
    }
}
