package io.face3d.fit.landmark;

/**
 * Landmark noise of a detector: one standard deviation per landmark group, as a fraction of the inter-ocular
 * distance (outer eye corners 36-45; measured on the model's scale, s * IOD_3D, so it does not shrink with yaw).
 * The fitter derives every point's weight and the strength of the identity prior from these numbers (MAP:
 * minimise sum_i ||r_i||^2 / sigma_i^2 + ||alpha||^2), so a noisier detector automatically gets a stronger prior.
 *
 * <p>The figures below are the ONE place where detector noise lives. MediaPipe's are EFFECTIVE sigmas: 3 x the robust
 * spread measured by {@code face3d bench detectors --size 150 --seed 1} (face3d-api DetectorNoiseBenchmark:
 * MediaPipe and dlib on 150 photo-like renders of model faces, yaw +-60, against the true projected landmarks; per
 * image axis 1.4826 x median |residual|, jaw as the perpendicular distance to the true outline). The measured
 * errors are mostly systematic (each detector's convention differs from the model's landmark vertices the same
 * way on every face, e.g. MediaPipe's brow contour), i.e. correlated across points, which a fit that treats them
 * as independent takes for identity: at the measured sigmas the fit to MediaPipe's points is worse than the mean
 * face (median dense RMSE 4.98 against 4.56 mm on 30 other renders, seeds 2000-2029), at 2x it ties, at 3x it wins
 * (4.38 mm); the factor 3 is that choice. The 468 dense points get 25x their measured 3.5%: their error (FaceMesh
 * plus the shipped FaceMesh-to-ICT correspondence) repeats face after face, and at 1-6x the fit was worse than the
 * mean face (4.8-7.7 mm against 4.56), at 10x it tied, at 25x (with FitConfig's FaceMesh depth sigma of 1 IOD) it
 * wins by a little; rebuilding the correspondence is what would let them count. Result: {@code face3d bench renders
 * --size 100 --seed 1}: MediaPipe fit 4.34 mm median dense RMSE against the mean face's 4.39 (better on 66/100
 * faces).
 *
 * <pre>
 * measured (1.4826 MAD, % IOD)   jaw   brows  nose  eyes  mouth  dense
 * mediapipe                      9.5   6.5    4.2   2.2   3.3    3.5
 * dlib (on MediaPipe's box)      11.5  21.0   13.3  10.1  10.5   -
 * </pre>
 *
 * @param name  short name (clean, dlib, mediapipe ...)
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

    /** Synthetic benchmark level of issue #5: 0.5% IOD everywhere. */
    public static final NoiseModel CLEAN = uniform("clean", 0.005);
    /**
     * dlib 68-point shape predictor (issue #5 figures: 5% IOD, jaw 10%). Not replaced by the measurement above: on
     * the renders dlib's points are far off (median 30-46% IOD on brows, nose, eyes, mouth; fits 35 degrees off in
     * rotation), which looks like a failure of the predictor on these images rather than noise; and this constant
     * is also the simulated noise level of the fit benchmark and tests.
     */
    public static final NoiseModel DLIB = new NoiseModel("dlib", 0.10, 0.05, 0.05, 0.05, 0.05, 0.05, null);
    /**
     * dlib's points as the detector actually delivers them (its box from MediaPipe's points through dlib's mean
     * shape): 3 x the robust spread measured by {@code face3d bench detectors --size 40 --seed 1} (jaw 9.8, brows 8.6,
     * nose 4.3, eyes 2.8, mouth 4.3 % IOD), the same factor as MediaPipe's and for the same reason (the errors are
     * largely shared across faces). {@link #DLIB} stays the simulated detector level for the synthetic
     * benchmarks; {@code named("dlib")}, what fits to real dlib output use, returns this one.
     */
    public static final NoiseModel DLIB_DETECTOR = new NoiseModel("dlib", 0.294, 0.258, 0.129, 0.084, 0.129, 0.05,
        DetectorBias.shipped("dlib"));
    /** MediaPipe FaceMesh 68 + 468: 3 x measured, dense 25 x (bench detectors, seed 1, 150 renders). */
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
            case "dlib" -> DLIB_DETECTOR;
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
