package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.api.ReconstructConfig;
import io.face3d.api.Reconstructor;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.image.Images;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.occlusion.SyntheticOccluder;
import io.face3d.fit.render.SyntheticFace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code face3d bench skin-occlusion}: {@code reconstruct --method photometric} with occlusion handling (the
 * default) against {@code --no-occlusion} and the unoccluded photo, end to end from pixels as a user runs it
 * (MediaPipe on the photo, landmark fit, refinement, dlib cross-check, guard), on the renders of
 * {@link SkinBenchSuite} (skin from real photographs) with a {@link SyntheticOccluder} pasted on (sunglasses, hand,
 * medical mask, bar in turn, 10-30% of the face region). The detector runs on the occluded photo, so the landmarks
 * under the occluder are wherever it puts them. Reported: dense face RMSE of each fit the user gets (the guarded
 * result), of the landmark fit on the occluded photo, the aware fit's mask IoU with the true occluder inside the
 * true face region, refinement times. {@code skin-occlusion-tuning} runs the tuning donors: choices are made there.
 */
public class SkinOcclusionSuite extends AbstractBenchSuite {
    private final boolean tuning;

    public SkinOcclusionSuite() {
        this(false);
    }

    SkinOcclusionSuite(boolean tuning) {
        super(tuning ? "skin-occlusion-tuning" : "skin-occlusion",
            "reconstruct photometric with vs without occlusion handling vs the unoccluded photo, on renders skinned "
            + "from real photos with pasted occluders (" + (tuning ? "tuning" : "reporting") + " donors)");
        this.tuning = tuning;
    }

    /** The same benchmark on the tuning donors. */
    public static final class Tuning extends SkinOcclusionSuite {
        public Tuning() {
            super(true);
        }
    }

    /** One face: dense RMSE (mm) of each fit, NaN where the detector found no face. */
    record Case(SyntheticOccluder.Kind kind, double coverage, double clean, double aware, double plain,
                double landmarks, double robustLandmarks, double mean, double iou, double precision, double recall, int flagged,
                String awareKept, double awareMs, double plainMs) {
    }

    @Override
    public Result run(Context context) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(1));
        MorphableModel model = face3d.model();
        int n = context.size() > 0 ? context.size() : 48;
        ReconstructConfig photometric = ReconstructConfig.defaults().withMethod(ReconstructConfig.Method.PHOTOMETRIC);
        Reconstructor landmarks = face3d.reconstructor(ReconstructConfig.defaults());
        Reconstructor aware = face3d.reconstructor(photometric);
        Reconstructor plain = face3d.reconstructor(photometric.withOcclusion(false));
        SkinRenders renders = new SkinRenders(model, landmarks, tuning ? SkinRenders.TUNING : SkinRenders.REPORTING,
            context);
        SyntheticOccluder.Kind[] kinds = SyntheticOccluder.Kind.values();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SkinRenders.Render r = renders.render(i);
            SyntheticOccluder.Kind kind = kinds[i % kinds.length];
            SyntheticFace f = r.face();
            SyntheticFace shown = new SyntheticFace(r.image(), f.pose(), f.identity(), f.expression(), f.light(),
                f.albedo(), f.texture(), f.landmarks(), f.mesh(), f.seed());
            SyntheticOccluder.Occluded occ = SyntheticOccluder.paste(model, shown, kind,
                new Random(renders.base() + i + 977), 0.10, 0.30);
            if (i < kinds.length && context.outDir() != null) {
                String stem = "skin_occlusion_" + kind.name().toLowerCase(Locale.ROOT);
                Images.writePng(occ.image(), context.outDir().resolve(stem + ".png"));
            }
            double nan = Double.NaN;
            Reconstructor.Face cleanFace = SkinRenders.match(landmarks.reconstruct(r.image()).faces(), f.landmarks());
            double clean = cleanFace == null ? nan
                : renders.score(aware.refine(r.image(), cleanFace.landmarks(), cleanFace.landmarkFit()).fit(), r);
            Reconstructor.Face found = SkinRenders.match(landmarks.reconstruct(occ.image()).faces(), f.landmarks());
            Case c;
            if (found == null) {
                c = new Case(kind, occ.coverage(), clean, nan, nan, nan, nan, renders.score(null, null, r), 0, nan, nan, 0, "no face",
                    nan, nan);
            } else {
                Reconstructor.Face a = aware.refine(occ.image(), found.landmarks(), found.landmarkFit());
                Reconstructor.Face p = plain.refine(occ.image(), found.landmarks(), found.landmarkFit());
                c = new Case(kind, occ.coverage(), clean, renders.score(a.fit(), r), renders.score(p.fit(), r),
                    renders.score(found.fit(), r), renders.score(a.occlusion().landmarkFit() == null ? found.fit()
                        : a.occlusion().landmarkFit(), r), renders.score(null, null, r),
                    a.mask().iou(occ.occluder(), occ.faceRegion()), overlap(a.mask().occluded(), occ.occluder(),
                    occ.faceRegion()), overlap(occ.occluder(), a.mask().occluded(), occ.faceRegion()),
                    a.mask().occludedLandmarks().length,
                    a.guard().reason(), a.occlusion().millis(), p.refined().millis());
                if (i < kinds.length && context.outDir() != null) {
                    Images.writePng(a.mask().toPixels(), context.outDir().resolve("skin_occlusion_"
                        + kind.name().toLowerCase(Locale.ROOT) + "_mask.png"));
                }
            }
            cases.add(c);
            context.progress().accept(String.format(Locale.ROOT, "skin-occlusion %d/%d %s cover %.0f%%: unoccluded "
                    + "%.2f, aware %.2f (%s), plain %.2f, landmarks %.2f (occluded ones down-weighted %.2f) mm; IoU %.2f (precision %.2f, recall %.2f), %d "
                    + "landmarks flagged", i + 1, n, kind, 100 * c.coverage(), c.clean(), c.aware(), c.awareKept(),
                c.plain(), c.landmarks(), c.robustLandmarks(), c.iou(), c.precision(), c.recall(), c.flagged()));
        }
        StringBuilder md = new StringBuilder("## " + name() + ": occlusion handling on renders skinned from real "
            + "photographs (`face3d bench " + name() + "`)\n\n");
        md.append(String.format(Locale.ROOT, "%d renders of `bench %s` (seeds %d..%d) with occluders in turn %s "
            + "covering 10-30%% of the true face region; every fit from the detector on the photo, as `reconstruct "
            + "--method photometric` (aware, the default) and `--no-occlusion` (plain) run it, guarded. Dense = full "
            + "face area RMSE after similarity alignment, mm; ratios are of medians over the faces found on both "
            + "photos, per-face ratios in brackets.%n%n", n, tuning ? "skin-tuning" : "skin", renders.base(),
            renders.base() + n - 1, Arrays.toString(kinds)));
        md.append("| occluder | faces | unoccluded | aware | plain | landmark fit | landmark fit, occluded down-weighted "
            + "| mean face | aware / unoccluded | aware / plain | plain / unoccluded | IoU median | IoU >= 0.7 "
            + "| mask precision | mask recall |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        md.append(row("all", cases));
        for (SyntheticOccluder.Kind k : kinds) {
            md.append(row(k.name(), cases.stream().filter(c -> c.kind() == k).toList()));
        }
        double[] iou = cases.stream().filter(c -> Double.isFinite(c.aware())).mapToDouble(Case::iou).sorted().toArray();
        md.append(String.format(Locale.ROOT, "%nMask IoU over the %d faces found on the occluded photo: min %.2f, "
                + "10%% %.2f, 25%% %.2f, median %.2f, 75%% %.2f. Aware fit kept: %s. Refinement wall time (median, "
                + "this machine under load): aware %.0f ms, plain %.0f ms.%n", iou.length, quantile(iou, 0),
            quantile(iou, 0.1), quantile(iou, 0.25), quantile(iou, 0.5), quantile(iou, 0.75), reasons(cases),
            SkinRenders.median(cases.stream().mapToDouble(Case::awareMs).toArray(), null),
            SkinRenders.median(cases.stream().mapToDouble(Case::plainMs).toArray(), null)));
        return new Result(md.toString());
    }

    private static String row(String title, List<Case> cs) {
        List<Case> both = cs.stream().filter(c -> Double.isFinite(c.clean()) && Double.isFinite(c.aware())).toList();
        double clean = med(both, Case::clean), aware = med(both, Case::aware), plain = med(both, Case::plain);
        List<Case> found = cs.stream().filter(c -> Double.isFinite(c.aware())).toList();
        long good = found.stream().filter(c -> c.iou() >= 0.7).count();
        return String.format(Locale.ROOT, "| %s | %d/%d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f (%.3f) | %.3f (%.3f) "
                + "| %.3f (%.3f) | %.2f | %d/%d | %.2f | %.2f |%n", title, both.size(), cs.size(), clean, aware, plain,
            med(both, Case::landmarks), med(both, Case::robustLandmarks), med(both, Case::mean), aware / clean, med(both, c -> c.aware() / c.clean()),
            aware / plain, med(both, c -> c.aware() / c.plain()), plain / clean, med(both, c -> c.plain() / c.clean()),
            med(found, Case::iou), good, found.size(), med(found, Case::precision), med(found, Case::recall));
    }

    /** Pixels of {@code a} inside {@code region} that are also in {@code b}, over those of {@code a} (NaN if none). */
    private static double overlap(boolean[] a, boolean[] b, boolean[] region) {
        long both = 0, all = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && region[i]) {
                all++;
                both += b[i] ? 1 : 0;
            }
        }
        return all == 0 ? Double.NaN : (double) both / all;
    }

    private static double med(List<Case> cs, java.util.function.ToDoubleFunction<Case> f) {
        return SkinRenders.median(cs.stream().mapToDouble(f).toArray(), null);
    }

    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static String reasons(List<Case> cs) {
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        for (Case c : cs) {
            m.merge(c.awareKept(), 1L, Long::sum);
        }
        return m.toString();
    }
}
