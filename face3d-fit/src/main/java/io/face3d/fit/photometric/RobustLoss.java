package io.face3d.fit.photometric;

import java.util.Arrays;

/**
 * The penalty rho(r) on a vertex's colour residual norm r = ||I - rho E||, and its iteratively reweighted least
 * squares weight w(r) = rho'(r) / r (a Gauss-Newton step on sum_v A_v rho(r_v) solves the weighted squares
 * sum_v A_v w(r_v) r_v^2 / 2; Holland and Welsch 1977). The redescending penalties take a scale s, the median residual
 * norm over the samples ({@link #scale}); they are normalised so that w(0) = 1 / s, the weight the L2,1 norm gives a
 * residual of s, keeping the photometric term's balance against the landmark and prior terms.
 */
public enum RobustLoss {
    /** rho = r, the L2,1 norm of Deng et al. 2019: every pixel pulls with the same force. */
    L21 {
        @Override
        public double rho(double r, double s) {
            return r;
        }

        @Override
        public double weight(double r, double s) {
            return 1 / Math.max(r, FLOOR);
        }
    },
    /** Cauchy (Lorentzian): rho = (s / 2) log(1 + r^2 / s^2), a residual far above s pulls with force ~ s^2 / r. */
    CAUCHY {
        @Override
        public double rho(double r, double s) {
            return 0.5 * s * Math.log1p(r * r / (s * s));
        }

        @Override
        public double weight(double r, double s) {
            return s / (s * s + r * r);
        }
    },
    /**
     * Geman-McClure (Geman and McClure 1987): rho = (s / 2) r^2 / (s^2 + r^2), bounded: a residual far above s
     * (a highlight, a hair strand, a cast shadow) has almost no pull.
     */
    GEMAN_MCCLURE {
        @Override
        public double rho(double r, double s) {
            return 0.5 * s * r * r / (s * s + r * r);
        }

        @Override
        public double weight(double r, double s) {
            double d = s * s + r * r;
            return s * s * s / (d * d);
        }
    };

    /** Smallest residual norm and scale (colours in [0, 1]): keeps weights finite on a perfect fit. */
    public static final double FLOOR = 0.01;

    /** The penalty of residual norm r at scale s. */
    public abstract double rho(double r, double s);

    /** The IRLS weight rho'(r) / r at scale s. */
    public abstract double weight(double r, double s);

    /** The scale of a set of residual norms: their median (not below {@link #FLOOR}). */
    public static double scale(double[] norms, int count) {
        if (count == 0) {
            return FLOOR;
        }
        double[] s = Arrays.copyOf(norms, count);
        Arrays.sort(s);
        return Math.max(FLOOR, s[count / 2]);
    }
}
