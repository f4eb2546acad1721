package io.face3d.bench;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.fit.landmark.SyntheticFaces;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * CPU time of one 68-point fit (thread CPU time, so a machine shared with other jobs does not inflate it, unlike
 * the wall time JMH reports): {@code java -cp ... io.face3d.bench.FitCpuTime [rounds]}. Same inputs as
 * {@link LandmarkFitBenchmark}; prints the last of several warm rounds.
 */
public final class FitCpuTime {
    private FitCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        SyntheticFaces gen = new SyntheticFaces(model);
        Random rnd = new Random(42);
        LandmarkObservation[] inputs = new LandmarkObservation[32];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = gen.draw(rnd, NoiseModel.DETECTOR_LIKE, 4).observation();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String name : new String[] {"default", "plain"}) {
            LandmarkFitter fitter = LandmarkFitter.create(model,
                name.equals("plain") ? FitConfig.plainBaseline(NoiseModel.DETECTOR_LIKE) : FitConfig.defaults());
            double cpu = 0, wall = 0, iterations = 0;
            for (int r = 0; r < rounds; r++) {
                long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                iterations = 0;
                for (LandmarkObservation o : inputs) {
                    iterations += fitter.fit(o).iterations();
                }
                cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / inputs.length;
                wall = (System.nanoTime() - t0) / 1e6 / inputs.length;
            }
            System.out.printf(Locale.ROOT, "%s: %.2f ms CPU per fit (wall %.2f ms), %.2f iterations%n", name, cpu, wall,
                iterations / inputs.length);
        }
    }
}
