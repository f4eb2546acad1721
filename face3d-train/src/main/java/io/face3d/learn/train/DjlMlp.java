package io.face3d.learn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.face3d.learn.net.Mlp;

import java.util.Random;

/**
 * The architecture of {@link Mlp} on DJL NDArrays, for training: the same layer order, activation and skip
 * connection, weights [out][in]. Parameters are initialised in Java from a seeded {@link Random} (He uniform for
 * ReLU, Glorot uniform for tanh; zero biases) so a run does not depend on the engine's random generator.
 */
final class DjlMlp {
    private final String name;
    private final int[] sizes;
    private final Mlp.Activation activation;
    private final int skipFrom;
    private final int skipTo;
    private final NDArray[] weights;
    private final NDArray[] biases;

    DjlMlp(NDManager manager, String name, int[] sizes, Mlp.Activation activation, int skipFrom, int skipTo, Random rnd) {
        this(manager, initial(name, sizes, activation, skipFrom, skipTo, false, rnd));
    }

    /**
     * @param residual true: the output layer starts at zero, so a network that predicts a correction to a baseline
     *                 starts at the baseline (the other layers are initialised as usual)
     */
    DjlMlp(NDManager manager, String name, int[] sizes, Mlp.Activation activation, int skipFrom, int skipTo,
           boolean residual, Random rnd) {
        this(manager, initial(name, sizes, activation, skipFrom, skipTo, residual, rnd));
    }

    /** The parameters of an existing network (for tests comparing the Java and DJL forward passes). */
    DjlMlp(NDManager manager, Mlp mlp) {
        this.name = mlp.name();
        this.sizes = mlp.sizes();
        this.activation = mlp.activation();
        this.skipFrom = mlp.skipFrom();
        this.skipTo = mlp.skipTo();
        int layers = sizes.length - 1;
        weights = new NDArray[layers];
        biases = new NDArray[layers];
        for (int k = 0; k < layers; k++) {
            weights[k] = manager.create(mlp.weights(k).clone(), new Shape(sizes[k + 1], sizes[k]));
            biases[k] = manager.create(mlp.biases(k).clone(), new Shape(sizes[k + 1]));
            weights[k].setRequiresGradient(true);
            biases[k].setRequiresGradient(true);
        }
    }

    private static Mlp initial(String name, int[] sizes, Mlp.Activation act, int skipFrom, int skipTo, boolean residual,
                               Random rnd) {
        int layers = sizes.length - 1;
        float[][] w = new float[layers][], b = new float[layers][];
        for (int k = 0; k < layers; k++) {
            int in = sizes[k], out = sizes[k + 1];
            double a = act == Mlp.Activation.RELU && k < layers - 1 ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
            if (residual && k == layers - 1) {
                a = 0;
            }
            w[k] = new float[in * out];
            for (int i = 0; i < w[k].length; i++) {
                w[k][i] = (float) (a * (2 * rnd.nextDouble() - 1));
            }
            b[k] = new float[out];
        }
        return new Mlp(name, sizes, act, skipFrom, skipTo, w, b);
    }

    /** Forward pass of a batch (rows of x). */
    NDArray forward(NDArray x) {
        int layers = sizes.length - 1;
        NDArray h = x, skip = null;
        for (int k = 0; k < layers; k++) {
            NDArray z = h.matMul(weights[k].transpose()).add(biases[k]);
            int layer = k + 1;
            if (layer < layers) {
                z = activation == Mlp.Activation.RELU ? Activation.relu(z) : Activation.tanh(z);
                if (layer == skipTo) {
                    z = z.add(skip);
                }
                if (layer == skipFrom) {
                    skip = z;
                }
            }
            h = z;
        }
        return h;
    }

    int inputSize() {
        return sizes[0];
    }

    NDArray[] parameters() {
        NDArray[] p = new NDArray[2 * weights.length];
        for (int k = 0; k < weights.length; k++) {
            p[2 * k] = weights[k];
            p[2 * k + 1] = biases[k];
        }
        return p;
    }

    /** The current parameters as a plain-Java network. */
    Mlp toMlp() {
        int layers = sizes.length - 1;
        float[][] w = new float[layers][], b = new float[layers][];
        for (int k = 0; k < layers; k++) {
            w[k] = weights[k].toFloatArray();
            b[k] = biases[k].toFloatArray();
        }
        return new Mlp(name, sizes, activation, skipFrom, skipTo, w, b);
    }
}
