package io.face3d.api.bench;

import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.api.Face3d;
import io.face3d.api.ReconstructConfig;
import io.face3d.api.Reconstructor;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.photometric.FaceParsing;
import io.face3d.fit.photometric.PhotometricConfig;
import io.face3d.fit.photometric.RobustLoss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code face3d bench skin-ablation}: variants of the photometric refinement (face-parsing mask, robust penalty,
 * albedo basis) side by side on the renders of {@code bench skin-tuning} (tuning donors only: the variants are
 * choices), each started from the same landmark fit and run as {@code reconstruct --method photometric} runs it
 * (occlusion handling, cross-check, guard). Reports dense face RMSE medians, unguarded and guarded.
 */
public final class SkinAblationSuite extends AbstractBenchSuite {
    public SkinAblationSuite() {
        super("skin-ablation", "photometric refinement variants (parsing mask, robust loss, albedo) on the skin-tuning renders");
    }

    /** The variants compared, each spelled out (parsing, penalty, albedo) on {@link PhotometricConfig#perPhoto()} with
     * its earlier prior 3e-2. */
    static Map<String, PhotometricConfig> variants() {
        Map<String, PhotometricConfig> v = new LinkedHashMap<>();
        PhotometricConfig production = PhotometricConfig.perPhoto();
        v.put("production (colour, L2,1, regional, prior 1e-1)", production);
        v.put("+ landmark term anchored to the landmark fit", production.withAnchor(PhotometricConfig.LandmarkAnchor.START));
        v.put("+ anchored, landmark weight 5e-2", production.withAnchor(PhotometricConfig.LandmarkAnchor.START)
            .withWeights(production.photometric(), 5e-2));
        return v;
    }

    private static final PhotometricConfig.AlbedoModel REGIONAL = PhotometricConfig.AlbedoModel.REGIONAL;
    private static final PhotometricConfig.AlbedoModel SMOOTH = PhotometricConfig.AlbedoModel.SMOOTH;

    private static PhotometricConfig variant(FaceParsing.Mode parsing, RobustLoss loss, PhotometricConfig.AlbedoModel albedo) {
        return PhotometricConfig.perPhoto().withPrior(3e-2).withParsing(parsing).withLoss(loss).withAlbedoModel(albedo);
    }

    @Override
    public Result run(Context context) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(1));
        MorphableModel model = face3d.model();
        int n = context.sizeOr(24);
        Reconstructor landmarks = face3d.reconstructor(ReconstructConfig.defaults());
        Map<String, PhotometricConfig> variants = variants();
        List<String> names = List.copyOf(variants.keySet());
        Reconstructor[] refiners = new Reconstructor[names.size()];
        for (int k = 0; k < refiners.length; k++) {
            refiners[k] = face3d.reconstructor(ReconstructConfig.defaults().withMethod(ReconstructConfig.Method.PHOTOMETRIC)
                .withPhotometric(variants.get(names.get(k))));
        }
        SkinRenders renders = new SkinRenders(model, landmarks, SkinRenders.TUNING, context);
        double[] landmark = new double[n], mean = new double[n];
        double[][] unguarded = new double[refiners.length][n], guarded = new double[refiners.length][n];
        double[][] millis = new double[refiners.length][n];
        int[] kept = new int[refiners.length];
        java.util.Arrays.fill(landmark, Double.NaN);
        for (int i = 0; i < n; i++) {
            SkinRenders.Render r = renders.render(i);
            mean[i] = renders.score(null, null, r);
            Reconstructor.Face face = SkinRenders.match(landmarks.reconstruct(r.image()).faces(), r.face().landmarks());
            for (int k = 0; k < refiners.length; k++) {
                unguarded[k][i] = guarded[k][i] = millis[k][i] = Double.NaN;
            }
            if (face == null) {
                continue;
            }
            landmark[i] = renders.score(face.fit(), r);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "skin-ablation %d/%d: landmarks %.2f",
                i + 1, n, landmark[i]));
            for (int k = 0; k < refiners.length; k++) {
                Reconstructor.Face refined = refiners[k].refine(r.image(), face.landmarks(), face.landmarkFit());
                unguarded[k][i] = renders.score(refined.refined().identity(), refined.refined().expression(), r);
                guarded[k][i] = renders.score(refined.fit(), r);
                millis[k][i] = refined.refined().millis();
                kept[k] += refined.guard().keptRefinement() ? 1 : 0;
                line.append(String.format(Locale.ROOT, "; %d: %.2f/%.2f", k, unguarded[k][i], guarded[k][i]));
            }
            context.progress().accept(line.toString());
        }
        double lm = SkinRenders.median(landmark, null), mf = SkinRenders.median(mean, landmark);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "## skin-ablation: photometric refinement "
            + "variants (`face3d bench skin-ablation`)%n%n%d renders of `bench skin-tuning` (seeds %d..%d, tuning "
            + "donors), the same landmark fit as each variant's start. Dense face RMSE, medians, mm: landmarks %.3f, "
            + "mean face %.3f.%n%n| variant | unguarded | / landmarks | / mean face | faces better than landmarks "
            + "| guarded | / landmarks | kept | refinement ms (median) |%n|---|---|---|---|---|---|---|---|---|%n",
            n, renders.base(), renders.base() + n - 1, lm, mf));
        for (int k = 0; k < refiners.length; k++) {
            double u = SkinRenders.median(unguarded[k], null), g = SkinRenders.median(guarded[k], null);
            int better = 0;
            for (int i = 0; i < n; i++) {
                better += unguarded[k][i] < landmark[i] ? 1 : 0;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d | %.3f | %.3f | %d | %.0f |%n",
                names.get(k), u, u / lm, u / mf, better, g, g / lm, kept[k], SkinRenders.median(millis[k], null)));
        }
        return new Result(md.toString());
    }
}
