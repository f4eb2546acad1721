package io.face3d.vision.dlib;

import java.util.List;

/**
 * A dlib {@code shape_predictor} (ensemble of regression trees, Kazemi and Sullivan, CVPR 2014) held in flat
 * primitive arrays, as {@link DlibModelReader} reads it. Shapes are x, y interleaved in dlib's normalised face
 * box frame (the box's top-left pixel at (0, 0), its bottom-right pixel at (1, 1)). Immutable after loading:
 * the arrays are never written again, so one model can serve any number of threads.
 *
 * @param initialShape the mean shape every prediction starts from, 2 * parts floats
 * @param cascades     the cascade levels, applied in order
 */
public record DlibModel(float[] initialShape, List<Cascade> cascades) {
    public DlibModel {
        cascades = List.copyOf(cascades);
    }

    public int numParts() {
        return initialShape.length / 2;
    }

    /** Trees over all cascades. */
    public int numTrees() {
        return cascades.stream().mapToInt(Cascade::numTrees).sum();
    }

    /**
     * One cascade level: its shape-indexed feature pixels and its trees. Every tree is complete with the same
     * depth (dlib trains them so), which lets all of them share one stride.
     *
     * @param anchor        per feature pixel, the landmark it is attached to
     * @param deltaX        per feature pixel, its offset from that landmark in the mean shape's frame
     * @param deltaY        likewise in y
     * @param numTrees      trees in this level
     * @param splitsPerTree internal nodes per tree (2^depth - 1), stored breadth first (children of node i at
     *                      2i + 1 and 2i + 2), followed by splitsPerTree + 1 leaves
     * @param splitIdx1     per node of every tree (tree-major), the feature whose intensity is the minuend
     * @param splitIdx2     per node, the subtrahend feature
     * @param threshold     per node: go left when intensity[idx1] - intensity[idx2] &gt; threshold
     * @param leafValues    per tree, per leaf, a shape increment of 2 * parts floats
     */
    public record Cascade(int[] anchor, float[] deltaX, float[] deltaY, int numTrees, int splitsPerTree,
                          int[] splitIdx1, int[] splitIdx2, float[] threshold, float[] leafValues) {
        public int numFeatures() {
            return anchor.length;
        }
    }
}
