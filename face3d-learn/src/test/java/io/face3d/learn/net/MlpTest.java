package io.face3d.learn.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MlpTest {
    static Mlp random(int[] sizes, Mlp.Activation act, int skipFrom, int skipTo, long seed) {
        Random r = new Random(seed);
        float[][] w = new float[sizes.length - 1][], b = new float[sizes.length - 1][];
        for (int k = 0; k < w.length; k++) {
            w[k] = new float[sizes[k] * sizes[k + 1]];
            b[k] = new float[sizes[k + 1]];
            for (int i = 0; i < w[k].length; i++) {
                w[k][i] = (float) r.nextGaussian() / (float) Math.sqrt(sizes[k]);
            }
            for (int i = 0; i < b[k].length; i++) {
                b[k][i] = (float) r.nextGaussian() * 0.1f;
            }
        }
        return new Mlp("t", sizes, act, skipFrom, skipTo, w, b);
    }

    @Test
    void forwardMatchesTheFormulaWithSkip() {
        // 1 -> 2 -> 2 -> 1, relu, skip from hidden 1 to hidden 2
        float[][] w = {{1, -1}, {1, 0, 0, 1}, {1, 1}};
        float[][] b = {{0, 0}, {0.5f, -10}, {0.25f}};
        Mlp m = new Mlp("x", new int[] {1, 2, 2, 1}, Mlp.Activation.RELU, 1, 2, w, b);
        // x = 2: h1 = (2, 0); h2 = relu(2.5, -10) + h1 = (4.5, 0); out = 4.5 + 0.25
        assertEquals(4.75f, m.forward(new float[] {2})[0], 1e-6);
        float[] code = new float[2];
        m.forward(new float[] {2}, 1, code, 1);
        assertArrayEquals(new float[] {2, 0}, code, 0);
        assertEquals(2 + 2 + 4 + 2 + 2 + 1, m.parameterCount());
    }

    @Test
    void batchEqualsRowByRowAndFilesRoundTrip(@TempDir Path dir) throws Exception {
        Mlp m = random(new int[] {6, 16, 16, 16, 16, 1}, Mlp.Activation.RELU, 1, 3, 4);
        Random r = new Random(5);
        float[] x = new float[6 * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] batch = new float[10];
        m.forward(x, 10, batch);
        MlpFiles.write(dir, m, null);
        Mlp back = MlpFiles.read(dir, "t");
        for (int row = 0; row < 10; row++) {
            float[] one = java.util.Arrays.copyOfRange(x, 6 * row, 6 * row + 6);
            assertEquals(batch[row], m.forward(one)[0], 0);
            assertEquals(batch[row], back.forward(one)[0], 0);
        }
        assertEquals(m.parameterCount(), back.parameterCount());
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Mlp("bad", new int[] {2, 3}, Mlp.Activation.RELU, -1, -1,
            new float[][] {new float[5]}, new float[][] {new float[3]}));
        assertThrows(IllegalArgumentException.class, () -> random(new int[] {2, 3, 4, 1}, Mlp.Activation.TANH, 1, 2, 1));
    }
}
