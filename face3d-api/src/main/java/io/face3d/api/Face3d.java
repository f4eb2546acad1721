package io.face3d.api;

import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.fit.multi.Aggregation;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;
import io.face3d.vision.LandmarkDetectors;
import io.face3d.core.image.RgbImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one entry point for Java users: built from a {@link Config}, it gives the morphable model, the
 * detectors, fitters and the reconstruction pipeline ({@link #reconstructor}). The command line is a thin layer over
 * this class. Thread-safe; create one and share it (the model is loaded once, lazily).
 *
 * <pre>{@code
 * Face3d face3d = Face3d.create(Face3d.Config.defaults());
 * MorphableModel model = face3d.model();
 * float[] face = model.evaluate(null, null, Region.FACE);
 * }</pre>
 */
public final class Face3d {
    private final Config config;
    private volatile MorphableModel model;
    private final Map<String, LandmarkDetector> detectors = new ConcurrentHashMap<>();
    private final Map<FitConfig, LandmarkFitter> fitters = new ConcurrentHashMap<>();
    private final Map<ReconstructConfig, Reconstructor> reconstructors = new ConcurrentHashMap<>();

    private Face3d(Config config) {
        this.config = config;
    }

    public static Face3d create(Config config) {
        return new Face3d(Objects.requireNonNull(config, "config"));
    }

    public Config config() {
        return config;
    }

    /** The morphable model, loaded on first use. */
    public MorphableModel model() {
        MorphableModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    Path dir = config.modelDir() != null ? config.modelDir() : config.assets().locateIct();
                    model = m = MorphableModel.load(dir);
                }
            }
        }
        return m;
    }

    /** The landmark detector of that name ("mediapipe" or "dlib"), created once and shared. */
    public LandmarkDetector landmarkDetector(String name) {
        LandmarkDetectors.Config c = new LandmarkDetectors.Config(name, config.assets(), 0.5, 0.5, 40);
        return detectors.computeIfAbsent(c.detector(), n -> LandmarkDetectors.create(c));
    }

    /**
     * The fit settings that suit a detector: its measured landmark noise sets the point weights and the strength
     * of the identity prior (a fit tuned for clean points over-fits real detectors' points), and its calibrated
     * offsets ({@link io.face3d.fit.landmark.DetectorBias}) its convention. The jaw is not marched to the outline:
     * these detectors' jaw points follow their own convention (FaceMesh's face-oval vertices; dlib's trained
     * shape), which a fixed vertex plus its calibrated offset models better. Measured on the tuning renders
     * ({@code face3d bench renders --size 40 --seed 3000}, MediaPipe 68 points, perspective): dense RMSE 3.99 mm
     * and rotation error 4.8 degrees with the offsets, 4.04 mm and 5.7 degrees with marching; mean face 4.25 mm.
     * The noise is taken as measured, not estimated from the residuals: these detectors' errors are systematic
     * (shared across points), which the residuals of one photo cannot tell from identity; with the estimate on, the
     * MediaPipe fit of 3 photo-like renders (RenderedFitTest) was 4.78 mm against the mean face's 4.53.
     */
    public static FitConfig fitConfigFor(String detector) {
        return FitConfig.defaults().withNoise(NoiseModel.named(detector)).withContour(false)
            .withNoiseCalibration(false);
    }

    /**
     * The fitter for a configuration, built once and shared (fitters are thread-safe; building one gathers the model
     * basis at the landmark, jaw-band and FaceMesh vertices, which is not per-face work).
     */
    public LandmarkFitter landmarkFitter(FitConfig fitConfig) {
        return fitters.computeIfAbsent(fitConfig, c -> LandmarkFitter.create(model(), c));
    }

    /**
     * The reconstruction pipeline for a configuration, built once and shared (detect -> landmark fit -> photometric
     * refinement, occlusion, cross-check as configured).
     */
    public Reconstructor reconstructor(ReconstructConfig reconstructConfig) {
        return reconstructors.computeIfAbsent(reconstructConfig, c -> new Reconstructor(this, c));
    }

    /**
     * Detects every face of a photo and fits the model to each with the production settings
     * ({@link ReconstructConfig#defaults()}: MediaPipe, landmark method, perspective camera), best detection first.
     */
    public List<Reconstructor.Face> reconstruct(RgbImage image) {
        return reconstructor(ReconstructConfig.defaults()).reconstruct(image).faces();
    }

    /**
     * Several photos of one person: the largest face of each photo, one identity shared by all (its prior
     * counted once), pose and expression per photo.
     *
     * @throws Face3dException naming the photo when one has no face
     */
    public JointFitResult reconstructPerson(List<RgbImage> images, List<String> names, String detector,
                                            FitConfig fitConfig, List<FaceLandmarks> found) {
        return reconstructPerson(images, names, detector, fitConfig, Aggregation.JOINT, found);
    }

    /**
     * As above, with the identity made from the photos by {@code aggregation} (JOINT: the joint fit; EVIDENCE, MEAN,
     * KMEANS: per-photo fits combined; see {@link Aggregation}).
     */
    public JointFitResult reconstructPerson(List<RgbImage> images, List<String> names, String detector,
                                            FitConfig fitConfig, Aggregation aggregation, List<FaceLandmarks> found) {
        List<LandmarkObservation> obs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            FaceLandmarks f = largestFace(images.get(i), detector)
                .orElseThrow(noFace(names.get(i)));
            found.add(f);
            obs.add(observation(f, images.get(i)));
        }
        return aggregation.aggregate(model(), fitConfig, landmarkFitter(fitConfig), obs);
    }

    private static java.util.function.Supplier<Face3dException> noFace(String name) {
        return () -> new Face3dException("no face found in " + name + ": give a photo where the face is visible "
            + "and at least 40 pixels wide");
    }

    /** The largest face the detector finds in a photo, if any. */
    public java.util.Optional<FaceLandmarks> largestFace(RgbImage image, String detector) {
        return landmarkDetector(detector).detect(image).stream()
            .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()));
    }

    /**
     * The fitter's input for a detected face: its 68 points. FaceMesh's 468 points are left out of the photo
     * pipeline: with their measured error (NoiseModel.MEDIAPIPE) they do not change the median dense error on
     * photo-like renders (4.38 mm with and without, {@code face3d bench renders}) but take 60-70 ms more per fit.
     * {@link #observationWithDense} keeps them; {@code face3d fit} uses them when a landmark file has them.
     */
    public static LandmarkObservation observation(FaceLandmarks f, RgbImage image) {
        return new LandmarkObservation(f.points(), null, null, image.width(), image.height());
    }

    /** As {@link #observation} with FaceMesh's 468 points when the detector gave them. */
    public static LandmarkObservation observationWithDense(FaceLandmarks f, RgbImage image) {
        return new LandmarkObservation(f.points(), null, f.dense(), image.width(), image.height());
    }

    /**
     * Settings of a {@link Face3d}; validated on construction.
     *
     * @param assets   where model assets live ({@code $FACE3D_HOME/models})
     * @param modelDir an explicit compact ICT model folder, or null to locate it through {@code assets}
     * @param threads  worker threads for batches of images or faces (at least 1)
     */
    public record Config(ModelAssets assets, Path modelDir, int threads) {
        public Config {
            Objects.requireNonNull(assets, "assets");
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }

        public static Config defaults() {
            return new Config(ModelAssets.defaults(), null, Runtime.getRuntime().availableProcessors());
        }

        public Config withModelDir(Path dir) {
            return new Config(assets, dir, threads);
        }

        public Config withThreads(int n) {
            return new Config(assets, modelDir, n);
        }
    }
}
