package io.face3d.fit.photometric;

/**
 * Whether a photometric refinement may replace the landmark fit it started from: only where the photo's own
 * evidence says it helped. The refinement is kept when (a) its landmarks stay near the detected points (RMS at
 * most {@link Config#maxLandmarkRatio} times the landmark fit's), (b) the photometric loss at the finest level
 * dropped by at least {@link Config#minLossDrop} of the start's (light and albedo solved for both), and (c) the
 * identity stays within the prior's range (||alpha||^2 of the N(0, 1) coefficients at most
 * {@link Config#maxIdentityNorm2}, a chi-square quantile). Otherwise the landmark fit stands.
 */
public final class RefinementGuard {
    private final Config config;

    /**
     * Thresholds.
     *
     * @param maxLandmarkRatio largest landmark RMS (refined / landmark fit, against the detected points)
     * @param minLossDrop      smallest relative drop of the photometric loss, start to end, below 1 (negative: a rise is tolerated)
     * @param maxIdentityNorm2 largest squared norm of the identity coefficients
     */
    public record Config(double maxLandmarkRatio, double minLossDrop, double maxIdentityNorm2) {
        public Config {
            if (!(maxLandmarkRatio >= 1) || !(minLossDrop < 1) || !(maxIdentityNorm2 > 0)) {
                throw new IllegalArgumentException("guard thresholds: maxLandmarkRatio >= 1, minLossDrop < 1, "
                    + "maxIdentityNorm2 > 0");
            }
        }

        /**
         * Landmark RMS at most 1.05 x the landmark fit's, the loss must drop 15%, identity within the 99.9% quantile
         * of chi-square with 100 degrees of freedom (149.4). Chosen on the tuning donors of {@code bench skin-tuning}
         * (seed 1; docs/decisions/photo-skin-benchmark-and-guard.md).
         */
        public static Config defaults() {
            return new Config(1.05, 0.15, 149.4);
        }

        /** Keeps every refinement (the unguarded method, for comparisons). */
        public static Config off() {
            return new Config(Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.MAX_VALUE);
        }
    }

    /**
     * The decision and its evidence.
     *
     * @param keptRefinement true if the refinement replaces the landmark fit
     * @param reason         "improved", or the first test that failed
     * @param landmarkRatio  landmark RMS refined / landmark fit
     * @param lossDrop       relative photometric loss drop (NaN when the start was not measured)
     * @param identityNorm2  ||alpha||^2 of the refined identity
     */
    public record Decision(boolean keptRefinement, String reason, double landmarkRatio, double lossDrop,
                           double identityNorm2) {
    }

    public RefinementGuard(Config config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /**
     * Decides.
     *
     * @param refined        the refinement
     * @param landmarkRmsFit landmark RMS (px) of the landmark fit against the detected points
     * @param landmarkRmsRef the same for the refinement (same landmark vertices and convention)
     */
    public Decision decide(PhotometricResult refined, double landmarkRmsFit, double landmarkRmsRef) {
        double ratio = landmarkRmsRef / Math.max(landmarkRmsFit, 1e-9);
        double drop = refined.startLoss() == null ? Double.NaN
            : 1 - refined.last().photometric() / Math.max(refined.startLoss().photometric(), 1e-12);
        double norm2 = 0;
        for (double a : refined.identity()) {
            norm2 += a * a;
        }
        String reason;
        if (!(ratio <= config.maxLandmarkRatio())) {
            reason = "landmarks moved away from the detected points";
        } else if (!Double.isNaN(drop) && !(drop >= config.minLossDrop())) {
            reason = "photometric loss did not drop enough";
        } else if (!(norm2 <= config.maxIdentityNorm2())) {
            reason = "identity outside the prior's range";
        } else {
            reason = "improved";
        }
        return new Decision(reason.equals("improved"), reason, ratio, drop, norm2);
    }
}
