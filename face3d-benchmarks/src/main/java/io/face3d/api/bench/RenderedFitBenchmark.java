package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.geom.Similarity;
import io.face3d.core.geom.Umeyama;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.vision.FaceLandmarks;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code face3d bench renders}: the landmark method end to end on photo-like renders of model faces with known 3D
 * truth: detect ({@link Face3d#landmarkDetector}), fit ({@link Face3d#landmarkFitter} with
 * {@link Face3d#fitConfigFor} the detector), compare with the truth. Same renders as {@code bench detectors}
 * ({@link RenderedFaces}, seeds {@code seed + i}).
 *
 * <p>Methods: MediaPipe's 68 points through a perspective camera with the focal estimated (what {@code reconstruct}
 * does: the renders, like photos, are perspective, 30-55 degrees field of view, faces 0.25-0.77 m away), the same
 * with the SOP camera, MediaPipe with its 468 FaceMesh points too (perspective), dlib (on MediaPipe's box mapped
 * to the HOG convention; perspective), and the mean face (identity
 * 0, expression 0; its rotation from a pose-only fit to MediaPipe's 68 points). Metrics per face: dense RMSE over
 * the full face area (model.evaluate(identity, expression, Region.FACE) against the truth's, after a similarity
 * alignment by {@link Umeyama} with scale over those vertices), the 68 landmark vertices' RMSE after the same
 * alignment (mm), rotation error (degrees, geodesic, against the render's camera rotation). Medians per |yaw|
 * bin over the faces each detector found; "< mean" counts faces where the fit's dense RMSE beats the mean face's.
 */
public final class RenderedFitBenchmark extends AbstractBenchSuite {
    private static final double[] YAW_EDGES = {0, 15, 30, 45, 60.001};
    private static final String[] METHODS = {"MediaPipe 68, perspective (reconstruct default)", "MediaPipe 68, SOP",
        "MediaPipe 68 + dense 468, perspective", "dlib 68, perspective", "mean face"};

    public RenderedFitBenchmark() {
        super("renders", "reconstruct --method landmarks on photo-like renders with 3D truth: dense RMSE vs the mean face");
    }

    /** Metrics of one method on one face; NaN when its detector missed the face. */
    record Scores(double dense, double landmarks, double rotation) {
        static final Scores MISSED = new Scores(Double.NaN, Double.NaN, Double.NaN);
    }

    /** The four methods on one render: [method] in {@link #METHODS} order. */
    static Scores[] evaluate(Face3d face3d, RenderedFaces.Rendered r) {
        MorphableModel model = face3d.model();
        Scores[] out = new Scores[METHODS.length];
        float[] truth = model.evaluate(r.face().identity(), r.face().expression(), Region.FACE);
        float[] truthLm = model.evaluate(r.face().identity(), r.face().expression(), model.landmarks68());
        double[] trueRot = r.face().pose().rotation();
        Optional<FaceLandmarks> mp = RenderedFaces.match(face3d.landmarkDetector("mediapipe").detect(r.image()), r);
        Optional<FaceLandmarks> dl = RenderedFaces.match(face3d.landmarkDetector("dlib").detect(r.image()), r);
        FitConfig mpSop = Face3d.fitConfigFor("mediapipe");
        LandmarkFitter mpFitter = face3d.landmarkFitter(mpSop.withCamera(Pose.Camera.PERSPECTIVE, Double.NaN));
        int w = r.image().width(), h = r.image().height();
        out[0] = mp.map(f -> scores(model, mpFitter.fit(Face3d.observation(f, r.image())), truth, truthLm,
            trueRot)).orElse(Scores.MISSED);
        out[1] = mp.map(f -> scores(model, face3d.landmarkFitter(mpSop).fit(Face3d.observation(f, r.image())), truth,
            truthLm, trueRot)).orElse(Scores.MISSED);
        out[2] = mp.map(f -> scores(model, mpFitter.fit(Face3d.observationWithDense(f, r.image())), truth, truthLm,
            trueRot)).orElse(Scores.MISSED);
        out[3] = dl.map(f -> scores(model, face3d.landmarkFitter(Face3d.fitConfigFor("dlib")
            .withCamera(Pose.Camera.PERSPECTIVE, Double.NaN)).fit(Face3d.observation(f, r.image())), truth, truthLm,
            trueRot)).orElse(Scores.MISSED);
        double rotation = mp.map(f -> Rotation.angleBetweenDegrees(trueRot, face3d.landmarkFitter(
                Face3d.fitConfigFor("mediapipe").withFitShape(false))
            .fit(new LandmarkObservation(f.points(), null, null, w, h)).pose().rotation())).orElse(Double.NaN);
        Scores mean = scores(model, null, null, truth, truthLm);
        out[METHODS.length - 1] = new Scores(mean.dense(), mean.landmarks(), rotation);
        return out;
    }

    private static Scores scores(MorphableModel model, FitResult fit, float[] truth, float[] truthLm,
                                 double[] trueRot) {
        Scores s = scores(model, fit.identity(), fit.expression(), truth, truthLm);
        return new Scores(s.dense(), s.landmarks(), Rotation.angleBetweenDegrees(trueRot, fit.pose().rotation()));
    }

    /** Dense and landmark RMSE (mm) of a shape after the similarity that best aligns its face area to the truth. */
    static Scores scores(MorphableModel model, double[] identity, double[] expression, float[] truth,
                                 float[] truthLm) {
        float[] est = model.evaluate(identity, expression, Region.FACE);
        Similarity a = Umeyama.estimate(toDouble(est), toDouble(truth), true);
        return new Scores(rms(a.apply(est), truth),
            rms(a.apply(model.evaluate(identity, expression, model.landmarks68())), truthLm), Double.NaN);
    }

    @Override
    public Result run(Context context) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(1));
        int n = context.sizeOr(16);
        RenderedFaces renders = new RenderedFaces(face3d.model(), RenderedFaces.config(DetectorNoiseBenchmark.MAX_YAW));
        double[][][] m = new double[METHODS.length][3][n];
        double[] yaw = new double[n];
        for (int i = 0; i < n; i++) {
            RenderedFaces.Rendered r = renders.render(context.seed() + i);
            yaw[i] = Math.abs(r.face().pose().eulerDegrees()[0]);
            Scores[] s = evaluate(face3d, r);
            for (int k = 0; k < METHODS.length; k++) {
                m[k][0][i] = s[k].dense();
                m[k][1][i] = s[k].landmarks();
                m[k][2][i] = s[k].rotation();
            }
            if ((i + 1) % 10 == 0) {
                context.progress().accept(String.format(Locale.ROOT, "renders: %d/%d", i + 1, n));
            }
        }
        StringBuilder md = new StringBuilder("## renders: landmark method on photo-like renders "
            + "(`face3d bench renders`)\n\n");
        md.append(String.format(Locale.ROOT, "%d renders (seeds %d..%d), 512 x 512, |yaw| <= %.0f, pitch +-20, roll "
                + "+-15 degrees, identity N(0, 1), 0-4 expressions, perspective camera (fov 30-55 degrees); fits with "
                + "Face3d.fitConfigFor(detector), perspective camera with the focal estimated unless the row says SOP. "
                + "Medians; dense = full face area RMSE after Umeyama "
                + "similarity alignment (mm); 3D lmk = the 68 landmark vertices after that alignment (mm); rot = "
                + "rotation error (deg); < mean = faces where the fit's dense RMSE beats the mean face's.%n%n", n,
            context.seed(), context.seed() + n - 1, DetectorNoiseBenchmark.MAX_YAW));
        md.append("| method | abs(yaw) | found | dense mm | 3D lmk mm | rot deg | < mean |\n"
            + "|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < METHODS.length; k++) {
            for (int b = -1; b < YAW_EDGES.length - 1; b++) {
                int faces = 0, found = 0, better = 0;
                double[][] v = new double[3][n];
                for (int i = 0; i < n; i++) {
                    if (b >= 0 && (yaw[i] < YAW_EDGES[b] || yaw[i] >= YAW_EDGES[b + 1])) {
                        continue;
                    }
                    faces++;
                    if (Double.isNaN(m[k][0][i])) {
                        continue;
                    }
                    better += m[k][0][i] < m[METHODS.length - 1][0][i] ? 1 : 0;
                    for (int q = 0; q < 3; q++) {
                        v[q][found] = m[k][q][i];
                    }
                    found++;
                }
                String bin = b < 0 ? "all" : String.format(Locale.ROOT, "%.0f-%.0f", YAW_EDGES[b],
                    Math.floor(YAW_EDGES[b + 1]));
                md.append(String.format(Locale.ROOT, "| %s | %s | %d/%d | %.2f | %.2f | %.2f | %s |%n", METHODS[k], bin,
                    found, faces, RenderedFaces.median(v[0], found), RenderedFaces.median(v[1], found),
                    RenderedFaces.median(v[2], found), k == METHODS.length - 1 ? "-" : better + "/" + found));
            }
        }
        return new Result(md.toString());
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double rms(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / (a.length / 3));
    }
}
