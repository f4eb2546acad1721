package io.face3d.fit.photometric;

import static io.face3d.bench.BenchStats.median;

import io.face3d.core.geom.Umeyama;
import io.face3d.core.image.Images;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.render.SyntheticFace;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code face3d bench photometric}: dense face RMSE before and after photometric refinement on the project's
 * synthetic photo-like renders (known shape, albedo, light, pose). Until the landmark fit is wired in, the start
 * is a stand-in landmark fit: this fitter with a negligible photometric weight (landmarks and priors only), from
 * the mean face and a pose 5 degrees off, on the true landmarks plus detector-like noise (3% of the outer
 * inter-ocular distance per coordinate); the refinement then sees the same landmarks and the photo.
 */
public final class PhotometricBenchSuite extends AbstractBenchSuite {
    public PhotometricBenchSuite() {
        super("photometric", "dense face RMSE before/after photometric refinement on synthetic photo-like renders, time per face");
    }

    /** Per-face outcome. */
    public record Case(long seed, double yaw, double meanFaceRmse, double startRmse, double refinedRmse,
                       double photometricBefore, double photometricAfter, double landmarkRmsBefore,
                       double landmarkRmsAfter, double trueLandmarkRmsBefore, double trueLandmarkRmsAfter,
                       double millis, double cpuMillis) {
    }

    /** RMS distance (px) between two 2D point lists (x, y interleaved). */
    public static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(2 * s / a.length);
    }

    /** The start of the landmark stage: the mean face, no expression, the true pose off by {@link #perturb}. */
    public static Pose perturb(Pose p, Random rnd) {
        double ax = rnd.nextGaussian(), ay = rnd.nextGaussian(), az = rnd.nextGaussian();
        double len = Math.sqrt(ax * ax + ay * ay + az * az);
        double[] r = Rotation.multiply(Rotation.axisAngle(ax / len, ay / len, az / len, Math.toRadians(5)), p.rotation());
        double d = -p.tz();
        return Pose.perspective(r, p.tx() + 0.01 * d * rnd.nextGaussian(), p.ty() + 0.01 * d * rnd.nextGaussian(),
            p.tz() * (1 + 0.05 * rnd.nextGaussian()), p.focal(), p.cx(), p.cy());
    }

    /** The true landmarks plus Gaussian noise of {@code fraction} x the outer inter-ocular distance per coordinate. */
    public static double[] noisyLandmarks(SyntheticFace f, Random rnd, double fraction) {
        double[] q = f.landmarks().clone();
        double iod = Math.hypot(q[72] - q[90], q[73] - q[91]);
        for (int i = 0; i < q.length; i++) {
            q[i] += fraction * iod * rnd.nextGaussian();
        }
        return q;
    }

    /**
     * Runs one face: render; landmark stage (the fitter with a negligible photometric weight: landmarks and priors
     * only, from the mean face and a pose 5 degrees off); each refinement from there; dense RMSE of each.
     */
    public static Case[] runCase(MorphableModel model, SyntheticFaceRenderer renderer, PhotometricFitter landmarkStage,
                                 PhotometricFitter[] refiners, long seed) {
        SyntheticFace f = renderer.render(seed);
        Random rnd = new Random(seed * 31 + 7);
        Pose startPose = perturb(f.pose(), rnd);
        double[] lm = noisyLandmarks(f, rnd, LANDMARK_NOISE);
        PhotometricResult start = landmarkStage.fit(f.image(), lm, startPose, null, null);
        float[] truth = f.mesh().positions();
        double meanRmse = Umeyama.alignedRms(model.evaluate(null, null, Region.FACE), truth);
        double startRmse = Umeyama.alignedRms(model.evaluate(start.identity(), start.expression(), Region.FACE), truth);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Case[] out = new Case[refiners.length];
        for (int i = 0; i < refiners.length; i++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            PhotometricResult r = refiners[i].fit(f.image(), lm, start.pose(), start.identity(), start.expression());
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6;
            double refined = Umeyama.alignedRms(model.evaluate(r.identity(), r.expression(), Region.FACE), truth);
            out[i] = new Case(seed, f.pose().eulerDegrees()[0], meanRmse, startRmse, refined, r.first().photometric(),
                r.last().photometric(), start.last().landmarkRmsPx(), r.last().landmarkRmsPx(),
                rms(start.fittedPoints(), f.landmarks()), rms(r.fittedPoints(), f.landmarks()), r.millis(), cpu);
        }
        return out;
    }

    /** Detector-like landmark noise, fraction of the outer inter-ocular distance per coordinate. */
    public static final double LANDMARK_NOISE = 0.03;

    /**
     * The landmark stage's config, fixed whatever the refinement's: landmarks (1.6e-3) and priors (1e-2) only,
     * photometric weight 1e-9.
     */
    public static PhotometricConfig landmarkStage() {
        return PhotometricConfig.perPhoto().withPrior(1e-2).withWeights(1e-9, 1.6e-3);
    }

    @Override
    public Result run(Context context) {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults());
        int n = context.sizeOr(24);
        int threads = caseThreads();
        PhotometricConfig[] configs = {PhotometricConfig.perPhoto(), PhotometricConfig.defaults()};
        String[] names = {"perPhoto()", "defaults() (Deng et al. weights)"};
        ThreadLocal<PhotometricFitter[]> fitters = ThreadLocal.withInitial(() -> new PhotometricFitter[] {
            new PhotometricFitter(model, landmarkStage()), new PhotometricFitter(model, configs[0]),
            new PhotometricFitter(model, configs[1])});
        // seeds disjoint from the unit tests' (1..10) and from those the perPhoto weights were chosen on (2000-2005)
        List<Case[]> cases = runCases(n, threads, i -> {
            PhotometricFitter[] f = fitters.get();
            return runCase(model, renderer, f[0], new PhotometricFitter[] {f[1], f[2]}, context.seed() * 100000 + 5000 + i);
        }, c -> context.progress().accept(String.format(Locale.ROOT, "face %d: yaw %.0f, mean face %.2f, landmark fit %.2f, "
            + "refined %.2f (defaults %.2f) mm, %.0f ms", c[0].seed(), c[0].yaw(), c[0].meanFaceRmse(),
            c[0].startRmse(), c[0].refinedRmse(), c[1].refinedRmse(), c[0].millis())));
        Images.writePng(renderer.render(context.seed() * 100000 + 5000).image(), context.outDir().resolve("photometric_sample.png"));
        StringBuilder sb = new StringBuilder("## photometric\n\n");
        sb.append(String.format(Locale.ROOT, "%d synthetic 512x512 renders (SyntheticFaceRenderer defaults, seeds %d..), landmarks = "
            + "truth + %.0f%% IOD noise; start = stand-in landmark fit (this fitter, photometric weight 1e-9, from the mean "
            + "face and a pose 5 degrees off); %d faces in parallel.%n%n", n, context.seed() * 100000 + 5000,
            100 * LANDMARK_NOISE, threads));
        for (int k = 0; k < configs.length; k++) {
            final int kk = k;
            sb.append("### refinement with PhotometricConfig.").append(names[k]).append("\n\n");
            sb.append(markdown(cases.stream().map(c -> c[kk]).toList()));
        }
        return new Result(sb.toString());
    }


    static String markdown(List<Case> cases) {
        double[] mean = cases.stream().mapToDouble(Case::meanFaceRmse).toArray();
        double[] start = cases.stream().mapToDouble(Case::startRmse).toArray();
        double[] refined = cases.stream().mapToDouble(Case::refinedRmse).toArray();
        double[] pb = cases.stream().mapToDouble(Case::photometricBefore).toArray();
        double[] pa = cases.stream().mapToDouble(Case::photometricAfter).toArray();
        double[] lb = cases.stream().mapToDouble(Case::landmarkRmsBefore).toArray();
        double[] la = cases.stream().mapToDouble(Case::landmarkRmsAfter).toArray();
        double[] tb = cases.stream().mapToDouble(Case::trueLandmarkRmsBefore).toArray();
        double[] ta = cases.stream().mapToDouble(Case::trueLandmarkRmsAfter).toArray();
        double[] ms = cases.stream().mapToDouble(Case::millis).toArray();
        double[] cpu = cases.stream().mapToDouble(Case::cpuMillis).toArray();
        long better = cases.stream().filter(c -> c.refinedRmse() < c.startRmse()).count();
        StringBuilder sb = new StringBuilder();
        sb.append("| median | mean face | landmark fit | refined | reduction of the median |\n|---|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| dense face RMSE (mm, similarity-aligned, full face area) | %.2f | %.2f | %.2f | %.1f%% |%n",
            median(mean), median(start), median(refined), 100 * (1 - median(refined) / median(start))));
        sb.append(String.format(Locale.ROOT, "| photometric loss (first -> last iteration, [0,1] colour) | | %.4f | %.4f | |%n", median(pb), median(pa)));
        sb.append(String.format(Locale.ROOT, "| landmark RMS to the noisy landmarks it was given (px) | | %.2f | %.2f | |%n", median(lb), median(la)));
        sb.append(String.format(Locale.ROOT, "| landmark RMS to the true landmarks (px) | | %.2f | %.2f | %.1f%% |%n", median(tb), median(ta),
            100 * (1 - median(ta) / median(tb))));
        sb.append(String.format(Locale.ROOT, "%nRefinement better than its start on %d of %d faces. Time per refinement: median %.0f ms "
            + "wall (max %.0f), median %.0f ms CPU.%n%n", better, cases.size(), median(ms), Arrays.stream(ms).max().orElse(0), median(cpu)));
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
