package io.face3d.fit.landmark;

/**
 * Landmark noise of a detector: one standard deviation per landmark group, as a fraction of the inter-ocular
 * distance (outer eye corners 36-45; measured on the model's scale, s * IOD_3D, so it does not shrink with yaw).
 * The fitter derives every point's weight and the strength of the identity prior from these numbers (MAP:
 * minimise sum_i ||r_i||^2 / sigma_i^2 + ||alpha||^2), so a noisier detector automatically gets a stronger prior;
 * with noise calibration on ({@link FitConfig#calibrateNoise}) they are only the start of the estimate.
 *
 * <p>The detectors' figures are EFFECTIVE sigmas, 3 x the robust spread measured by {@code face3d bench detectors}
 * (their errors are largely systematic, i.e. shared across faces, which an independent-noise fit would read as
 * identity); how they were chosen and what was measured: docs/decisions/fit-detector-noise.md.
 *
 * @param name  short name (clean, detector-like, dlib, mediapipe ...)
 * @param jaw   iBUG 0-16
 * @param brows iBUG 17-26
 * @param nose  iBUG 27-35
 * @param eyes  iBUG 36-47
 * @param mouth iBUG 48-67
 * @param dense the 468 FaceMesh points, when given
 * @param bias  the detector's systematic offsets from the model's vertices ({@link DetectorBias}), or null (the
 *              synthetic benchmark levels, whose points lie on the vertices)
 */
public record NoiseModel(String name, double jaw, double brows, double nose, double eyes, double mouth, double dense,
                         DetectorBias bias) {

    /** The fit benchmark's clean level: 0.5% IOD everywhere. */
    public static final NoiseModel CLEAN = uniform("clean", 0.005);
    /**
     * The synthetic benchmarks' detector-like level (5% IOD, jaw 10%), not a measurement of any detector; also the
     * default start of the noise estimate ({@link FitConfig#defaults()}).
     */
    public static final NoiseModel DETECTOR_LIKE = new NoiseModel("detector-like", 0.10, 0.05, 0.05, 0.05, 0.05, 0.05,
        null);
    /**
     * dlib's points as the detector delivers them (its box from MediaPipe's points through dlib's mean shape):
     * 3 x the measured robust spread, with its calibrated offsets; {@code named("dlib")}.
     */
    public static final NoiseModel DLIB = new NoiseModel("dlib", 0.294, 0.258, 0.129, 0.084, 0.129, 0.05,
        DetectorBias.shipped("dlib"));
    /** MediaPipe FaceMesh 68 + 468: 3 x the measured spread, the dense points 25 x; {@code named("mediapipe")}. */
    public static final NoiseModel MEDIAPIPE = new NoiseModel("mediapipe", 0.285, 0.195, 0.126, 0.066, 0.099, 0.875,
        DetectorBias.shipped("mediapipe"));

    public NoiseModel {
        for (double s : new double[] {jaw, brows, nose, eyes, mouth, dense}) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("noise sigmas must be positive fractions of the IOD, got " + s);
            }
        }
    }

    public static NoiseModel uniform(String name, double sigma) {
        return new NoiseModel(name, sigma, sigma, sigma, sigma, sigma, sigma, null);
    }

    /** The named model: clean, dlib or mediapipe. */
    public static NoiseModel named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "clean" -> CLEAN;
            case "dlib" -> DLIB;
            case "mediapipe" -> MEDIAPIPE;
            default -> throw new io.face3d.core.Face3dException("unknown noise model '" + name
                + "': use clean, dlib or mediapipe");
        };
    }

    /**
     * The same sigmas without the detector's calibrated offsets: for synthetic points that lie on the model's
     * vertices but carry a detector's noise level (the fit benchmark's dense table).
     */
    public NoiseModel withoutBias() {
        return new NoiseModel(name, jaw, brows, nose, eyes, mouth, dense, null);
    }

    /** Sigma (fraction of IOD) of iBUG landmark k. */
    public double sigma68(int k) {
        if (k < 17) {
            return jaw;
        } else if (k < 27) {
            return brows;
        } else if (k < 36) {
            return nose;
        } else if (k < 48) {
            return eyes;
        }
        return mouth;
    }
}
