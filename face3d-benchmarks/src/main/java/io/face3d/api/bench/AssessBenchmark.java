package io.face3d.api.bench;

import io.face3d.clinic.Assessment;
import io.face3d.api.Face3d;
import io.face3d.api.PosturePhotos;
import io.face3d.clinic.Assessor;
import io.face3d.clinic.FaceState;
import io.face3d.clinic.Movement;
import io.face3d.clinic.MovementScore;
import io.face3d.clinic.synthetic.SyntheticSubject;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.landmark.MeshCoefficientFitter;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.fit.landmark.SyntheticFaces;
import io.face3d.core.image.RgbImage;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * {@code face3d bench assess}: synthetic palsy subjects ({@link SyntheticSubject}: a random identity, a weaker
 * side, smile / brow raise / eye closure / [e] with the weaker side's weight a fraction in [0, 0.6] of the
 * stronger's) assessed from three kinds of input:
 * <ul>
 * <li>meshes in model topology (what {@code assess} reads from OBJ files: coefficients recovered by
 * {@link MeshCoefficientFitter}, measures on the mesh itself);</li>
 * <li>2D landmarks projected at yaw 0, 20 and 40 degrees (random sign, pitch and roll within 10 degrees) with the
 * dlib-like noise model, fitted jointly (one identity over the postures) as {@code assess} fits photos;</li>
 * <li>photo-like renders ({@link SyntheticFaceRenderer}: one seed per subject fixes skin, light and camera, yaw
 * within +-20 degrees, 512 x 512), one photo per posture, run through what {@code assess} does with photos
 * ({@link PosturePhotos}): MediaPipe landmarks, one joint fit over the subject's photos, the rest points tracked into
 * each posture photo, 3D landmarks referenced to rest, eye openness read from the pixels. The photo subjects are the
 * first quarter of the subjects (12 at size 48).</li>
 * </ul>
 * Reported: the fraction of movements whose weaker side is named right, and the smile ratio's absolute error
 * against two truths: the excursion ratio measured on the true meshes, and the blendshape weight ratio.
 */
public final class AssessBenchmark extends AbstractBenchSuite {
    private static final Movement[] MOVEMENTS = {Movement.SMILE, Movement.BROW, Movement.EYES_CLOSED, Movement.EEE};
    private static final double[] YAWS = {0, 20, 40};

    public AssessBenchmark() {
        super("assess", "clinical assessment on synthetic palsy subjects: weaker side and smile ratio from meshes and landmarks");
    }

    @Override
    public Result run(Context context) {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        int subjects = context.sizeOr(48);
        Random rnd = new Random(context.seed());
        Tally meshes = new Tally();
        Map<Double, Tally> byYaw = new LinkedHashMap<>();
        // quick: one yaw, and the grading rows without photos
        for (double y : context.quick() ? new double[] {YAWS[0]} : YAWS) {
            byYaw.put(y, new Tally());
        }
        LandmarkFitter fitter = LandmarkFitter.create(model, FitConfig.defaults().withNoise(NoiseModel.DETECTOR_LIKE));
        SyntheticFaces faces = new SyntheticFaces(model);
        Face3d face3d = Face3d.create(Face3d.Config.defaults());
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model,
            SyntheticFaceConfig.defaults().withAngles(20, 10, 8));
        Tally photos = new Tally();
        int photoSubjects = Math.max(1, subjects / 4), missed = 0;
        for (int s = 0; s < subjects; s++) {
            SyntheticSubject subject = SyntheticSubject.draw(model, rnd, MOVEMENTS);
            Map<Movement, FaceState> truth = trueStates(model, subject);
            double truthSmileRatio = Assessor.assess(truth, Optional.empty()).movements().get(Movement.SMILE).ratio();
            meshes.add(subject, fromMeshes(model, subject), truthSmileRatio);
            for (double yaw : byYaw.keySet()) {
                byYaw.get(yaw).add(subject, fromLandmarks(model, fitter, faces, subject, yaw, rnd), truthSmileRatio);
            }
            if (s < photoSubjects) {
                try {
                    photos.add(subject, fromPhotos(face3d, model, renderer, subject, context.seed() * 1000 + s),
                        truthSmileRatio);
                } catch (io.face3d.core.Face3dException e) {
                    missed++; // no face found in one of the subject's photos
                }
            }
            context.progress().accept("assess: subject " + (s + 1) + "/" + subjects);
        }
        StringBuilder md = new StringBuilder();
        md.append("## Clinical assessment (`face3d bench assess`)\n\n")
            .append(String.format(Locale.ROOT, "%d synthetic subjects (seed %d), movements smile, brow, eyes closed, "
                + "[e]; the weaker side's weight is U(0, 0.6) x the stronger's U(0.6, 1). Landmark input: 68 points "
                + "projected (SOP) with dlib-like noise (5%% IOD, jaw 10%%), all postures fitted jointly.%n%n",
                subjects, context.seed()))
            .append("| input | weaker side right: smile | brow | eyes closed | [e] | smile ratio within 0.1 "
                + "(excursion truth) | within 0.15 | median abs. error | within 0.1 (weight truth) |\n")
            .append("|---|---|---|---|---|---|---|---|---|\n");
        meshes.row(md, "meshes (model topology)");
        byYaw.forEach((y, t) -> t.row(md, String.format(Locale.ROOT, "landmarks, yaw %.0f", y)));
        if (photos.count() > 0) {
            photos.row(md, String.format(Locale.ROOT, "photo-like renders (%d subjects; %d with a face missed)",
                photos.count() + missed, missed));
        }
        md.append("\nFrom meshes and landmarks eye closure is read from the geometry; from photos `assess` reads it "
            + "from the pixels (eye openness), as the report says.\n");
        md.append(GradingRows.run(model, face3d, renderer, subjects, context.quick() ? 0 : photoSubjects, context.seed(), context.progress()));
        return new Result(md.toString());
    }

    private static Map<Movement, FaceState> trueStates(MorphableModel model, SyntheticSubject s) {
        Map<Movement, FaceState> out = new EnumMap<>(Movement.class);
        s.expressions().forEach((m, ex) -> out.put(m, new FaceState(model.evaluate(s.identity(), ex, model.landmarks68()),
            null, model.expressionsByName(ex), "truth")));
        return out;
    }

    private static Assessment fromMeshes(MorphableModel model, SyntheticSubject s) {
        List<Movement> order = new ArrayList<>(s.expressions().keySet());
        List<float[]> meshes = new ArrayList<>();
        for (Movement m : order) {
            meshes.add(model.evaluate(s.identity(), s.expressions().get(m), Region.FACE));
        }
        MeshCoefficientFitter.Result r = new MeshCoefficientFitter(model).fit(meshes);
        int[] lm = model.landmarks68();
        Map<Movement, FaceState> states = new EnumMap<>(Movement.class);
        for (int i = 0; i < order.size(); i++) {
            float[] l3 = new float[3 * lm.length];
            for (int k = 0; k < lm.length; k++) {
                System.arraycopy(meshes.get(i), 3 * lm[k], l3, 3 * k, 3);
            }
            states.put(order.get(i), new FaceState(l3, meshes.get(i), model.expressionsByName(r.expressions().get(i)), "mesh"));
        }
        return Assessor.assess(states, Optional.empty());
    }

    private static Assessment fromLandmarks(MorphableModel model, LandmarkFitter fitter, SyntheticFaces faces,
                                            SyntheticSubject s, double yaw, Random rnd) {
        List<Movement> order = new ArrayList<>(s.expressions().keySet());
        List<LandmarkObservation> obs = new ArrayList<>();
        for (Movement m : order) {
            double y = (rnd.nextBoolean() ? 1 : -1) * yaw;
            Pose pose = Pose.sop(Rotation.fromEulerDegrees(y, 10 * (2 * rnd.nextDouble() - 1),
                10 * (2 * rnd.nextDouble() - 1)), 1.5 + rnd.nextDouble(), 320, 320);
            obs.add(faces.render(s.identity(), s.expressions().get(m), pose, rnd, NoiseModel.DETECTOR_LIKE).observation());
        }
        JointFitResult joint = fitter.fitJoint(obs);
        Map<Movement, FaceState> states = new EnumMap<>(Movement.class);
        for (int i = 0; i < order.size(); i++) {
            FitResult f = joint.images().get(i);
            states.put(order.get(i), new FaceState(model.evaluate(f.identity(), f.expression(), model.landmarks68()),
                null, model.expressionsByName(f.expression()), "landmarks"));
        }
        return Assessor.assess(states, Optional.empty());
    }

    private static Assessment fromPhotos(Face3d face3d, MorphableModel model, SyntheticFaceRenderer renderer,
                                         SyntheticSubject s, long seed) {
        return fromPhotos(face3d, model, renderer, s.identity(), s.expressions(), seed);
    }

    /** One photo-like render per posture through what {@code assess} does with photos, then assessed. */
    static Assessment fromPhotos(Face3d face3d, MorphableModel model, SyntheticFaceRenderer renderer, double[] identity,
                                 Map<Movement, double[]> expressions, long seed) {
        List<Movement> order = new ArrayList<>(expressions.keySet());
        List<RgbImage> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Movement m : order) {
            images.add(renderer.render(seed, identity, expressions.get(m)).image());
            names.add("render " + seed + " " + m.key());
        }
        List<PosturePhotos.Posture> fits = PosturePhotos.fit(face3d, images, names, order.indexOf(Movement.REST),
            "mediapipe");
        Map<Movement, FaceState> states = new EnumMap<>(Movement.class);
        for (int i = 0; i < order.size(); i++) {
            PosturePhotos.Posture p = fits.get(i);
            states.put(order.get(i), new FaceState(p.landmarks3d(),
                model.evaluate(p.fit().identity(), p.expression(), Region.FACE), model.expressionsByName(p.expression()), "photo",
                p.eyeOpenness()));
        }
        return Assessor.assess(states, Optional.empty());
    }

    /** Counts of right answers per movement and the smile-ratio errors. */
    private static final class Tally {
        private final Map<Movement, int[]> right = new EnumMap<>(Movement.class);
        private final List<Double> ratioErrors = new ArrayList<>();
        private final List<Double> weightRatioErrors = new ArrayList<>();

        void add(SyntheticSubject s, Assessment a, double truthRatio) {
            for (Movement m : MOVEMENTS) {
                MovementScore score = a.movements().get(m);
                int[] c = right.computeIfAbsent(m, k -> new int[2]);
                c[0] += score.weakerSide() == s.weakerSide() ? 1 : 0;
                c[1]++;
            }
            double ratio = a.movements().get(Movement.SMILE).ratio();
            double[] w = s.strength().get(Movement.SMILE);
            ratioErrors.add(Math.abs(ratio - truthRatio));
            weightRatioErrors.add(Math.abs(ratio - w[0] / w[1]));
        }

        int count() {
            return ratioErrors.size();
        }

        void row(StringBuilder md, String name) {
            md.append("| ").append(name);
            for (Movement m : MOVEMENTS) {
                int[] c = right.get(m);
                md.append(String.format(Locale.ROOT, " | %d/%d (%.0f%%)", c[0], c[1], 100.0 * c[0] / c[1]));
            }
            md.append(String.format(Locale.ROOT, " | %.0f%% | %.0f%% | %.3f | %.0f%% |%n", 100 * within(ratioErrors, 0.1),
                100 * within(ratioErrors, 0.15), median(ratioErrors), 100 * within(weightRatioErrors, 0.1)));
        }

        private static double within(List<Double> e, double t) {
            return e.stream().filter(x -> x <= t).count() / (double) e.size();
        }

        private static double median(List<Double> e) {
            double[] s = e.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
    }
}
