package io.face3d.learn.data;

import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PairFeaturesTest {
    /** Noise-free scaled-orthographic faces: the input's x, y with the true depth are the face, so the distances agree. */
    @Test
    void liftDistancesOfTheTrueDepthAreTheFacesDistancesUnderOrthography() {
        LiftDataConfig ortho = new LiftDataConfig(90, 30, 30, 0, 20, 70, 0, 0.25, 4, 1000);
        for (LiftSample s : new LiftDataGenerator(TestModel.get(), ortho).generate(5, 4)) {
            double[] xy = Normalisation.of(s.points2d()).apply(s.points2d());
            assertArrayEquals(LiftTargets.distances(s.camera3d()), LiftTargets.liftDistances(xy, LiftTargets.depth(s.camera3d())),
                1e-6);
        }
    }

    @Test
    void contextRowsOfChosenPairsEqualTheirRowsAmongAllPairs() {
        Random r = new Random(3);
        int n = 68, pairs = Pairs.count(n);
        double[] xy = new double[2 * n], cv = new double[2 * n], z = new double[n], unit = new double[3 * n];
        double[] prior = new double[pairs];
        float[] code = {0.5f, -1.5f, 2f};
        for (int i = 0; i < 2 * n; i++) {
            xy[i] = r.nextGaussian();
            cv[i] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            z[i] = r.nextGaussian();
        }
        for (int i = 0; i < 3 * n; i++) {
            unit[i] = r.nextGaussian();
        }
        for (int p = 0; p < pairs; p++) {
            prior[p] = r.nextDouble();
        }
        double[] base = LiftTargets.liftDistances(xy, z);
        PairFeatures.FaceContext face = new PairFeatures.FaceContext(xy, cv, z, base, code);
        float[] all = PairFeatures.context(face, prior, unit, null);
        int w = PairFeatures.width(PairFeatures.Kind.CONTEXT, code.length);
        assertEquals(w * pairs, all.length);
        int[] chosen = {0, 1234, pairs - 1, 1234};
        float[] some = PairFeatures.context(face, prior, unit, chosen);
        for (int k = 0; k < chosen.length; k++) {
            for (int c = 0; c < w; c++) {
                assertEquals(all[chosen[k] * w + c], some[k * w + c], 0f);
            }
        }
        // pair 1234 = (i, j): its own coordinates, baseline distance and codes are where the layout says
        int[][] ij = Pairs.indices(n);
        int p = 1234, i = ij[0][p], j = ij[1][p], o = p * w;
        assertEquals((float) base[p], all[o + 14], 0f);
        assertEquals((float) xy[2 * i], all[o + 17], 0f);
        assertEquals((float) z[j], all[o + 15 + 8 + 4], 0f);
        assertEquals((float) unit[3 * j + 2], all[o + PairFeatures.CONTEXT_FIXED - 1], 0f);
        assertEquals(code[2], all[o + w - 1], 0f);
    }
}
