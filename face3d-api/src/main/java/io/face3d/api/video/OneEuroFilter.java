package io.face3d.api.video;

/**
 * The One Euro filter (Casiez, Roussel and Vogel, "1 Euro Filter: A Simple Speed-based Low-pass Filter for Noisy
 * Input in Interactive Systems", CHI 2012) on a vector of channels: a first-order low-pass whose cutoff rises with
 * the signal's speed, {@code cutoff = minCutoff + beta |dx/dt|}. Slow or still points are smoothed strongly (detector
 * jitter goes), fast ones hardly at all, so a blink (a lid moving at several eye heights per second) keeps its depth
 * and timing, which a fixed low-pass or a centred moving average would not. Each channel has its own speed.
 *
 * @param minCutoff cutoff at rest, Hz
 * @param beta      cutoff increase per unit of speed (Hz per unit/s of the channels' units)
 * @param dCutoff   cutoff of the speed estimate, Hz
 */
public record OneEuroFilter(double minCutoff, double beta, double dCutoff) {
    public OneEuroFilter {
        if (!(minCutoff > 0) || !(beta >= 0) || !(dCutoff > 0)) {
            throw new IllegalArgumentException("minCutoff and dCutoff must be > 0 Hz, beta >= 0");
        }
    }

    /** A running filter over {@code channels} values sampled every {@code 1 / rate} seconds. */
    public State start(int channels, double rate) {
        if (channels < 1 || !(rate > 0)) {
            throw new IllegalArgumentException("need at least one channel and a positive sample rate");
        }
        return new State(channels, 1 / rate);
    }

    /** The filter's memory; not thread-safe. */
    public final class State {
        private final double dt;
        private final double[] x;
        private final double[] dx;
        private boolean started;

        private State(int channels, double dt) {
            this.dt = dt;
            x = new double[channels];
            dx = new double[channels];
        }

        /** Forgets the past (e.g. after the face was lost and found again): the next sample passes unchanged. */
        public void reset() {
            started = false;
        }

        /** Filters one sample in place (its length is the channel count) and returns it. */
        public double[] filter(double[] sample) {
            if (sample.length != x.length) {
                throw new IllegalArgumentException("expected " + x.length + " channels, got " + sample.length);
            }
            if (!started) {
                System.arraycopy(sample, 0, x, 0, x.length);
                java.util.Arrays.fill(dx, 0);
                started = true;
                return sample;
            }
            double ad = alpha(dCutoff);
            for (int i = 0; i < x.length; i++) {
                double speed = (sample[i] - x[i]) / dt;
                dx[i] += ad * (speed - dx[i]);
                double a = alpha(minCutoff + beta * Math.abs(dx[i]));
                x[i] += a * (sample[i] - x[i]);
                sample[i] = x[i];
            }
            return sample;
        }

        /** Smoothing factor of a first-order low-pass with this cutoff at the sampling interval (the paper's eq. 1). */
        private double alpha(double cutoff) {
            double tau = 1 / (2 * Math.PI * cutoff);
            return 1 / (1 + tau / dt);
        }
    }
}
