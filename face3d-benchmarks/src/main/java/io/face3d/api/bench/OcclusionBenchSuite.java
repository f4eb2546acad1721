package io.face3d.api.bench;

import static io.face3d.bench.BenchStats.median;

import io.face3d.api.Face3d;
import io.face3d.api.ReconstructConfig;
import io.face3d.api.Reconstructor;
import io.face3d.vision.FaceLandmarks;
import io.face3d.core.image.Images;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.landmark.FitResult;
import io.face3d.core.geom.Umeyama;
import io.face3d.fit.occlusion.OcclusionResult;
import io.face3d.fit.occlusion.SyntheticOccluder;
import io.face3d.fit.photometric.PhotometricBenchSuite;
import io.face3d.fit.photometric.PhotometricResult;
import io.face3d.fit.render.SyntheticFace;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code face3d bench occlusion}: synthetic occluders ({@link SyntheticOccluder}: sunglasses, gloved hand, medical
 * mask, bar across the mouth, in turn) pasted onto {@link SyntheticFaceRenderer} faces covering 10-30% of the true
 * face region. Landmarks: the true landmarks plus 3% IOD noise (as {@code bench photometric}); on the occluded image
 * the landmarks under the occluder are moved a further 10% IOD in a random direction (a stand-in for a detector
 * misled by the occluder; no real detector runs here, for speed). Every fit is the production {@link Reconstructor}
 * (photometric method, perspective camera) from the landmarks it is given: aware with occlusion handling (the
 * second-detector cross-check off: it needs a real detector's face box), plain with it off. Reported: dense face
 * RMSE (similarity-aligned, full face area) of the photometric fit on the clean image, of the plain fit on the
 * occluded image and of the occlusion-aware fit on it; RMS error of the reprojected landmarks to the true ones;
 * the mask's IoU with the true occluder inside the true face region; wall time of the plain and the aware fit.
 */
public final class OcclusionBenchSuite extends AbstractBenchSuite {
    /** Extra displacement of landmarks under the occluder, fraction of the outer inter-ocular distance. */
    static final double OCCLUDED_LANDMARK_SHIFT = 0.10;

    public OcclusionBenchSuite() {
        super("occlusion", "occlusion-aware photometric fit vs plain on synthetic faces with pasted occluders: dense RMSE, landmarks, mask IoU, time");
    }

    /** Per-face outcome. */
    public record Case(long seed, SyntheticOccluder.Kind kind, double coverage, double cleanRmse, double plainRmse,
                       double awareRmse, double cleanLm, double plainLm, double awareLm, double iou,
                       int occludedTrue, int occludedFlagged, int occludedFlaggedCorrect, double plainMs, double awareMs,
                       double maskMs) {
    }

    static Case runCase(MorphableModel model, SyntheticFaceRenderer renderer, Reconstructor plain,
                        Reconstructor aware, long seed, SyntheticOccluder.Kind kind, java.nio.file.Path sampleDir) {
        SyntheticFace f = renderer.render(seed);
        Random rnd = new Random(seed * 31 + 7);
        double[] lm = PhotometricBenchSuite.noisyLandmarks(f, rnd, PhotometricBenchSuite.LANDMARK_NOISE);
        SyntheticOccluder.Occluded occ = SyntheticOccluder.paste(model, f, kind, rnd, 0.10, 0.30);
        int w = f.image().width();
        double[] q = f.landmarks();
        double iod = Math.hypot(q[72] - q[90], q[73] - q[91]);
        double[] lmOcc = lm.clone();
        boolean[] under = new boolean[68];
        int occludedTrue = 0;
        for (int k = 0; k < 68; k++) {
            int x = (int) q[2 * k], y = (int) q[2 * k + 1];
            if (x >= 0 && y >= 0 && x < w && y < f.image().height() && occ.occluder()[y * w + x]) {
                double a = 2 * Math.PI * rnd.nextDouble();
                lmOcc[2 * k] += OCCLUDED_LANDMARK_SHIFT * iod * Math.cos(a);
                lmOcc[2 * k + 1] += OCCLUDED_LANDMARK_SHIFT * iod * Math.sin(a);
                under[k] = true;
                occludedTrue++;
            }
        }
        float[] truth = f.mesh().positions();
        FitResult s0 = plain.fitLandmarks(f.image(), lm);
        PhotometricResult clean = plain.refine(f.image(), given(lm), s0).refined();
        FitResult s1 = plain.fitLandmarks(occ.image(), lmOcc);
        long t0 = System.nanoTime();
        PhotometricResult pl = plain.refine(occ.image(), given(lmOcc), s1).refined();
        double plainMs = (System.nanoTime() - t0) / 1e6;
        OcclusionResult aw = aware.refine(occ.image(), given(lmOcc), s1).occlusion();
        int correct = 0;
        for (int k : aw.mask().occludedLandmarks()) {
            correct += under[k] ? 1 : 0;
        }
        if (sampleDir != null) {
            Images.writePng(occ.image(), sampleDir.resolve("occlusion_" + kind.name().toLowerCase(Locale.ROOT) + ".png"));
            Images.writePng(aw.mask().toPixels(), sampleDir.resolve("occlusion_" + kind.name().toLowerCase(Locale.ROOT) + "_mask.png"));
        }
        return new Case(seed, kind, occ.coverage(), rmse(model, clean, truth), rmse(model, pl, truth), rmse(model, aw.fit(), truth),
            PhotometricBenchSuite.rms(clean.fittedPoints(), q), PhotometricBenchSuite.rms(pl.fittedPoints(), q),
            PhotometricBenchSuite.rms(aw.fit().fittedPoints(), q), aw.mask().iou(occ.occluder(), occ.faceRegion()),
            occludedTrue, aw.mask().occludedLandmarks().length, correct, plainMs, aw.millis(), aw.maskMillis());
    }

    /** Landmarks handed to the pipeline as a detector's (no box: the cross-check, which needs one, is off here). */
    private static FaceLandmarks given(double[] points) {
        return new FaceLandmarks(null, 1, points, null, "given");
    }

    private static double rmse(MorphableModel model, PhotometricResult r, float[] truth) {
        return Umeyama.alignedRms(model.evaluate(r.identity(), r.expression(), Region.FACE), truth);
    }

    @Override
    public Result run(Context context) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults());
        MorphableModel model = face3d.model();
        ReconstructConfig production = ReconstructConfig.defaults().withMethod(ReconstructConfig.Method.PHOTOMETRIC);
        Reconstructor aware = face3d.reconstructor(production.withCrossCheck(false));
        Reconstructor plain = face3d.reconstructor(production.withOcclusion(false));
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults());
        int n = context.sizeOr(16);
        int threads = caseThreads();
        SyntheticOccluder.Kind[] kinds = SyntheticOccluder.Kind.values();
        long first = context.seed() * 100000 + 7000;
        List<Case> cases = runCases(n, threads, i -> runCase(model, renderer, plain, aware, first + i,
            kinds[i % kinds.length], i < kinds.length ? context.outDir() : null),
            c -> context.progress().accept(String.format(Locale.ROOT, "face %d %s cover %.0f%%: clean %.2f, plain %.2f, "
                + "aware %.2f mm, IoU %.2f, landmarks flagged %d (%d right) of %d under, %.0f / %.0f ms", c.seed(), c.kind(),
                100 * c.coverage(), c.cleanRmse(), c.plainRmse(), c.awareRmse(), c.iou(), c.occludedFlagged(),
                c.occludedFlaggedCorrect(), c.occludedTrue(), c.plainMs(), c.awareMs())));
        StringBuilder sb = new StringBuilder("## occlusion\n\n");
        sb.append(String.format(Locale.ROOT, "%d synthetic 512x512 renders (SyntheticFaceRenderer defaults, seeds %d..%d), "
            + "occluders in turn %s covering 10-30%% of the true face region; landmarks = truth + %.0f%% IOD noise, those "
            + "under the occluder moved a further %.0f%% IOD; fits = the production Reconstructor "
            + "(ReconstructConfig.defaults(), photometric method, perspective camera; aware: occlusion handling without "
            + "the second-detector cross-check, which needs a real detector; plain: occlusion off) on those landmarks; "
            + "%d faces in parallel.%n%n", n, first, first + n - 1,
            Arrays.toString(kinds), 100 * PhotometricBenchSuite.LANDMARK_NOISE, 100 * OCCLUDED_LANDMARK_SHIFT, threads));
        sb.append(table(cases, "all"));
        for (SyntheticOccluder.Kind k : kinds) {
            List<Case> sub = cases.stream().filter(c -> c.kind() == k).toList();
            if (!sub.isEmpty()) {
                sb.append(table(sub, k.name()));
            }
        }
        return new Result(sb.toString());
    }


    private static double med(List<Case> cs, java.util.function.ToDoubleFunction<Case> f) {
        return median(cs.stream().mapToDouble(f).toArray());
    }

    static String table(List<Case> cs, String title) {
        StringBuilder sb = new StringBuilder();
        double clean = med(cs, Case::cleanRmse), plain = med(cs, Case::plainRmse), aware = med(cs, Case::awareRmse);
        sb.append(String.format(Locale.ROOT, "### %s (%d faces, median coverage %.0f%%)%n%n", title, cs.size(), 100 * med(cs, Case::coverage)));
        sb.append("| median | unoccluded photometric | plain on occluded | occlusion-aware on occluded |\n|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| dense face RMSE (mm) | %.3f | %.3f (%+.1f%%) | %.3f (%+.1f%%) |%n", clean, plain,
            100 * (plain / clean - 1), aware, 100 * (aware / clean - 1)));
        sb.append(String.format(Locale.ROOT, "| per-face RMSE ratio to unoccluded | 1 | %.3f | %.3f |%n",
            med(cs, c -> c.plainRmse() / c.cleanRmse()), med(cs, c -> c.awareRmse() / c.cleanRmse())));
        sb.append(String.format(Locale.ROOT, "| reprojected landmark RMS to truth (px) | %.2f | %.2f | %.2f |%n",
            med(cs, Case::cleanLm), med(cs, Case::plainLm), med(cs, Case::awareLm)));
        sb.append(String.format(Locale.ROOT, "| fit time (ms, wall) | | %.0f | %.0f (%+.0f%%; masks %.0f) |%n%n", med(cs, Case::plainMs),
            med(cs, Case::awareMs), 100 * (med(cs, Case::awareMs) / med(cs, Case::plainMs) - 1), med(cs, Case::maskMs)));
        long under = cs.stream().mapToLong(Case::occludedTrue).sum(), flagged = cs.stream().mapToLong(Case::occludedFlagged).sum();
        long right = cs.stream().mapToLong(Case::occludedFlaggedCorrect).sum();
        double[] iou = cs.stream().mapToDouble(Case::iou).toArray();
        sb.append(String.format(Locale.ROOT, "Mask IoU with the true occluder (inside the true face region): median %.3f, min %.3f; "
            + "IoU >= 0.7 on %d of %d. Landmarks under the occluder: %d; flagged occluded: %d, of which %d truly under it.%n%n",
            median(iou), Arrays.stream(iou).min().orElse(0), Arrays.stream(iou).filter(v -> v >= 0.7).count(), iou.length,
            under, flagged, right));
        return sb.toString();
    }

    /** {@code [faces] [seed]}: runs the suite and prints the Markdown. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("face3d-bench-occlusion");
        System.err.println("samples in " + out);
        Result r = new OcclusionBenchSuite().run(new Context(out, seed, n, System.err::println));
        System.out.println(r.markdown());
    }
}
