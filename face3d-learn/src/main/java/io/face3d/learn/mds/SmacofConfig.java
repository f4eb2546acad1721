package io.face3d.learn.mds;

/**
 * @param maxIterations Guttman iterations at most
 * @param tolerance     stop when the relative decrease of raw stress is below this
 * @param nonMetric     true: fit disparities by isotonic regression of the distances on the dissimilarity order
 *                      (Kruskal's non-metric MDS); false: use the dissimilarities as they are (metric SMACOF)
 */
public record SmacofConfig(int maxIterations, double tolerance, boolean nonMetric) {
    public SmacofConfig {
        if (maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("maxIterations must be >= 1 and tolerance >= 0");
        }
    }

    public static SmacofConfig defaults() {
        return new SmacofConfig(300, 1e-7, true);
    }
}
