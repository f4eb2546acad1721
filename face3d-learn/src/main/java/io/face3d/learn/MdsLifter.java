package io.face3d.learn;

import io.face3d.learn.data.PairFeatures;
import io.face3d.learn.data.Pairs;
import io.face3d.learn.mds.FrameAlignment;
import io.face3d.learn.mds.Smacof;
import io.face3d.learn.mds.SmacofConfig;
import io.face3d.learn.net.Mlp;

/**
 * Deep-MDS (Kamyab and Azimifar 2022): an optional profile-view autoencoder maps the normalised 2D landmarks to a
 * canonical (frontal) view; the distance network predicts the 3D distance of every pair from its eq. 6 features
 * ({@link PairFeatures}: the paper's, or this project's CONTEXT features, which add the input view, the mean face
 * and the autoencoder's code, and predict the correction to the mean face's distance); non-metric SMACOF (initialised by classical MDS) embeds the distances in 3D; {@link FrameAlignment} puts the
 * embedding into the input frame and resolves the mirror ambiguity. Optionally the depth is then refined by SMACOF
 * over z only with the input's x, y held fixed ({@link Smacof#refineDepth}).
 */
public final class MdsLifter extends DepthLifter {
    private final String name;
    private final Mlp distanceNet;
    private final Mlp autoencoder;
    private final PairFeatures.Kind features;
    private final double[] priorDistances;
    private final MeanFacePrior prior;
    private final int bottleneck;
    private final Smacof smacof;
    private final boolean refineDepth;

    /**
     * @param autoencoder canonical-view network (136 to 136), or null for {@link PairFeatures.Kind#INPUT_VIEW}
     * @param features    what the distance network reads
     * @param prior       mean face whose distances CONTEXT features include and the network corrects (null otherwise)
     * @param refineDepth whether to run the depth-only SMACOF after alignment
     */
    public MdsLifter(String name, Mlp distanceNet, Mlp autoencoder, PairFeatures.Kind features, MeanFacePrior prior,
                     SmacofConfig config, boolean refineDepth) {
        if (features == PairFeatures.Kind.CONTEXT && prior == null) {
            throw new IllegalArgumentException("CONTEXT features need the mean-face prior");
        }
        this.priorDistances = features == PairFeatures.Kind.CONTEXT ? prior.distances() : null;
        this.prior = prior;
        if (autoencoder == null && features != PairFeatures.Kind.INPUT_VIEW) {
            throw new IllegalArgumentException(features + " features need the canonical-view autoencoder");
        }
        if (autoencoder != null && (autoencoder.inputSize() != 2 * POINTS || autoencoder.outputSize() != 2 * POINTS)) {
            throw new IllegalArgumentException("the autoencoder must map 136 values to 136");
        }
        this.bottleneck = autoencoder == null ? 0 : bottleneckLayer(autoencoder);
        int codeLength = autoencoder == null ? 0 : autoencoder.sizes()[bottleneck];
        if (distanceNet.inputSize() != PairFeatures.width(features, codeLength) || distanceNet.outputSize() != 1) {
            throw new IllegalArgumentException("the distance network must map " + PairFeatures.width(features, codeLength)
                + " pair features (" + features + ") to 1 distance");
        }
        this.name = name;
        this.distanceNet = distanceNet;
        this.autoencoder = features == PairFeatures.Kind.INPUT_VIEW ? null : autoencoder;
        this.features = features;
        this.smacof = new Smacof(config);
        this.refineDepth = refineDepth;
    }

    @Override
    public String name() {
        return name;
    }

    /** Predicted dissimilarities, n x n row-major, in the distance network's units (3D RMS radius = 1). */
    public double[] dissimilarities(double[] normalised) {
        int n = normalised.length / 2;
        float[] x = pairFeatures(normalised);
        int pairs = Pairs.count(n);
        float[] d = new float[pairs];
        distanceNet.forward(x, pairs, d);
        double[] m = new double[n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = Math.max(1e-6, d[k] + (priorDistances == null ? 0 : priorDistances[k]));
                k++;
                m[i * n + j] = v;
                m[j * n + i] = v;
            }
        }
        return m;
    }

    /** The distance network's input rows for normalised points. */
    public float[] pairFeatures(double[] normalised) {
        if (autoencoder == null) {
            return PairFeatures.build(features, normalised, null, null, null, null);
        }
        return pairFeatures(autoencoder, bottleneck, features, normalised, priorDistances,
            features == PairFeatures.Kind.CONTEXT ? prior.depth(normalised) : null);
    }

    /** Features of {@code kind} through an autoencoder (shared with training, so both read the same inputs). */
    public static float[] pairFeatures(Mlp autoencoder, int bottleneck, PairFeatures.Kind kind, double[] normalised,
                                       double[] priorDistances, double[] priorDepth) {
        float[] in = new float[normalised.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) normalised[i];
        }
        float[] out = autoencoder.forward(in);
        double[] view = new double[out.length];
        for (int i = 0; i < view.length; i++) {
            view[i] = out[i];
        }
        float[] code = null;
        if (kind == PairFeatures.Kind.CONTEXT) {
            code = new float[autoencoder.sizes()[bottleneck]];
            autoencoder.forward(in, 1, code, bottleneck);
        }
        return PairFeatures.build(kind, normalised, view, code, priorDistances, priorDepth);
    }

    /** The narrowest hidden layer of an autoencoder (its code). */
    public static int bottleneckLayer(Mlp autoencoder) {
        int[] s = autoencoder.sizes();
        int best = 1;
        for (int k = 1; k < s.length - 1; k++) {
            if (s[k] < s[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The aligned embedding's depth (or the refined depth). */
    @Override
    public double[] depth(double[] normalised) {
        double[] p = liftNormalised(normalised);
        double[] z = new double[p.length / 3];
        for (int i = 0; i < z.length; i++) {
            z[i] = p[3 * i + 2];
        }
        return z;
    }

    /**
     * Without refinement: the MDS embedding aligned to the input (a rigid shape; its x, y match the input up to
     * the similarity fit). With refinement: the input's x, y and the depth of the depth-only SMACOF.
     */
    @Override
    public double[] liftNormalised(double[] normalised) {
        int n = normalised.length / 2;
        double[] delta = dissimilarities(normalised);
        Smacof.Result r = smacof.embed(delta, n, 3);
        double[] aligned = FrameAlignment.align(r.points(), normalised);
        if (!refineDepth) {
            return aligned;
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = aligned[3 * i + 2];
        }
        // scale of the dissimilarities in input units: least squares between them and the aligned embedding's distances
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = aligned[3 * i] - aligned[3 * j], dy = aligned[3 * i + 1] - aligned[3 * j + 1];
                double dz = z[i] - z[j];
                num += Math.sqrt(dx * dx + dy * dy + dz * dz) * delta[i * n + j];
                den += delta[i * n + j] * delta[i * n + j];
            }
        }
        z = smacof.refineDepth(delta, normalised, z, num / den);
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            p[3 * i] = normalised[2 * i];
            p[3 * i + 1] = normalised[2 * i + 1];
            p[3 * i + 2] = z[i];
        }
        return p;
    }

    public int parameterCount() {
        return distanceNet.parameterCount() + (autoencoder == null ? 0 : autoencoder.parameterCount());
    }
}
