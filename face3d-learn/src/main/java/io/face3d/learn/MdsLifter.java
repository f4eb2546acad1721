package io.face3d.learn;

import io.face3d.learn.data.LiftTargets;
import io.face3d.learn.data.PairFeatures;
import io.face3d.learn.data.Pairs;
import io.face3d.learn.mds.FrameAlignment;
import io.face3d.learn.mds.Smacof;
import io.face3d.learn.mds.SmacofConfig;
import io.face3d.learn.net.Mlp;

/**
 * Deep-MDS (Kamyab and Azimifar 2022): an optional profile-view autoencoder maps the normalised 2D landmarks to a
 * canonical (frontal) view; the distance network predicts the 3D distance of every pair from its eq. 6 features
 * ({@link PairFeatures}: the paper's, or this project's CONTEXT features, which add the input view, the mean face,
 * the pair's own landmarks and codes of the whole face, and predict the correction to the baseline distance of the
 * input with the aligned mean face's depth); non-metric SMACOF (initialised by classical MDS) embeds the distances in
 * 3D; {@link FrameAlignment} puts the embedding into the input frame and resolves the mirror ambiguity. Optionally the
 * depth is then refined by SMACOF over z only with the input's x, y held fixed ({@link Smacof#refineDepth}).
 */
public final class MdsLifter extends DepthLifter {
    private final String name;
    private final Mlp distanceNet;
    private final Mlp autoencoder;
    private final Mlp faceEncoder;
    private final PairFeatures.Kind features;
    private final MeanFacePrior prior;
    private final double[] priorDistances;
    private final double[] priorUnit;
    private final int bottleneck;
    private final Smacof smacof;
    private final boolean refineDepth;

    /**
     * @param autoencoder canonical-view network (136 to 136), or null for {@link PairFeatures.Kind#INPUT_VIEW}
     * @param faceEncoder CONTEXT only: the face encoder (204 = input x, y and the aligned mean face's depth, to a code
     *                    in every pair's row), trained with the distance network; null otherwise
     * @param features    what the distance network reads
     * @param prior       mean face that CONTEXT features include (null otherwise)
     * @param refineDepth whether to run the depth-only SMACOF after alignment
     */
    public MdsLifter(String name, Mlp distanceNet, Mlp autoencoder, Mlp faceEncoder, PairFeatures.Kind features,
                     MeanFacePrior prior, SmacofConfig config, boolean refineDepth) {
        boolean context = features == PairFeatures.Kind.CONTEXT;
        if (context && (prior == null || faceEncoder == null)) {
            throw new IllegalArgumentException("CONTEXT features need the mean-face prior and the face encoder");
        }
        if (context && faceEncoder.inputSize() != 3 * POINTS) {
            throw new IllegalArgumentException("the face encoder must read 204 values");
        }
        if (autoencoder == null && features != PairFeatures.Kind.INPUT_VIEW) {
            throw new IllegalArgumentException(features + " features need the canonical-view autoencoder");
        }
        if (autoencoder != null && (autoencoder.inputSize() != 2 * POINTS || autoencoder.outputSize() != 2 * POINTS)) {
            throw new IllegalArgumentException("the autoencoder must map 136 values to 136");
        }
        this.bottleneck = autoencoder == null ? 0 : bottleneckLayer(autoencoder);
        int codeLength = context ? autoencoder.sizes()[bottleneck] + faceEncoder.outputSize() : 0;
        if (distanceNet.inputSize() != PairFeatures.width(features, codeLength) || distanceNet.outputSize() != 1) {
            throw new IllegalArgumentException("the distance network must map " + PairFeatures.width(features, codeLength)
                + " pair features (" + features + ") to 1 distance");
        }
        this.name = name;
        this.distanceNet = distanceNet;
        this.autoencoder = features == PairFeatures.Kind.INPUT_VIEW ? null : autoencoder;
        this.faceEncoder = context ? faceEncoder : null;
        this.features = features;
        this.prior = context ? prior : null;
        this.priorDistances = context ? prior.distances() : null;
        this.priorUnit = context ? prior.unitLandmarks() : null;
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
        int pairs = Pairs.count(n);
        float[] x;
        double[] offset = null;
        if (features == PairFeatures.Kind.CONTEXT) {
            PairFeatures.FaceContext face = faceContext(autoencoder, bottleneck, faceEncoder, prior, normalised);
            x = PairFeatures.context(face, priorDistances, priorUnit, null);
            offset = face.baseline();
        } else {
            x = PairFeatures.eq6(features == PairFeatures.Kind.INPUT_VIEW ? normalised : canonicalView(autoencoder, normalised));
        }
        float[] d = new float[pairs];
        distanceNet.forward(x, pairs, d);
        double[] m = new double[n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = Math.max(1e-6, d[k] + (offset == null ? 0 : offset[k]));
                k++;
                m[i * n + j] = v;
                m[j * n + i] = v;
            }
        }
        return m;
    }

    /** The autoencoder's canonical view of normalised points. */
    public static double[] canonicalView(Mlp autoencoder, double[] normalised) {
        float[] out = autoencoder.forward(floats(normalised));
        double[] view = new double[out.length];
        for (int i = 0; i < view.length; i++) {
            view[i] = out[i];
        }
        return view;
    }

    /**
     * What the CONTEXT rows of a face read (shared with training, so both read the same inputs): the canonical view,
     * the aligned mean face's depth, the baseline distances and the codes (the autoencoder's, then the face
     * encoder's; training passes a null encoder and appends the code of the encoder it trains).
     */
    public static PairFeatures.FaceContext faceContext(Mlp autoencoder, int bottleneck, Mlp faceEncoder,
                                                       MeanFacePrior prior, double[] normalised) {
        float[] in = floats(normalised);
        int aeCode = autoencoder.sizes()[bottleneck], faceCode = faceEncoder == null ? 0 : faceEncoder.outputSize();
        float[] code = new float[aeCode + faceCode];
        autoencoder.forward(in, 1, code, bottleneck);
        double[] priorDepth = prior.depth(normalised);
        if (faceEncoder != null) {
            System.arraycopy(faceEncoder.forward(RegressLifter.input(normalised, priorDepth)), 0, code, aeCode, faceCode);
        }
        return new PairFeatures.FaceContext(normalised, canonicalView(autoencoder, normalised), priorDepth,
            LiftTargets.liftDistances(normalised, priorDepth), code);
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
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
        return LiftTargets.withDepth(normalised, smacof.refineDepth(delta, normalised, z, num / den));
    }

    public int parameterCount() {
        return distanceNet.parameterCount() + (autoencoder == null ? 0 : autoencoder.parameterCount())
            + (faceEncoder == null ? 0 : faceEncoder.parameterCount());
    }
}
