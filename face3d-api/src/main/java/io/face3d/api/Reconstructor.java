package io.face3d.api;

import io.face3d.core.Face3dException;
import io.face3d.core.image.RgbImage;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.occlusion.LandmarkAgreement;
import io.face3d.fit.occlusion.OcclusionAwareFitter;
import io.face3d.fit.occlusion.OcclusionDetector;
import io.face3d.fit.occlusion.OcclusionMask;
import io.face3d.fit.occlusion.OcclusionResult;
import io.face3d.fit.photometric.PhotometricFitter;
import io.face3d.fit.photometric.PhotometricResult;
import io.face3d.fit.photometric.RefinementGuard;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reconstruction pipeline, built once from a {@link ReconstructConfig} and shared (thread-safe: the detectors
 * and fitters keep no per-photo state): detect every face -> fit the model to its landmarks -> with the photometric
 * method, refine by analysis by synthesis, around occluders when {@link ReconstructConfig#occlusion()} (the landmarks
 * a second detector disputes counted as occluded when {@link ReconstructConfig#crossCheck()}), the refinement kept
 * only where {@link RefinementGuard} finds evidence that it helped. The command line,
 * the {@link Face3d} facade and the benchmark suites call this, so they measure and run the same composition.
 *
 * <pre>{@code
 * Reconstructor r = face3d.reconstructor(ReconstructConfig.defaults().withMethod(ReconstructConfig.Method.PHOTOMETRIC));
 * Reconstructor.Photo result = r.reconstruct(Images.read(Path.of("face.jpg")));
 * }</pre>
 */
public final class Reconstructor {
    private final Face3d face3d;
    private final ReconstructConfig config;
    private final MorphableModel model;
    private final LandmarkFitter landmarkFitter;
    /** Null with the landmark method. */
    private final OcclusionAwareFitter photometric;
    private final RefinementGuard guard;

    Reconstructor(Face3d face3d, ReconstructConfig config) {
        this.face3d = Objects.requireNonNull(face3d, "face3d");
        this.config = Objects.requireNonNull(config, "config");
        this.model = face3d.model();
        this.landmarkFitter = face3d.landmarkFitter(config.landmarkFit());
        this.photometric = config.method() == ReconstructConfig.Method.PHOTOMETRIC
            ? new OcclusionAwareFitter(model, config.photometric(), config.occlusionFit()) : null;
        this.guard = new RefinementGuard(config.guard());
    }

    public ReconstructConfig config() {
        return config;
    }

    public MorphableModel model() {
        return model;
    }

    /** The landmark fitter of the first stage. */
    public LandmarkFitter landmarkFitter() {
        return landmarkFitter;
    }

    /** The photometric fitter (for outputs that render a result: its mirror map); empty with the landmark method. */
    public java.util.Optional<PhotometricFitter> photometricFitter() {
        return java.util.Optional.ofNullable(photometric).map(OcclusionAwareFitter::photometric);
    }

    /** The occlusion detector (for the texture spill of a masked fit); empty with the landmark method. */
    public java.util.Optional<OcclusionDetector> occlusionDetector() {
        return java.util.Optional.ofNullable(photometric).map(OcclusionAwareFitter::detector);
    }

    /**
     * One face of a photo.
     *
     * @param landmarks   what the detector found
     * @param fit         the fitted model; with the photometric method the refined pose and coefficients (the
     *                    residuals against the detected points) where the guard kept them, else the landmark fit
     *                    (with occlusion handling, the one with the occluded landmarks down-weighted when any were)
     * @param landmarkFit the first stage's fit (equal to {@code fit} with the landmark method)
     * @param refined     the photometric result, or null with the landmark method
     * @param occlusion   the occlusion-aware fit (mask, rounds, times), or null without occlusion handling
     * @param guard       whether {@code fit} is the refinement or the landmark fit, and why; null with the landmark
     *                    method
     * @param stagesMs    wall time of this face's stages in ms, in the order they ran: {@code landmark_fit}, and
     *                    with the photometric method {@code cross_check} (the second detector, when configured),
     *                    {@code occlusion_loop} (every fit and mask of the loop) and {@code occlusion_masks} (the
     *                    masks alone, part of the loop) or {@code refinement} (without occlusion handling), and
     *                    {@code guard}
     */
    public record Face(FaceLandmarks landmarks, FitResult fit, FitResult landmarkFit, PhotometricResult refined,
                       OcclusionResult occlusion, RefinementGuard.Decision guard, Map<String, Double> stagesMs) {
        public Face {
            stagesMs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stagesMs));
        }

        public Face(FaceLandmarks landmarks, FitResult fit, FitResult landmarkFit, PhotometricResult refined,
                    OcclusionResult occlusion, RefinementGuard.Decision guard) {
            this(landmarks, fit, landmarkFit, refined, occlusion, guard, Map.of());
        }

        /** This face with {@code stage} timed first. */
        Face withFirstStage(String stage, double ms) {
            Map<String, Double> all = new LinkedHashMap<>();
            all.put(stage, ms);
            all.putAll(stagesMs);
            return new Face(landmarks, fit, landmarkFit, refined, occlusion, guard, all);
        }

        /** The occlusion mask, or null without occlusion handling. */
        public OcclusionMask mask() {
            return occlusion == null ? null : occlusion.mask();
        }
    }

    /**
     * A photo's faces, best detection first, and the wall time of each stage over all its faces (ms; photometric 0
     * with the landmark method).
     */
    public record Photo(List<Face> faces, double detectMs, double fitMs, double photometricMs) {
        public Photo {
            faces = List.copyOf(faces);
        }
    }

    /** Told when each stage of {@link #reconstruct(RgbImage, Stages)} starts (for progress reports). */
    @FunctionalInterface
    public interface Stages {
        /** Nothing told. */
        Stages NONE = (stage, face, faces) -> { };

        /**
         * @param stage {@link #DETECT}, {@link #FIT} or {@link #REFINE}
         * @param face  the face the stage works on (0-based; 0 for detection)
         * @param faces the faces found (0 before detection)
         */
        void started(String stage, int face, int faces);

        String DETECT = "detect";
        String FIT = "landmark fit";
        /** Photometric refinement (only with the photometric method). */
        String REFINE = "photometric refinement";
    }

    /** Detects every face of the photo and reconstructs each; no faces gives an empty list. */
    public Photo reconstruct(RgbImage image) {
        return reconstruct(image, Stages.NONE);
    }

    /** As {@link #reconstruct(RgbImage)}, telling {@code stages} when each stage starts. */
    public Photo reconstruct(RgbImage image, Stages stages) {
        long t0 = System.nanoTime();
        stages.started(Stages.DETECT, 0, 0);
        List<FaceLandmarks> found = detector().detect(image);
        long t1 = System.nanoTime();
        List<FitResult> fits = new ArrayList<>();
        double[] fitMs = new double[found.size()];
        for (int k = 0; k < found.size(); k++) {
            stages.started(Stages.FIT, k, found.size());
            long f0 = System.nanoTime();
            fits.add(fitLandmarks(image, found.get(k).points()));
            fitMs[k] = ms(f0, System.nanoTime());
        }
        long t2 = System.nanoTime();
        List<Face> faces = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            if (photometric != null) {
                stages.started(Stages.REFINE, k, found.size());
            }
            faces.add(refine(image, found.get(k), fits.get(k)).withFirstStage("landmark_fit", fitMs[k]));
        }
        long t3 = System.nanoTime();
        return new Photo(faces, ms(t0, t1), ms(t1, t2), photometric == null ? 0 : ms(t2, t3));
    }

    /** The first stage alone: the model fitted to 68 points of a photo of that size. */
    public FitResult fitLandmarks(RgbImage image, double[] points) {
        return landmarkFitter.fit(new LandmarkObservation(points, null, null, image.width(), image.height()));
    }

    /**
     * The stages after the landmark fit for a face whose 68 points are known (a detector's, or a benchmark's):
     * photometric refinement, around occluders when configured; with the landmark method the face as fitted.
     */
    public Face refine(RgbImage image, FaceLandmarks face, FitResult landmarkFit) {
        if (photometric == null) {
            return new Face(face, landmarkFit, landmarkFit, null, null, null);
        }
        double[] points = face.points();
        PhotometricResult refined;
        OcclusionResult occlusion = null;
        Map<String, Double> stagesMs = new LinkedHashMap<>();
        FitResult fallback = landmarkFit;
        boolean[] visible = null;
        if (config.occlusion()) {
            long c0 = System.nanoTime();
            int[] disputed = config.crossCheck() ? disputed(image, face) : new int[0];
            if (config.crossCheck()) {
                stagesMs.put("cross_check", ms(c0, System.nanoTime()));
            }
            long o0 = System.nanoTime();
            occlusion = photometric.fit(image, points, landmarkFit.pose(), landmarkFit.identity(),
                landmarkFit.expression(), landmarkFitter, disputed);
            stagesMs.put("occlusion_loop", ms(o0, System.nanoTime()));
            stagesMs.put("occlusion_masks", occlusion.maskMillis());
            refined = occlusion.fit();
            // the detector's points under the occluder are wrong: the fit that stands when the guard refuses the
            // refinement is the landmark fit without them, and the guard compares landmarks only where they are seen
            if (occlusion.landmarkFit() != null) {
                fallback = occlusion.landmarkFit();
            }
            visible = visible(occlusion.mask().occludedLandmarks());
        } else {
            long r0 = System.nanoTime();
            refined = photometric.photometric().fit(image, points, landmarkFit.pose(), landmarkFit.identity(),
                landmarkFit.expression());
            stagesMs.put("refinement", ms(r0, System.nanoTime()));
        }
        long g0 = System.nanoTime();
        FitResult refinedFit = asFit(landmarkFit, refined, points);
        RefinementGuard.Decision decision = guard.decide(refined, landmarkRms(fallback.pose(),
            fallback.identity(), fallback.expression(), points, visible), landmarkRms(refined.pose(), refined.identity(),
            refined.expression(), points, visible));
        stagesMs.put("guard", ms(g0, System.nanoTime()));
        return new Face(face, decision.keptRefinement() ? refinedFit : fallback, landmarkFit, refined, occlusion,
            decision, stagesMs);
    }

    /** Flags of the 68 landmarks not in {@code occluded}. */
    private static boolean[] visible(int[] occluded) {
        boolean[] v = new boolean[68];
        java.util.Arrays.fill(v, true);
        for (int k : occluded) {
            v[k] = false;
        }
        return v;
    }

    /**
     * RMS (px) of the model's 68 landmark vertices under a pose against detected points (no detector offsets), over
     * the landmarks flagged in {@code use} (null: all).
     */
    private double landmarkRms(io.face3d.core.geom.Pose pose, double[] identity, double[] expression, double[] points,
                               boolean[] use) {
        double[] uv = new double[136];
        pose.project(model.evaluate(identity, expression, model.landmarks68()), 68, uv);
        double s = 0;
        int n = 0;
        for (int k = 0; k < 68; k++) {
            if (use == null || use[k]) {
                s += Math.pow(uv[2 * k] - points[2 * k], 2) + Math.pow(uv[2 * k + 1] - points[2 * k + 1], 2);
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(s / n);
    }

    private LandmarkDetector detector() {
        return face3d.landmarkDetector(config.detector().id());
    }

    /**
     * Landmarks the other detector, run in the same face box, places elsewhere ({@link LandmarkAgreement}): treated
     * as occluded. None when the other detector's model is not installed.
     */
    private int[] disputed(RgbImage image, FaceLandmarks face) {
        try {
            FaceLandmarks second = face3d.landmarkDetector(config.detector().other().id()).detectInBox(image, face.box());
            return LandmarkAgreement.disputed(face.points(), second.points());
        } catch (Face3dException e) {
            return new int[0];
        }
    }

    /**
     * The refined face in the landmark fit's shape (one shape for both methods): pose, coefficients and reprojected
     * points from the photometric fit, residuals against the detected points recomputed.
     */
    private FitResult asFit(FitResult landmarkFit, PhotometricResult r, double[] detected) {
        double[] fitted = r.fittedPoints();
        double[] residuals = new double[68];
        for (int i = 0; i < 68; i++) {
            residuals[i] = Math.hypot(fitted[2 * i] - detected[2 * i], fitted[2 * i + 1] - detected[2 * i + 1]);
        }
        float[] l3 = model.evaluate(r.identity(), r.expression(), model.landmarks68());
        double[] landmarks3d = new double[l3.length];
        for (int i = 0; i < l3.length; i++) {
            landmarks3d[i] = l3[i];
        }
        Map<String, Double> timing = new LinkedHashMap<>(landmarkFit.timingMs());
        timing.put("photometric", r.millis());
        return new FitResult(r.pose(), r.identity(), r.expression(), fitted, landmarks3d, residuals,
            landmarkFit.weights(), model.landmarks68(), landmarkFit.iterations(), landmarkFit.converged(), timing);
    }

    private static double ms(long a, long b) {
        return (b - a) / 1e6;
    }
}
