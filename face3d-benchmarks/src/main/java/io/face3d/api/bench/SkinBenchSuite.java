package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.api.ReconstructConfig;
import io.face3d.api.Reconstructor;
import io.face3d.core.Face3dException;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.render.DonorSkin;
import io.face3d.fit.render.PhotoArtefacts;
import io.face3d.fit.render.SyntheticFace;
import io.face3d.fit.render.SyntheticFaceRenderer;
import io.face3d.fit.render.UvTexture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code face3d bench skin}: {@code reconstruct --method landmarks} against {@code --method photometric} and the
 * mean face on renders whose skin comes from real photographs, end to end from pixels as a user runs it (MediaPipe
 * detection, landmark fit, refinement with occlusion handling and the dlib cross-check, the guard).
 *
 * <p>Skin: the model fitted to a donor photograph ({@code reconstruct}'s landmark fit), its texels sampled into the
 * UV atlas ({@link DonorSkin}: hidden texels from the mirrored side), the donor's brows, lashes, make-up, pores and
 * hairline strands with it; each donor also mirrored (the photo flipped before fitting), and each render's texture
 * recoloured (tone x0.55-1.1, a red/blue tint). Rendered with another identity, expression, pose (yaw +-45,
 * pitch +-20, roll +-15) and SH light; half the renders perspective (30-55 degree field of view), half nearly
 * scaled orthographic (2-5 degrees); then {@link PhotoArtefacts}: cast shadows, specular highlights, hair strands
 * over forehead and temples, a colour cast and JPEG (quality 45-92). Truth = the rendered mesh.
 *
 * <p>Donors are split: {@code skin} reports on the reporting donors, {@code skin-tuning} runs the tuning donors;
 * choices are made on the latter only. Metric: dense RMSE over the full face area after similarity alignment
 * ({@link RenderedFitBenchmark#scores}), medians over the faces the detector found.
 */
public class SkinBenchSuite extends AbstractBenchSuite {
    private static final String[] METHODS = {"reconstruct --method landmarks", "reconstruct --method photometric (guarded)",
        "photometric refinement, unguarded", "mean face"};

    private final boolean tuning;

    public SkinBenchSuite() {
        this(false);
    }

    SkinBenchSuite(boolean tuning) {
        super(tuning ? "skin-tuning" : "skin",
            "reconstruct landmarks vs photometric vs mean face on renders skinned from real photos ("
            + (tuning ? "tuning" : "reporting") + " donors)");
        this.tuning = tuning;
    }

    /** The same benchmark on the tuning donors. */
    public static final class Tuning extends SkinBenchSuite {
        public Tuning() {
            super(true);
        }
    }

    @Override
    public Result run(Context context) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(1));
        MorphableModel model = face3d.model();
        int n = context.sizeOr(48);
        Reconstructor landmarks = face3d.reconstructor(ReconstructConfig.defaults());
        Reconstructor photometric = face3d.reconstructor(ReconstructConfig.defaults()
            .withMethod(ReconstructConfig.Method.PHOTOMETRIC));
        List<SkinRenders.Donor> donors = tuning ? SkinRenders.TUNING : SkinRenders.REPORTING;
        SkinRenders renders = new SkinRenders(model, landmarks, donors, context);
        List<String> skinNames = renders.skinNames();
        long base = renders.base();
        double[][] dense = new double[METHODS.length][n];
        double[] lmRatio = new double[n], refineMs = new double[n], yaw = new double[n];
        int[] donorOf = new int[n];
        boolean[] perspective = new boolean[n];
        int found = 0, kept = 0;
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            SkinRenders.Render r = renders.render(i);
            RgbImage image = r.image();
            donorOf[i] = r.skin();
            perspective[i] = r.perspective();
            yaw[i] = r.yaw();
            dense[3][i] = renders.score(null, null, r);
            Reconstructor.Face face = SkinRenders.match(landmarks.reconstruct(image).faces(), r.face().landmarks());
            if (face == null) {
                for (int k = 0; k < 3; k++) {
                    dense[k][i] = Double.NaN;
                }
                lmRatio[i] = Double.NaN;
                refineMs[i] = Double.NaN;
                continue;
            }
            found++;
            Reconstructor.Face refined = photometric.refine(image, face.landmarks(), face.landmarkFit());
            dense[0][i] = renders.score(face.fit(), r);
            dense[1][i] = renders.score(refined.fit(), r);
            dense[2][i] = renders.score(refined.refined().identity(), refined.refined().expression(), r);
            lmRatio[i] = refined.guard().landmarkRatio();
            refineMs[i] = refined.refined().millis();
            kept += refined.guard().keptRefinement() ? 1 : 0;
            reasons.merge(refined.guard().reason(), 1, Integer::sum);
            context.progress().accept(String.format(Locale.ROOT,
                "skin %d/%d: landmarks %.2f, photometric %.2f (%s), unguarded %.2f, mean %.2f mm; guard evidence: "
                    + "landmark ratio %.3f, loss drop %.3f, identity norm2 %.1f; yaw %.0f",
                i + 1, n, dense[0][i], dense[1][i], refined.guard().reason(), dense[2][i], dense[3][i],
                refined.guard().landmarkRatio(), refined.guard().lossDrop(), refined.guard().identityNorm2(), yaw[i]));
        }
        return new Result(report(n, base, found, kept, reasons, dense, lmRatio, refineMs, yaw, donorOf, perspective,
            donors, skinNames));
    }

    private String report(int n, long base, int found, int kept, java.util.Map<String, Integer> reasons,
                          double[][] dense, double[] lmRatio, double[] refineMs, double[] yaw, int[] donorOf,
                          boolean[] perspective, List<SkinRenders.Donor> donors, List<String> skinNames) {
        StringBuilder md = new StringBuilder("## " + name() + ": photometric vs landmarks on renders skinned from real "
            + "photographs (`face3d bench " + name() + "`)\n\n");
        md.append(String.format(Locale.ROOT, "%d renders (seeds %d..%d), 512 x 512, yaw +-45, pitch +-20, roll +-15; "
            + "%s donors: ", n, base, base + n - 1, tuning ? "tuning" : "reporting"));
        for (SkinRenders.Donor d : donors) {
            md.append('`').append(d.path()).append("` (").append(d.source()).append("); ");
        }
        md.append("each also mirrored; every render's skin recoloured; cast shadows, specular, hair strands, colour "
            + "cast, JPEG. Start: MediaPipe on the render (as `reconstruct`). Dense = full face area RMSE after "
            + "similarity alignment, mm, medians over the faces found.\n\n");
        md.append(String.format(Locale.ROOT, "Faces found: %d/%d. Guard kept the refinement on %d of %d (%s).%n%n",
            found, n, kept, found, reasons));
        md.append("| method | dense mm (median) | / landmarks (median of per-face ratios) | faces better than landmarks "
            + "| / mean face |\n|---|---|---|---|---|\n");
        double lmMed = median(dense[0], null);
        double meanMed = median(dense[3], dense[0]);
        for (int k = 0; k < METHODS.length; k++) {
            double m = median(dense[k], k == 3 ? dense[0] : null);
            double[] ratio = new double[n];
            int better = 0;
            for (int i = 0; i < n; i++) {
                ratio[i] = dense[k][i] / dense[0][i];
                better += dense[k][i] < dense[0][i] ? 1 : 0;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.3f (ratio of medians %.3f) | %d/%d | %.3f |%n",
                METHODS[k], m, median(ratio, null), m / lmMed, better, found, m / meanMed));
        }
        md.append("\nPer skin and camera (medians, mm: landmarks / photometric guarded / unguarded / mean face):\n\n"
            + "| skin | camera | renders | landmarks | photometric | unguarded | mean face |\n|---|---|---|---|---|---|---|\n");
        for (int s = 0; s < skinNames.size(); s++) {
            for (int cam = 0; cam < 2; cam++) {
                double[][] sub = new double[4][n];
                int c = 0;
                for (int i = 0; i < n; i++) {
                    if (donorOf[i] == s && perspective[i] == (cam == 0)) {
                        for (int k = 0; k < 4; k++) {
                            sub[k][c] = dense[k][i];
                        }
                        c++;
                    }
                }
                double[][] cut = new double[4][];
                for (int k = 0; k < 4; k++) {
                    cut[k] = java.util.Arrays.copyOf(sub[k], c);
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.2f |%n", skinNames.get(s),
                    cam == 0 ? "perspective" : "near-SOP", c, median(cut[0], null), median(cut[1], null),
                    median(cut[2], null), median(cut[3], cut[0])));
            }
        }
        md.append(String.format(Locale.ROOT, "%nLandmark RMS against the detected points, refined / landmark fit: "
                + "median %.3f, max %.3f. Refinement wall time per face (this machine, under load): median %.0f ms, "
                + "max %.0f ms.%n", median(lmRatio, null), max(lmRatio), median(refineMs, null), max(refineMs)));
        return md.toString();
    }

    private static double median(double[] v, double[] only) {
        return SkinRenders.median(v, only);
    }

    private static double max(double[] v) {
        return SkinRenders.max(v);
    }
}
