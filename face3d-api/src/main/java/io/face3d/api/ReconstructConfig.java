package io.face3d.api;

import io.face3d.core.Face3dException;
import io.face3d.core.geom.Pose;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.occlusion.OcclusionConfig;
import io.face3d.fit.photometric.PhotometricConfig;
import io.face3d.fit.photometric.RefinementGuard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Reconstructor} does with a photo; validated on construction. {@link #defaults()} are the production
 * settings ({@code face3d reconstruct} without options).
 *
 * @param detector     the landmark detector
 * @param method       landmark fit only, or refined photometrically
 * @param camera       camera model of the landmark fit (the photometric refinement keeps the fit's camera)
 * @param focal        perspective focal length in pixels, or NaN to estimate it; must be NaN with SOP
 * @param occlusion    photometric method: segment occluders and fit around them; false trusts every pixel
 * @param crossCheck   with occlusion: landmarks the other detector, run in the same box, places elsewhere count as
 *                     occluded (skipped when the other detector's model is not installed)
 * @param photometric  settings of the photometric refinement
 * @param occlusionFit settings of the occlusion-aware loop
 * @param guard        when a photometric refinement replaces the landmark fit ({@link RefinementGuard})
 */
public record ReconstructConfig(Detector detector, Method method, Pose.Camera camera, double focal, boolean occlusion,
                                boolean crossCheck, PhotometricConfig photometric, OcclusionConfig occlusionFit,
                                RefinementGuard.Config guard) {
    /** Landmark detectors a reconstruction can use. */
    public enum Detector {
        /** MediaPipe BlazeFace + FaceMesh (468 points, 68 derived); Apache-2.0 model. */
        MEDIAPIPE,
        /** dlib's 68-point ensemble of regression trees in a box from MediaPipe; non-commercial model. */
        DLIB;

        /** The lower-case name the vision module and the command line use. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The detector checked against this one in the occlusion cross-check. */
        public Detector other() {
            return this == DLIB ? MEDIAPIPE : DLIB;
        }

        public static Detector parse(String name) {
            return parseEnum(Detector.class, name, "detector");
        }
    }

    /** How the model is fitted. */
    public enum Method {
        /** To the detected landmarks (fast). */
        LANDMARKS,
        /** To the landmarks, then refined by analysis by synthesis on the photo's pixels. */
        PHOTOMETRIC;

        public static Method parse(String name) {
            return parseEnum(Method.class, name, "method");
        }
    }

    public ReconstructConfig {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(photometric, "photometric");
        Objects.requireNonNull(occlusionFit, "occlusionFit");
        Objects.requireNonNull(guard, "guard");
        if (!Double.isNaN(focal) && !(focal > 0 && Double.isFinite(focal))) {
            throw new Face3dException("the focal length must be a positive number of pixels, got " + focal);
        }
        if (!Double.isNaN(focal) && camera == Pose.Camera.SOP) {
            throw new Face3dException("a focal length needs the perspective camera");
        }
        if (method == Method.LANDMARKS && occlusion) {
            throw new Face3dException("occlusion handling goes with the photometric method");
        }
        if (crossCheck && !occlusion) {
            throw new Face3dException("the second-detector cross-check goes with occlusion handling");
        }
    }

    /**
     * The production settings: MediaPipe, landmark method, perspective camera with the focal estimated (photos are
     * perspective; on photo-like renders the perspective fit was better than SOP in dense RMSE and rotation, see
     * docs/decisions/fit-camera.md), {@link PhotometricConfig#perPhoto()} and {@link OcclusionConfig#defaults()} for
     * the photometric method, {@link RefinementGuard.Config#defaults()}.
     */
    public static ReconstructConfig defaults() {
        return new ReconstructConfig(Detector.MEDIAPIPE, Method.LANDMARKS, Pose.Camera.PERSPECTIVE, Double.NaN, false,
            false, PhotometricConfig.perPhoto(), OcclusionConfig.defaults(), RefinementGuard.Config.defaults());
    }

    public ReconstructConfig withDetector(Detector d) {
        return new ReconstructConfig(d, method, camera, focal, occlusion, crossCheck, photometric, occlusionFit, guard);
    }

    /** The method; PHOTOMETRIC turns occlusion handling and the cross-check on, LANDMARKS off (the production pair). */
    public ReconstructConfig withMethod(Method m) {
        boolean aware = m == Method.PHOTOMETRIC;
        return new ReconstructConfig(detector, m, camera, focal, aware, aware, photometric, occlusionFit, guard);
    }

    /** The camera; {@code focal} NaN to estimate it. */
    public ReconstructConfig withCamera(Pose.Camera c, double f) {
        return new ReconstructConfig(detector, method, c, f, occlusion, crossCheck, photometric, occlusionFit, guard);
    }

    /** Occlusion handling on or off (off also turns the cross-check off). */
    public ReconstructConfig withOcclusion(boolean on) {
        return new ReconstructConfig(detector, method, camera, focal, on, on && crossCheck, photometric, occlusionFit, guard);
    }

    /** The guard's thresholds ({@link RefinementGuard.Config#off()} keeps every refinement). */
    public ReconstructConfig withGuard(RefinementGuard.Config g) {
        return new ReconstructConfig(detector, method, camera, focal, occlusion, crossCheck, photometric, occlusionFit, g);
    }

    /** The photometric refinement's settings. */
    public ReconstructConfig withPhotometric(PhotometricConfig p) {
        return new ReconstructConfig(detector, method, camera, focal, occlusion, crossCheck, p, occlusionFit, guard);
    }

    public ReconstructConfig withCrossCheck(boolean on) {
        return new ReconstructConfig(detector, method, camera, focal, occlusion, on, photometric, occlusionFit, guard);
    }

    /**
     * The landmark fit's settings for this detector and camera: the detector's measured landmark noise sets the point
     * weights and the identity prior's strength, its calibrated offsets its convention ({@link Face3d#fitConfigFor}).
     */
    public FitConfig landmarkFit() {
        return Face3d.fitConfigFor(detector.id()).withCamera(camera, focal);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return e;
            }
        }
        throw new Face3dException("unknown " + what + " '" + name + "': use one of "
            + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }
}
