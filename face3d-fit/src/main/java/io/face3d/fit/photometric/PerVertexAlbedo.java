package io.face3d.fit.photometric;

/**
 * One colour per vertex ({@link PhotometricConfig.AlbedoModel#PER_VERTEX}) and its regularisers: (a) the prior
 * sum_v ||rho_v - rho_mean||^2 (rho_mean held fixed: it removes the albedo-light scale ambiguity), (b) the variance
 * term of Deng et al. 2019 over the skin vertices, (c) smoothness (mean squared difference across mesh edges) and
 * (d) left/right symmetry (mean squared difference to the mirrored vertex). Solved by Gauss-Seidel sweeps on the
 * normal equations (gradient form per vertex and channel).
 */
final class PerVertexAlbedo {
    private static final int GAUSS_SEIDEL_SWEEPS = 8;

    private final PhotometricConfig config;
    private final FaceTopology topology;
    private final int[] mirror;
    private final boolean[] skin;
    private final int skinCount;
    private final int vertices;

    PerVertexAlbedo(PhotometricConfig config, FaceTopology topology, int[] mirror, boolean[] skin) {
        this.config = config;
        this.topology = topology;
        this.mirror = mirror;
        this.skin = skin;
        this.vertices = skin.length;
        int s = 0;
        for (boolean b : skin) {
            s += b ? 1 : 0;
        }
        skinCount = s;
    }

    /** Updates {@code albedo} (3 per vertex, clamped to [0, 1.5]) for the data term weighted by {@code weights}. */
    void solve(int[] visible, double[] weights, float[] irradiance, double[] data, double[] meanAlbedo, float[] albedo) {
        double prior = 2 * config.prior() * config.albedoPrior();
        double variance = 2 * config.textureVariance() / Math.max(1, skinCount);
        double smooth = 2 * config.albedoSmoothness() / topology.edgeCount;
        double sym = 4 * config.albedoSymmetry() / vertices;
        boolean[] observed = new boolean[vertices];
        for (int v : visible) {
            observed[v] = true;
        }
        for (int sweep = 0; sweep < GAUSS_SEIDEL_SWEEPS; sweep++) {
            for (int v = 0; v < vertices; v++) {
                int m = mirror[v];
                for (int c = 0; c < 3; c++) {
                    double num = (prior + (skin[v] ? variance : 0)) * meanAlbedo[c];
                    double den = prior + (skin[v] ? variance : 0) + smooth * topology.degree(v) + sym;
                    if (observed[v]) {
                        double e = irradiance[3 * v + c];
                        num += weights[v] * e * data[3 * v + c];
                        den += weights[v] * e * e;
                    }
                    for (int k = topology.adjacencyStart[v]; k < topology.adjacencyStart[v + 1]; k++) {
                        num += smooth * albedo[3 * topology.adjacency[k] + c];
                    }
                    num += sym * albedo[3 * m + c];
                    albedo[3 * v + c] = (float) Math.max(0, Math.min(1.5, num / den));
                }
            }
        }
    }

    /**
     * The unweighted albedo terms of an albedo: {prior sum_v ||rho_v - rho_mean||^2, variance over skin vertices,
     * mean squared edge difference, mean squared mirror difference}.
     */
    double[] terms(float[] albedo, double[] meanAlbedo) {
        double albedoPrior = 0, variance = 0, smooth = 0, sym = 0;
        for (int v = 0; v < vertices; v++) {
            double d2 = 0, s2 = 0;
            for (int c = 0; c < 3; c++) {
                double d = albedo[3 * v + c] - meanAlbedo[c];
                d2 += d * d;
                double s = albedo[3 * v + c] - albedo[3 * mirror[v] + c];
                s2 += s * s;
            }
            albedoPrior += d2;
            variance += skin[v] ? d2 : 0;
            sym += s2;
            for (int k = topology.adjacencyStart[v]; k < topology.adjacencyStart[v + 1]; k++) {
                int u = topology.adjacency[k];
                if (u > v) {
                    for (int c = 0; c < 3; c++) {
                        double d = albedo[3 * v + c] - albedo[3 * u + c];
                        smooth += d * d;
                    }
                }
            }
        }
        return new double[] {albedoPrior, variance / Math.max(1, skinCount), smooth / topology.edgeCount, sym / vertices};
    }
}
