package io.face3d.learn.train;

/**
 * Settings of {@code face3d train lift}. The defaults made the shipped weights.
 *
 * @param seed            seed of the training data (face i is drawn from (seed, i)), the initial weights and the
 *                        batch order
 * @param faces           synthetic training faces
 * @param denseEpochs     epochs of the depth regressor and of the autoencoder (mini-batches of faces)
 * @param batch           faces per mini-batch for those two
 * @param distanceSteps   steps of each ablation distance network (the paper's eq. 6 only); one step = all pairs of
 *                        one face
 * @param contextSteps    steps of the shipped distance network and its face encoder; one step = 64 faces x 36 pairs
 * @param distanceWidth   width of the distance network's hidden layers
 * @param learningRate    Adam learning rate at the start (cosine decay to 1/20 of it)
 * @param threads         PyTorch intra-op threads (1 keeps runs bit-reproducible and leaves a core free)
 */
public record TrainConfig(long seed, int faces, int denseEpochs, int batch, int distanceSteps, int contextSteps,
                          int distanceWidth,
                          float learningRate, int threads) {
    public TrainConfig {
        if (faces < 8 || denseEpochs < 1 || batch < 1 || distanceSteps < 1 || contextSteps < 1 || distanceWidth < 2 || !(learningRate > 0)
            || threads < 1) {
            throw new IllegalArgumentException("training settings must be positive (faces >= 8, width >= 2)");
        }
    }

    /** Default {@link #contextSteps}. */
    public static final int CONTEXT_STEPS = 15000;

    public static TrainConfig defaults(long seed) {
        return new TrainConfig(seed, 20000, 30, 128, 30000, CONTEXT_STEPS, 64, 1e-3f, 1);
    }

    /** A tiny run for smoke tests. */
    public static TrainConfig smoke(long seed) {
        return new TrainConfig(seed, 64, 1, 16, 4, 4, 8, 1e-3f, 1);
    }
}
