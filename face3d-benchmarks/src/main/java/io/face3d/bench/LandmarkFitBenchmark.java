package io.face3d.bench;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.fit.landmark.SyntheticFaces;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One 68-point landmark fit (issue #5 item 4: mean under 20 ms on one core). The faces are the benchmark's
 * distribution (any yaw, 0-4 expressions, dlib-like noise), cycled so the JIT cannot specialise on one input.
 * Run: {@code java -cp face3d-benchmarks/target/classes:$(deps) org.openjdk.jmh.Main LandmarkFitBenchmark -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LandmarkFitBenchmark {
    @Param({"default", "plain"})
    public String config;

    private LandmarkFitter fitter;
    private LandmarkObservation[] inputs;
    private int next;

    @Setup
    public void setup() {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        FitConfig c = config.equals("plain") ? FitConfig.plainBaseline(NoiseModel.DETECTOR_LIKE) : FitConfig.defaults();
        fitter = LandmarkFitter.create(model, c);
        SyntheticFaces gen = new SyntheticFaces(model);
        Random rnd = new Random(42);
        inputs = new LandmarkObservation[32];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = gen.draw(rnd, NoiseModel.DETECTOR_LIKE, 4).observation();
        }
    }

    @Benchmark
    public FitResult fit68() {
        next = (next + 1) % inputs.length;
        return fitter.fit(inputs[next]);
    }
}
