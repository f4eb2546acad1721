package io.face3d.learn;

import io.face3d.learn.net.Mlp;

/** Depth regression (the 3D head of ParFace-Net, 2023, as a small MLP): 136 normalised coordinates to 68 depths. */
public final class RegressLifter extends DepthLifter {
    private final Mlp net;

    public RegressLifter(Mlp net) {
        if (net.inputSize() != 2 * POINTS || net.outputSize() != POINTS) {
            throw new IllegalArgumentException("the depth network must map 136 values to 68");
        }
        this.net = net;
    }

    @Override
    public String name() {
        return "regress";
    }

    @Override
    public double[] depth(double[] normalised) {
        float[] in = new float[normalised.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) normalised[i];
        }
        float[] z = net.forward(in);
        double[] out = new double[z.length];
        double mean = 0;
        for (float v : z) {
            mean += v / (double) z.length;
        }
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] - mean;
        }
        return out;
    }

    public int parameterCount() {
        return net.parameterCount();
    }
}
