package io.face3d.fit.photometric;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.bench.BenchSuite;
import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.render.Png;
import io.face3d.fit.render.SyntheticFace;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code face3d bench photometric}: dense face RMSE before and after photometric refinement on the project's
 * synthetic photo-like renders (known shape, albedo, light, pose). Until the landmark fit is wired in, the start
 * is the ground truth degraded like a landmark-only fit ({@link #landmarkFitLike}), and the landmarks the fit sees
 * are the true ones plus detector-like noise (3% of the outer inter-ocular distance per coordinate).
 */
public final class PhotometricBenchSuite implements BenchSuite {
    @Override
    public String name() {
        return "photometric";
    }

    @Override
    public String description() {
        return "dense face RMSE before/after photometric refinement on synthetic photo-like renders, time per face";
    }

    /** Per-face outcome. */
    public record Case(long seed, double yaw, double meanFaceRmse, double startRmse, double refinedRmse,
                       double photometricBefore, double photometricAfter, double landmarkRmsBefore,
                       double landmarkRmsAfter, double millis) {
    }

    /**
     * A start like a landmark-only fit's: identity 0.5 x truth + N(0, 0.3^2) on the first 20 modes and 0 beyond
     * (landmarks constrain little more), expression truth + N(0, 0.1^2) clipped to [0, 1], rotation off by 3
     * degrees about a random axis, translation off by 2% of the face distance (x, y) and 3% (z).
     */
    public static double[][] landmarkFitLike(SyntheticFace f, Random rnd, double[] poseOut) {
        double[] id = new double[f.identity().length];
        for (int k = 0; k < 20; k++) {
            id[k] = 0.5 * f.identity()[k] + 0.3 * rnd.nextGaussian();
        }
        double[] ex = f.expression().clone();
        for (int k = 0; k < ex.length; k++) {
            ex[k] = Math.max(0, Math.min(1, ex[k] + 0.1 * rnd.nextGaussian()));
        }
        return new double[][] {id, ex};
    }

    public static Pose perturb(Pose p, Random rnd) {
        double ax = rnd.nextGaussian(), ay = rnd.nextGaussian(), az = rnd.nextGaussian();
        double len = Math.sqrt(ax * ax + ay * ay + az * az);
        double[] r = Rotation.multiply(Rotation.axisAngle(ax / len, ay / len, az / len, Math.toRadians(3)), p.rotation());
        double d = -p.tz();
        return Pose.perspective(r, p.tx() + 0.02 * d * rnd.nextGaussian() / 2, p.ty() + 0.02 * d * rnd.nextGaussian() / 2,
            p.tz() * (1 + 0.03 * rnd.nextGaussian()), p.focal(), p.cx(), p.cy());
    }

    public static double[] noisyLandmarks(SyntheticFace f, Random rnd, double fraction) {
        double[] q = f.landmarks().clone();
        double iod = Math.hypot(q[72] - q[90], q[73] - q[91]);
        for (int i = 0; i < q.length; i++) {
            q[i] += fraction * iod * rnd.nextGaussian();
        }
        return q;
    }

    /** Runs one face: render, degrade, refine, measure. */
    public static Case runCase(MorphableModel model, SyntheticFaceRenderer renderer, PhotometricFitter fitter, long seed) {
        SyntheticFace f = renderer.render(seed);
        Random rnd = new Random(seed * 31 + 7);
        double[][] start = landmarkFitLike(f, rnd, null);
        Pose startPose = perturb(f.pose(), rnd);
        double[] lm = noisyLandmarks(f, rnd, 0.03);
        PhotometricResult r = fitter.fit(f.image(), lm, startPose, start[0], start[1]);
        float[] truth = f.mesh().positions();
        double meanRmse = SimilarityAlignment.rmse(model.evaluate(null, null, Region.FACE), truth);
        double startRmse = SimilarityAlignment.rmse(model.evaluate(start[0], start[1], Region.FACE), truth);
        double refined = SimilarityAlignment.rmse(model.evaluate(r.identity(), r.expression(), Region.FACE), truth);
        return new Case(seed, f.pose().eulerDegrees()[0], meanRmse, startRmse, refined, r.first().photometric(),
            r.last().photometric(), r.first().landmarkRmsPx(), r.last().landmarkRmsPx(), r.millis());
    }

    @Override
    public Result run(Context context) {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults());
        int n = context.size() > 0 ? context.size() : 24;
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Case> cases = new ArrayList<>();
        try {
            List<Future<Case>> futures = new ArrayList<>();
            ThreadLocal<PhotometricFitter> fitters = ThreadLocal.withInitial(
                () -> new PhotometricFitter(model, PhotometricConfig.defaults()));
            // seeds disjoint from the unit tests' (1..10)
            for (int i = 0; i < n; i++) {
                long seed = context.seed() * 1000 + 1000 + i;
                futures.add(pool.submit(() -> runCase(model, renderer, fitters.get(), seed)));
            }
            for (Future<Case> fu : futures) {
                Case c = fu.get();
                cases.add(c);
                context.progress().accept(String.format(Locale.ROOT, "face %d: yaw %.0f, RMSE %.2f -> %.2f mm (mean face %.2f), %.0f ms",
                    c.seed(), c.yaw(), c.startRmse(), c.refinedRmse(), c.meanFaceRmse(), c.millis()));
            }
            if (!cases.isEmpty()) {
                SyntheticFace sample = renderer.render(context.seed() * 1000 + 1000);
                Png.write(sample.image(), context.outDir().resolve("photometric_sample.png"));
            }
        } catch (Exception e) {
            throw new IllegalStateException("photometric bench failed: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
        return new Result(markdown(cases, threads));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String markdown(List<Case> cases, int threads) {
        double[] mean = cases.stream().mapToDouble(Case::meanFaceRmse).toArray();
        double[] start = cases.stream().mapToDouble(Case::startRmse).toArray();
        double[] refined = cases.stream().mapToDouble(Case::refinedRmse).toArray();
        double[] gain = cases.stream().mapToDouble(c -> 1 - c.refinedRmse() / c.startRmse()).toArray();
        double[] pb = cases.stream().mapToDouble(Case::photometricBefore).toArray();
        double[] pa = cases.stream().mapToDouble(Case::photometricAfter).toArray();
        double[] lb = cases.stream().mapToDouble(Case::landmarkRmsBefore).toArray();
        double[] la = cases.stream().mapToDouble(Case::landmarkRmsAfter).toArray();
        double[] ms = cases.stream().mapToDouble(Case::millis).toArray();
        StringBuilder sb = new StringBuilder();
        sb.append("## photometric\n\n");
        sb.append(String.format(Locale.ROOT, "%d synthetic 512x512 renders (SyntheticFaceRenderer defaults), start = truth degraded like a "
            + "landmark fit, landmarks = truth + 3%% IOD noise; %d faces in parallel.%n%n", cases.size(), threads));
        sb.append("| median | mean face | start | refined | reduction |\n|---|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| dense face RMSE (mm, similarity-aligned) | %.2f | %.2f | %.2f | %.0f%% |%n",
            median(mean), median(start), median(refined), 100 * median(gain)));
        sb.append(String.format(Locale.ROOT, "| photometric loss (skin-weighted, [0,1] colour) | | %.4f | %.4f | |%n", median(pb), median(pa)));
        sb.append(String.format(Locale.ROOT, "| landmark RMS (px) | | %.2f | %.2f | |%n", median(lb), median(la)));
        sb.append(String.format(Locale.ROOT, "%nTime per face: median %.0f ms, max %.0f ms.%n", median(ms),
            Arrays.stream(ms).max().orElse(0)));
        return sb.toString();
    }

    /** Runs the suite from the command line: {@code [faces] [seed]}, prints the Markdown. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("face3d-bench-photometric");
        Result r = new PhotometricBenchSuite().run(new Context(out, seed, n, System.err::println));
        System.out.println(r.markdown());
    }
}
