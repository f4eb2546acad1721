package io.face3d.bench;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Speed targets for the ICT model: cold load to first evaluation (&lt; 300 ms), full face area
 * evaluation with all 157 coefficients non-zero (&lt; 2 ms), the 68 landmarks (&lt; 20 us). Coefficients are random
 * (identity ~ N(0, 1), every expression weight in (0, 1)), all non-zero, so no mode is skipped.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MorphableModelBench {
    private MorphableModel model;
    private double[] identity;
    private double[] expression;
    private int[] landmarks;

    private static Path modelDir() {
        return ModelAssets.defaults().locateIct();
    }

    private static double[][] coefficients(int identities, int expressions) {
        Random rnd = new Random(1);
        double[] id = new double[identities];
        double[] ex = new double[expressions];
        for (int i = 0; i < id.length; i++) {
            id[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < ex.length; i++) {
            ex[i] = 0.05 + 0.9 * rnd.nextDouble();
        }
        return new double[][] {id, ex};
    }

    @Setup
    public void setUp() {
        model = MorphableModel.load(modelDir());
        double[][] c = coefficients(model.identityCount(), model.expressionCount());
        identity = c[0];
        expression = c[1];
        landmarks = model.landmarks68();
    }

    /** A fresh JVM per measurement (fork): class loading, manifest parsing, mapping the arrays, one evaluation. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(15)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public float[] coldLoadToFirstEvaluation() {
        MorphableModel m = MorphableModel.load(modelDir());
        double[][] c = coefficients(m.identityCount(), m.expressionCount());
        return m.evaluate(c[0], c[1], Region.FACE);
    }

    @Benchmark
    public float[] evaluateFullFaceAll157() {
        return model.evaluate(identity, expression, Region.FACE);
    }

    @Benchmark
    public float[] evaluateLandmarks68() {
        return model.evaluate(identity, expression, landmarks);
    }
}
