package io.face3d.learn;

import io.face3d.learn.net.Mlp;

/**
 * Depth regression (the 3D head of ParFace-Net, 2023, as a small MLP). The network reads the 136 normalised
 * coordinates and the 68 depths of the mean face aligned to them, and predicts the correction to those depths
 * (residual learning: the network does not have to learn the average face first).
 */
public final class RegressLifter extends DepthLifter {
    private final Mlp net;
    private final MeanFacePrior prior;

    public RegressLifter(Mlp net, MeanFacePrior prior) {
        if (net.inputSize() != 3 * POINTS || net.outputSize() != POINTS) {
            throw new IllegalArgumentException("the depth network must map 204 values to 68");
        }
        this.net = net;
        this.prior = prior;
    }

    /** The network's input: normalised x, y (136) then the aligned mean face's depth (68). */
    public static float[] input(double[] normalised, double[] priorDepth) {
        float[] in = new float[normalised.length + priorDepth.length];
        for (int i = 0; i < normalised.length; i++) {
            in[i] = (float) normalised[i];
        }
        for (int i = 0; i < priorDepth.length; i++) {
            in[normalised.length + i] = (float) priorDepth[i];
        }
        return in;
    }

    @Override
    public String name() {
        return "regress";
    }

    @Override
    public double[] depth(double[] normalised) {
        double[] base = prior.depth(normalised);
        float[] dz = net.forward(input(normalised, base));
        double[] out = new double[dz.length];
        double mean = 0;
        for (int i = 0; i < dz.length; i++) {
            out[i] = base[i] + dz[i];
            mean += out[i] / dz.length;
        }
        for (int i = 0; i < dz.length; i++) {
            out[i] -= mean;
        }
        return out;
    }

    public int parameterCount() {
        return net.parameterCount();
    }
}
