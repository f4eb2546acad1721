package io.face3d.api.bench;

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
 * The renders of the skin benchmarks ({@link SkinBenchSuite}): donors' skins sampled into the UV atlas (each also
 * mirrored), render i of a seed drawn from seed 1 800 000 + 1000 seed + i with the skin of donor i mod skins,
 * recoloured, perspective or near-SOP alternating per donor round, then {@link PhotoArtefacts}.
 */
final class SkinRenders {
    /** A donor photograph: where it is, and where it comes from. */
    record Donor(String name, String path, String source) {
    }

    /** One render with its truth. */
    record Render(RgbImage image, SyntheticFace face, float[] truth, float[] truthLandmarks, int skin,
                  boolean perspective, double yaw) {
    }

    static final List<Donor> TUNING = List.of(new Donor("grace_hopper", "face3d-vision/src/test/resources/dlib/grace_hopper.jpg",
        "Rear Admiral Grace Hopper, US Navy photograph, public domain (matplotlib sample data, Debian python-matplotlib-data)"));
    static final List<Donor> REPORTING = List.of(new Donor("astronaut", "examples/astronaut.png",
        "astronaut Eileen Collins, NASA photograph, public domain (scikit-image data, Debian python3-skimage)"));

    private final MorphableModel model;
    private final BenchSuite.Context context;
    private final List<UvTexture> skins = new ArrayList<>();
    private final List<String> skinNames = new ArrayList<>();
    private final SyntheticFaceRenderer renderer;
    private final PhotoArtefacts artefacts;
    private final long base;

    /** Samples each donor's skin (and its mirror's) through {@code landmarks}' fit; writes the textures as PNG. */
    SkinRenders(MorphableModel model, Reconstructor landmarks, List<Donor> donors, BenchSuite.Context context) {
        this.model = model;
        this.context = context;
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
                write(t.toPixels(), "skin_" + d.name() + (mirrored ? "_mirrored" : "") + ".png");
            }
        }
        renderer = new SyntheticFaceRenderer(model, RenderedFaces.config(45));
        artefacts = new PhotoArtefacts(model);
        base = 1_800_000L + 1000L * context.seed();
    }

    /** Seed of render 0. */
    long base() {
        return base;
    }

    List<String> skinNames() {
        return skinNames;
    }

    /** Render i; the first 8 are written as PNG. */
    Render render(int i) {
        long seed = base + i;
        Random rnd = new Random(seed * 31 + 7);
        int donor = i % skins.size();
        boolean perspective = (i / skins.size()) % 2 == 0;
        double fov = perspective ? 30 + 25 * rnd.nextDouble() : 2 + 3 * rnd.nextDouble();
        PhotoArtefacts.Light light = PhotoArtefacts.randomLight(rnd);
        UvTexture skin = recolour(skins.get(donor), rnd);
        SyntheticFace f = renderer.render(seed, null, null, new SyntheticFaceRenderer.Look(skin, fov, light.sh()));
        RgbImage image = artefacts.apply(f, light, rnd);
        if (i < 8) {
            write(image, String.format(Locale.ROOT, "skin_render_%02d.png", i));
        }
        float[] truth = model.evaluate(f.identity(), f.expression(), Region.FACE);
        float[] truthLm = model.evaluate(f.identity(), f.expression(), model.landmarks68());
        return new Render(image, f, truth, truthLm, donor, perspective, f.pose().eulerDegrees()[0]);
    }

    /** Dense face RMSE (mm, similarity-aligned) of a fit against a render's truth. */
    double score(FitResult fit, Render r) {
        return score(fit.identity(), fit.expression(), r);
    }

    /** Dense face RMSE of coefficients (null = the mean face). */
    double score(double[] identity, double[] expression, Render r) {
        return RenderedFitBenchmark.scores(model, identity, expression, r.truth(), r.truthLandmarks()).dense();
    }

    /** The face whose 68-point centroid is nearest the truth's, within the true inter-ocular distance; or null. */
    static Reconstructor.Face match(List<Reconstructor.Face> faces, double[] truth) {
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
    static double median(double[] v, double[] only) {
        double[] f = new double[v.length];
        int c = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && (only == null || Double.isFinite(only[i]))) {
                f[c++] = v[i];
            }
        }
        return RenderedFaces.median(f, c);
    }

    static double max(double[] v) {
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

    private void write(RgbImage image, String file) {
        if (context.outDir() != null) {
            io.face3d.core.io.AtomicFiles.write(context.outDir().resolve(file), tmp -> Images.writePng(image, tmp));
        }
    }
}
