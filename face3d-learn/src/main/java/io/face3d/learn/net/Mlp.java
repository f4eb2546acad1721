package io.face3d.learn.net;

import java.util.Arrays;

/**
 * A multilayer perceptron evaluated in plain Java on float arrays, so inference needs no PyTorch native library.
 *
 * <p>Layer k (1..L) maps {@code sizes[k-1]} values to {@code sizes[k]}: h_k = act(W_k h_{k-1} + b_k) for hidden
 * layers, the last layer is linear. With a skip connection (from, to), h_to += h_from after the activation
 * (a residual connection as in the Deep-MDS distance network); both layers must have the same width.
 * Weights are row-major [out][in]. {@link io.face3d.learn.train} trains the same architecture with DJL.
 */
public final class Mlp {
    public enum Activation { RELU, TANH }

    private final String name;
    private final int[] sizes;
    private final Activation activation;
    private final int skipFrom;
    private final int skipTo;
    private final float[][] weights;
    private final float[][] biases;

    /**
     * @param skipFrom hidden layer whose output is added, or -1 for none
     * @param skipTo   hidden layer (&gt; skipFrom) that receives it, or -1
     */
    public Mlp(String name, int[] sizes, Activation activation, int skipFrom, int skipTo, float[][] weights, float[][] biases) {
        int layers = sizes.length - 1;
        if (layers < 1 || weights.length != layers || biases.length != layers) {
            throw new IllegalArgumentException("an MLP needs sizes.length - 1 >= 1 weight and bias arrays");
        }
        for (int k = 0; k < layers; k++) {
            if (weights[k].length != sizes[k] * sizes[k + 1] || biases[k].length != sizes[k + 1]) {
                throw new IllegalArgumentException("layer " + (k + 1) + " of " + name + " has the wrong number of weights");
            }
        }
        if (skipTo >= 0 && (skipFrom < 1 || skipTo <= skipFrom || skipTo >= layers || sizes[skipFrom] != sizes[skipTo])) {
            throw new IllegalArgumentException("skip connection must join two hidden layers of equal width");
        }
        this.name = name;
        this.sizes = sizes.clone();
        this.activation = activation;
        this.skipFrom = skipTo >= 0 ? skipFrom : -1;
        this.skipTo = skipTo;
        this.weights = weights;
        this.biases = biases;
    }

    public String name() {
        return name;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public Activation activation() {
        return activation;
    }

    public int skipFrom() {
        return skipFrom;
    }

    public int skipTo() {
        return skipTo;
    }

    /** Weights of layer k (0-based), row-major [out][in]; a view, do not modify. */
    public float[] weights(int k) {
        return weights[k];
    }

    public float[] biases(int k) {
        return biases[k];
    }

    public int layerCount() {
        return sizes.length - 1;
    }

    public int parameterCount() {
        int c = 0;
        for (int k = 0; k < layerCount(); k++) {
            c += weights[k].length + biases[k].length;
        }
        return c;
    }

    /** One input vector to one output vector. */
    public float[] forward(float[] input) {
        float[] out = new float[outputSize()];
        forward(input, 1, out);
        return out;
    }

    /** {@code batch} inputs (rows of {@code input}) to {@code batch} outputs (rows of {@code output}). */
    public void forward(float[] input, int batch, float[] output) {
        forward(input, batch, output, layerCount());
    }

    /**
     * Like {@link #forward(float[], int, float[])} but stops after layer {@code upTo} (1..L) and writes its output
     * (after the activation for a hidden layer), e.g. an autoencoder's bottleneck code.
     */
    public void forward(float[] input, int batch, float[] output, int upTo) {
        if (upTo < 1 || upTo > layerCount()) {
            throw new IllegalArgumentException("layer " + upTo + " is not in 1.." + layerCount());
        }
        int width = sizes[upTo];
        if (input.length < batch * sizes[0] || output.length < batch * width) {
            throw new IllegalArgumentException(name + " expects " + sizes[0] + " inputs and " + width + " outputs per row");
        }
        int maxWidth = Arrays.stream(sizes).max().orElseThrow();
        float[] a = new float[maxWidth], b = new float[maxWidth], skip = skipFrom > 0 ? new float[sizes[skipFrom]] : null;
        int layers = layerCount();
        for (int r = 0; r < batch; r++) {
            System.arraycopy(input, r * sizes[0], a, 0, sizes[0]);
            for (int k = 0; k < upTo; k++) {
                int in = sizes[k], out = sizes[k + 1];
                float[] w = weights[k], bias = biases[k];
                boolean last = k == layers - 1;
                for (int o = 0; o < out; o++) {
                    float s = bias[o];
                    int row = o * in;
                    for (int i = 0; i < in; i++) {
                        s += w[row + i] * a[i];
                    }
                    b[o] = last ? s : activate(s);
                }
                int layer = k + 1;
                if (layer == skipTo) {
                    for (int o = 0; o < out; o++) {
                        b[o] += skip[o];
                    }
                }
                if (layer == skipFrom) {
                    System.arraycopy(b, 0, skip, 0, out);
                }
                float[] t = a;
                a = b;
                b = t;
            }
            System.arraycopy(a, 0, output, r * width, width);
        }
    }

    private float activate(float x) {
        return activation == Activation.RELU ? Math.max(0f, x) : (float) Math.tanh(x);
    }
}
