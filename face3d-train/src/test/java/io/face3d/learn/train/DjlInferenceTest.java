package io.face3d.learn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.face3d.core.testing.TestModel;
import io.face3d.learn.LiftWeights;
import io.face3d.learn.Lifters;
import io.face3d.learn.net.Mlp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Plain-Java inference equals DJL's forward pass on the same weights; a tiny training run works end to end. */
class DjlInferenceTest {
    private static Engine engine;

    @BeforeAll
    static void loadEngineOffline() {
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            engine = null; // no offline natives on this machine: the comparison cannot run
        }
    }

    @Test
    void javaForwardMatchesDjlOnTheShippedNetworks() {
        assumeTrue(engine != null, "PyTorch engine not loadable offline");
        LiftWeights w = LiftWeights.shipped();
        Random r = new Random(11);
        try (NDManager m = engine.newBaseManager()) {
            for (Mlp mlp : new Mlp[] {w.depth(), w.canonical(), w.distance(), w.distanceEncoder(), w.distanceCanonical(),
                w.distanceRaw()}) {
                int rows = 5, in = mlp.inputSize(), out = mlp.outputSize();
                float[] x = new float[rows * in];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                }
                float[] java = new float[rows * out];
                mlp.forward(x, rows, java);
                float[] djl = new DjlMlp(m, mlp).forward(m.create(x, new Shape(rows, in))).toFloatArray();
                assertArrayEquals(djl, java, 1e-4f, mlp.name());
            }
        }
    }

    @Test
    void tinyTrainingRunWritesLoadableWeightsAndRepeatsBitForBit(@TempDir Path dir, @TempDir Path again) throws Exception {
        assumeTrue(engine != null, "PyTorch engine not loadable offline");
        LiftWeights w = new LiftTrainer(TestModel.get(), TrainConfig.smoke(3), s -> { }).train(dir, "test");
        new LiftTrainer(TestModel.get(), TrainConfig.smoke(3), s -> { }).train(again, "test");
        for (String name : new String[] {"depth", "canonical", "distance", "distance_encoder", "distance_canonical",
            "distance_raw"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(name + ".f32")), Files.readAllBytes(again.resolve(name + ".f32")),
                name + " differs between two runs with the same seed");
        }
        assertTrue(Files.size(dir.resolve("distance.f32")) > 0);
        LiftWeights back = LiftWeights.read(dir);
        assertEquals(w.depth().parameterCount(), back.depth().parameterCount());
        // the freshly trained networks run through the lifters (quality is not expected from a smoke run)
        float[] m = TestModel.get().evaluate(null, null, TestModel.get().landmarks68());
        assertArrayEquals(w.prior().landmarks(), back.prior().landmarks(), 1e-9);
        double[] uv = new double[136];
        for (int i = 0; i < 68; i++) {
            uv[2 * i] = 500 + 3 * m[3 * i];
            uv[2 * i + 1] = 500 - 3 * m[3 * i + 1];
        }
        assertEquals(204, Lifters.regress(back).lift(uv).points3d().length);
        assertEquals(204, Lifters.mds(back).lift(uv).points3d().length);
        try (NDManager mg = engine.newBaseManager()) {
            NDArray x = mg.ones(new Shape(2, 204));
            assertEquals(2 * 68, new DjlMlp(mg, back.depth()).forward(x).size());
        }
    }
}
