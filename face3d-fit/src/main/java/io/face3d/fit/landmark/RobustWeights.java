package io.face3d.fit.landmark;

import java.util.Arrays;

/** Iteratively reweighted least squares: the landmark fit's per-point robust weights from its residuals. */
final class RobustWeights {
    /** Median of the Rayleigh(1) distribution: the norm of a 2D residual with unit per-axis noise. */
    static final double RAYLEIGH_MEDIAN = 1.1774;
    /**
     * With the noise calibrated, jaw points get Tukey's biweight at this many robust spreads of the jaw's own
     * residuals instead of Huber: a point whose convention the model's outline cannot explain (the cheek edge in
     * front of the ear of a turned head, a hidden jaw) is dropped rather than inflating the jaw's sigma for every
     * other jaw point. Measured on the conventions of `bench fit` (40 faces, tuning seed 101, 0.5% noise): dense
     * 2.84 / 3.03 mm (nearest silhouette / arc length) with Huber, 2.46 / 2.86 with this; 4.685 (the usual 95%
     * efficiency constant) 2.64 / 2.99.
     */
    private static final double JAW_TUKEY = 3;

    private RobustWeights() {
    }

    /**
     * IRLS weights from the normalised residuals e_i = ||r_i|| / sigma_i, scaled by a robust spread estimate
     * tau = max(1, median(e) / median of Rayleigh(1)) so that a poor early fit (every residual large) is not read
     * as all outliers. Huber: w = min(1, k / (e / tau)); Tukey biweight: w = (1 - (e / (k tau))^2)^2, 0 beyond.
     */
    static void update(FitFrame f, FitConfig config) {
        double[] e = new double[f.n];
        double[] uv = f.project();
        double[] r = new double[2], ax = new double[4];
        for (int i = 0; i < f.n; i++) {
            f.normalisedResidual(i, uv, ax, r);
            e[i] = Math.hypot(r[0], r[1]);
        }
        double[] sorted = e.clone();
        Arrays.sort(sorted);
        double tau = Math.max(1, sorted[f.n / 2] / RAYLEIGH_MEDIAN);
        double k = config.robustK();
        double[] jaw = Arrays.copyOf(e, 17);
        Arrays.sort(jaw);
        double tauJaw = Math.max(1, jaw[8] / RAYLEIGH_MEDIAN);
        for (int i = 0; i < f.n; i++) {
            double u = e[i] / tau;
            if (i < 17 && config.calibrateNoise() && config.robust() != FitConfig.Robust.NONE) {
                double uj = e[i] / tauJaw;
                f.robustW[i] = uj >= JAW_TUKEY ? 0 : Math.pow(1 - (uj / JAW_TUKEY) * (uj / JAW_TUKEY), 2);
                continue;
            }
            f.robustW[i] = switch (config.robust()) {
                case HUBER -> u <= k ? 1 : k / u;
                case TUKEY -> u >= k ? 0 : Math.pow(1 - (u / k) * (u / k), 2);
                case NONE -> 1;
            };
        }
    }
}
