package io.face3d.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Progress inside one long piece of work (a photometric reconstruction, an assessment) on stderr: each step is
 * announced with an estimate of the time left, and a step that runs long is followed every {@link #TICK_SECONDS}
 * with the time so far. The estimate is the expected duration of the steps still to come: what that step took
 * before in this run ({@link Estimates}, shared by the inputs of a batch), else the prior measured on the example
 * photo. Each line starts with the time since the work began. An estimate, not a promise: the machine's load
 * changes it.
 */
final class Steps implements AutoCloseable {
    static final int TICK_SECONDS = 5;
    private static final boolean TERMINAL = Progress.terminal();
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "face3d-progress");
        t.setDaemon(true);
        return t;
    });

    /** Expected seconds per step: the mean of the times seen so far, else a prior. Thread-safe. */
    static final class Estimates {
        private final Map<String, Double> prior;
        private final Map<String, double[]> seen = new ConcurrentHashMap<>();

        Estimates(Map<String, Double> prior) {
            this.prior = Map.copyOf(prior);
        }

        double of(String step) {
            double[] s = seen.get(step);
            if (s != null) {
                synchronized (s) {
                    return s[0] / s[1];
                }
            }
            return prior.getOrDefault(step, 1.0);
        }

        void record(String step, double seconds) {
            double[] s = seen.computeIfAbsent(step, k -> new double[2]);
            synchronized (s) {
                s[0] += seconds;
                s[1]++;
            }
        }
    }

    private final PrintWriter err;
    private final String prefix;
    private final Estimates estimates;
    private final long begun = System.nanoTime();
    private final List<String> ahead = new ArrayList<>();
    private String step;
    private String label;
    private long stepStart;
    private ScheduledFuture<?> ticking;

    Steps(PrintWriter err, String prefix, Estimates estimates) {
        this.err = err;
        this.prefix = prefix;
        this.estimates = estimates;
    }

    /** The steps still to come after the present one, in order (a name may repeat: one per face). */
    synchronized Steps plan(List<String> steps) {
        ahead.clear();
        ahead.addAll(steps);
        return this;
    }

    /** Ends the present step and starts {@code name} (taken off the plan), announced as {@code what}. */
    synchronized void start(String name, String what) {
        end();
        ahead.remove(name);
        step = name;
        label = what;
        stepStart = System.nanoTime();
        line(what + "... (" + left(0) + ")");
        ticking = TICKER.scheduleAtFixedRate(this::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    /** Says what the present step is doing now (e.g. "frame 120 of 250"); shown at the next tick. */
    synchronized void relabel(String what) {
        label = what;
    }

    @Override
    public synchronized void close() {
        end();
    }

    private synchronized void tick() {
        if (step == null) {
            return;
        }
        double s = seconds(stepStart);
        line(label + String.format(Locale.ROOT, ", %.0f s so far (", s) + left(s) + ")");
    }

    private void end() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        if (step != null) {
            estimates.record(step, seconds(stepStart));
            step = null;
        }
    }

    /** "about 12 s left" from the present step's expected rest (after {@code spent} s) and the steps ahead. */
    private String left(double spent) {
        double rest = Math.max(0, estimates.of(step) - spent);
        for (String s : ahead) {
            rest += estimates.of(s);
        }
        return spent > estimates.of(step) && ahead.isEmpty() ? "taking longer than estimated" : about(rest);
    }

    private void line(String text) {
        // in a terminal the batch's bar may stand on the line: cleared first, redrawn by the next input's end
        err.println((TERMINAL ? "\r\033[K" : "") + prefix + String.format(Locale.ROOT, " [%.1f s]: ", seconds(begun))
            + text);
        err.flush();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** A time left as a user reads it: "about 8 s left", "about 3 min left". */
    static String about(double seconds) {
        if (seconds < 1) {
            return "about 1 s left";
        }
        return seconds < 90 ? String.format(Locale.ROOT, "about %.0f s left", seconds)
            : String.format(Locale.ROOT, "about %.0f min left", seconds / 60);
    }
}
