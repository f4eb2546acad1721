package io.face3d.fit.multi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KMeansTest {
    /** Well separated Gaussian blobs in 100 dimensions: every restart-best solution recovers them exactly. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void recoversSeparatedBlobsAndSilhouettePicksTheirNumber(long seed) {
        Random rnd = new Random(seed);
        int k = 6, per = 5, d = 100;
        double[][] centres = new double[k][d];
        for (double[] c : centres) {
            for (int a = 0; a < d; a++) {
                c[a] = rnd.nextGaussian();
            }
        }
        double[][] x = new double[k * per][d];
        int[] truth = new int[k * per];
        for (int i = 0; i < x.length; i++) {
            truth[i] = i % k;
            for (int a = 0; a < d; a++) {
                x[i][a] = centres[truth[i]][a] + 0.15 * rnd.nextGaussian();
            }
        }
        KMeans.Result r = KMeans.cluster(x, k, 10, seed);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                assertEquals(truth[i] == truth[j], r.labels()[i] == r.labels()[j]);
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestK = 0;
        for (int kk = 2; kk <= 10; kk++) {
            KMeans.Result rk = KMeans.cluster(x, kk, 10, seed);
            double s = KMeans.silhouette(x, rk.labels(), kk);
            if (s > best) {
                best = s;
                bestK = kk;
            }
        }
        assertEquals(k, bestK);
        assertTrue(best > 0.5);
    }
}
