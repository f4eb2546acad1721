package io.face3d.fit.landmark;

/**
 * Landmark noise of a detector: one standard deviation per landmark group, as a fraction of the inter-ocular
 * distance (outer eye corners 36-45; measured on the model's scale, s * IOD_3D, so it does not shrink with yaw).
 * The fitter derives every point's weight and the strength of the identity prior from these numbers (MAP:
 * minimise sum_i ||r_i||^2 / sigma_i^2 + ||alpha||^2), so a noisier detector automatically gets a stronger prior.
 *
 * <p>The figures below are the ONE place where detector noise lives. They are provisional: dlib's come from
 * issue #5 (points about 5% IOD from the true landmarks on faces rendered from the model, 10% on the jaw);
 * MediaPipe's have not been measured yet and reuse dlib's; replace them when the detector benchmark measures them.
 *
 * @param name  short name (clean, dlib, mediapipe ...)
 * @param jaw   iBUG 0-16
 * @param brows iBUG 17-26
 * @param nose  iBUG 27-35
 * @param eyes  iBUG 36-47
 * @param mouth iBUG 48-67
 * @param dense the 468 FaceMesh points, when given
 */
public record NoiseModel(String name, double jaw, double brows, double nose, double eyes, double mouth, double dense) {

    /** Synthetic benchmark level of issue #5: 0.5% IOD everywhere. */
    public static final NoiseModel CLEAN = uniform("clean", 0.005);
    /** dlib 68-point shape predictor (issue #5 figures: 5% IOD, jaw 10%). */
    public static final NoiseModel DLIB = new NoiseModel("dlib", 0.10, 0.05, 0.05, 0.05, 0.05, 0.05);
    /** MediaPipe FaceMesh: not measured yet, provisionally dlib's figures. */
    public static final NoiseModel MEDIAPIPE = new NoiseModel("mediapipe", 0.10, 0.05, 0.05, 0.05, 0.05, 0.05);

    public NoiseModel {
        for (double s : new double[] {jaw, brows, nose, eyes, mouth, dense}) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("noise sigmas must be positive fractions of the IOD, got " + s);
            }
        }
    }

    public static NoiseModel uniform(String name, double sigma) {
        return new NoiseModel(name, sigma, sigma, sigma, sigma, sigma, sigma);
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
