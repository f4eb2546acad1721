package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.api.ReconstructConfig;
import io.face3d.api.Reconstructor;
import io.face3d.core.Face3dException;
import io.face3d.core.bench.BenchSuite;
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
public class SkinBenchSuite implements BenchSuite {
    /** A donor photograph: where it is, and where it comes from. */
    record Donor(String name, String path, String source) {
    }

    static final List<Donor> TUNING = List.of(new Donor("grace_hopper", "face3d-vision/src/test/resources/dlib/grace_hopper.jpg",
        "Rear Admiral Grace Hopper, US Navy photograph, public domain (matplotlib sample data, Debian python-matplotlib-data)"));
    static final List<Donor> REPORTING = List.of(new Donor("astronaut", "examples/astronaut.png",
        "astronaut Eileen Collins, NASA photograph, public domain (scikit-image data, Debian python3-skimage)"));
    private static final String[] METHODS = {"reconstruct --method landmarks", "reconstruct --method photometric (guarded)",
        "photometric refinement, unguarded", "mean face"};

    private final boolean tuning;

    public SkinBenchSuite() {
        this(false);
    }

    SkinBenchSuite(boolean tuning) {
        this.tuning = tuning;
    }

    /** The same benchmark on the tuning donors. */
    public static final class Tuning extends SkinBenchSuite {
        public Tuning() {
            super(true);
        }
    }

    @Override
    public String name() {
        return tuning ? "skin-tuning" : "skin";
    }

    @Override
    public String description() {
        return "reconstruct landmarks vs photometric vs mean face on renders skinned from real photos ("
            + (tuning ? "tuning" : "reporting") + " donors)";
    }

    @Override
    public Result run(Context context) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(1));
        MorphableModel model = face3d.model();
        int n = context.size() > 0 ? context.size() : 48;
        Reconstructor landmarks = face3d.reconstructor(ReconstructConfig.defaults());
        Reconstructor photometric = face3d.reconstructor(ReconstructConfig.defaults()
            .withMethod(ReconstructConfig.Method.PHOTOMETRIC));
        List<Donor> donors = tuning ? TUNING : REPORTING;
        List<UvTexture> skins = new ArrayList<>();
        List<String> skinNames = new ArrayList<>();
        for (Donor d : donors) {
            RgbImage photo = Images.read(locate(d.path()));
            for (boolean mirrored : new boolean[] {false, true}) {
                RgbImage p = mirrored ? mirror(photo) : photo;
                List<Reconstructor.Face> faces = landmarks.reconstruct(p).faces();
                if (faces.isEmpty()) {
                    throw new Face3dException("no face found in donor " + d.path());
                }
                FitResult fit = faces.get(0).fit();
                UvTexture t = DonorSkin.fromPhoto(model, p, fit.pose(), fit.identity(), fit.expression(), 512);
                skins.add(t);
                skinNames.add(d.name() + (mirrored ? " (mirrored)" : ""));
                write(context, t.toPixels(), "skin_" + d.name() + (mirrored ? "_mirrored" : "") + ".png");
            }
        }
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model, RenderedFaces.config(45));
        PhotoArtefacts artefacts = new PhotoArtefacts(model);
        long base = 1_800_000L + 1000L * context.seed();
        double[][] dense = new double[METHODS.length][n];
        double[] lmRatio = new double[n], refineMs = new double[n], yaw = new double[n];
        int[] donorOf = new int[n];
        boolean[] perspective = new boolean[n];
        int found = 0, kept = 0;
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            long seed = base + i;
            Random rnd = new Random(seed * 31 + 7);
            int donor = i % skins.size();
            donorOf[i] = donor;
            perspective[i] = (i / skins.size()) % 2 == 0;
            double fov = perspective[i] ? 30 + 25 * rnd.nextDouble() : 2 + 3 * rnd.nextDouble();
            PhotoArtefacts.Light light = PhotoArtefacts.randomLight(rnd);
            UvTexture skin = recolour(skins.get(donor), rnd);
            SyntheticFace f = renderer.render(seed, null, null, new SyntheticFaceRenderer.Look(skin, fov, light.sh()));
            RgbImage image = artefacts.apply(f, light, rnd);
            yaw[i] = f.pose().eulerDegrees()[0];
            if (i < 8) {
                write(context, image, String.format(Locale.ROOT, "skin_render_%02d.png", i));
            }
            float[] truth = model.evaluate(f.identity(), f.expression(), Region.FACE);
            float[] truthLm = model.evaluate(f.identity(), f.expression(), model.landmarks68());
            dense[3][i] = RenderedFitBenchmark.scores(model, null, null, truth, truthLm).dense();
            Reconstructor.Face face = match(landmarks.reconstruct(image).faces(), f.landmarks());
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
            dense[0][i] = score(model, face.fit(), truth, truthLm);
            dense[1][i] = score(model, refined.fit(), truth, truthLm);
            dense[2][i] = RenderedFitBenchmark.scores(model, refined.refined().identity(), refined.refined().expression(),
                truth, truthLm).dense();
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
                          boolean[] perspective, List<Donor> donors, List<String> skinNames) {
        StringBuilder md = new StringBuilder("## " + name() + ": photometric vs landmarks on renders skinned from real "
            + "photographs (`face3d bench " + name() + "`)\n\n");
        md.append(String.format(Locale.ROOT, "%d renders (seeds %d..%d), 512 x 512, yaw +-45, pitch +-20, roll +-15; "
            + "%s donors: ", n, base, base + n - 1, tuning ? "tuning" : "reporting"));
        for (Donor d : donors) {
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

    private static double score(MorphableModel model, FitResult fit, float[] truth, float[] truthLm) {
        return RenderedFitBenchmark.scores(model, fit.identity(), fit.expression(), truth, truthLm).dense();
    }

    /** The face whose 68-point centroid is nearest the truth's, within the true inter-ocular distance. */
    private static Reconstructor.Face match(List<Reconstructor.Face> faces, double[] truth) {
        double tx = 0, ty = 0;
        for (int k = 0; k < 68; k++) {
            tx += truth[2 * k] / 68;
            ty += truth[2 * k + 1] / 68;
        }
        double limit = Math.hypot(truth[72] - truth[90], truth[73] - truth[91]);
        Reconstructor.Face best = null;
        for (Reconstructor.Face f : faces) {
            double cx = 0, cy = 0;
            for (int k = 0; k < 68; k++) {
                cx += f.landmarks().points()[2 * k] / 68;
                cy += f.landmarks().points()[2 * k + 1] / 68;
            }
            double d = Math.hypot(cx - tx, cy - ty);
            if (d < limit) {
                limit = d;
                best = f;
            }
        }
        return best;
    }

    /** Median of the finite values (where {@code only} is given: only where it is finite too). */
    private static double median(double[] v, double[] only) {
        double[] f = new double[v.length];
        int c = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && (only == null || Double.isFinite(only[i]))) {
                f[c++] = v[i];
            }
        }
        return RenderedFaces.median(f, c);
    }

    private static double max(double[] v) {
        double m = Double.NaN;
        for (double x : v) {
            if (Double.isFinite(x) && !(x <= m)) {
                m = x;
            }
        }
        return m;
    }

    /** The texture with its tone scaled (0.55-1.1) and a small red/blue tint. */
    private static UvTexture recolour(UvTexture t, Random rnd) {
        double tone = 0.55 + 0.55 * rnd.nextDouble();
        double[] g = {tone * (1 + 0.06 * rnd.nextGaussian()), tone, tone * (1 + 0.06 * rnd.nextGaussian())};
        float[] rgb = t.rgb().clone();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (float) Math.min(1, rgb[i] * g[i % 3]);
        }
        return new UvTexture(t.width(), t.height(), rgb);
    }

    private static RgbImage mirror(RgbImage img) {
        int w = img.width(), h = img.height();
        byte[] out = new byte[img.rgb().length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(img.rgb(), 3 * (y * w + x), out, 3 * (y * w + w - 1 - x), 3);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** A donor file: relative to the working directory or one of its parents (the repository root). */
    private static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(relative);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new Face3dException("donor photo " + relative + " not found: run the benchmark from the repository");
    }

    private static void write(Context context, RgbImage image, String file) {
        if (context.outDir() != null) {
            io.face3d.core.io.AtomicFiles.write(context.outDir().resolve(file), tmp -> Images.writePng(image, tmp));
        }
    }
}
