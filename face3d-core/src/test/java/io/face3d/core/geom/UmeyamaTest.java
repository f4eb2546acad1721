package io.face3d.core.geom;

import io.face3d.core.Face3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UmeyamaTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void recoversASimilarityExactly(long seed) {
        Random random = new Random(seed);
        double[] r = Rotation.fromEulerDegrees(360 * random.nextDouble() - 180, 170 * random.nextDouble() - 85,
            360 * random.nextDouble() - 180);
        Similarity truth = new Similarity(0.5 + random.nextDouble(), r, new double[] {50 * random.nextGaussian(),
            50 * random.nextGaussian(), 50 * random.nextGaussian()});
        int n = 7 + random.nextInt(62);
        double[] src = new double[3 * n], dst = new double[3 * n];
        for (int i = 0; i < n; i++) {
            src[3 * i] = 60 * random.nextGaussian();
            src[3 * i + 1] = 60 * random.nextGaussian();
            src[3 * i + 2] = 30 * random.nextGaussian();
            truth.apply(src[3 * i], src[3 * i + 1], src[3 * i + 2], dst, 3 * i);
        }
        Similarity got = Umeyama.estimate(src, dst, true);
        assertEquals(truth.scale(), got.scale(), 1e-9);
        assertEquals(0, Rotation.angleBetweenDegrees(truth.rotation(), got.rotation()), 1e-6);
        for (int k = 0; k < 3; k++) {
            assertEquals(truth.translation()[k], got.translation()[k], 1e-7);
        }
        Similarity rigid = Umeyama.estimate(src, dst, false);
        assertEquals(1, rigid.scale(), 0);
        assertEquals(0, Rotation.angleBetweenDegrees(truth.rotation(), rigid.rotation()), 1e-6);
    }

    /** A mirrored target is fitted by a proper rotation (det +1), never by a reflection. */
    @Test
    void neverReturnsAReflection() {
        Random random = new Random(11);
        int n = 30;
        double[] src = new double[3 * n], dst = new double[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            src[i] = 50 * random.nextGaussian();
            dst[i] = i % 3 == 0 ? -src[i] : src[i];
        }
        double[] r = Umeyama.estimate(src, dst, true).rotation();
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
        assertEquals(1, det, 1e-9);
    }

    @Test
    void degenerateInputIsAUserError() {
        assertThrows(Face3dException.class, () -> Umeyama.estimate(new double[] {0, 0, 0, 1, 1, 1}, new double[] {0, 0, 0, 1, 1, 1}, true));
        double[] line = {0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0};
        assertThrows(Face3dException.class, () -> Umeyama.estimate(line, line, true));
        double[] same = {1, 2, 3, 1, 2, 3, 1, 2, 3};
        assertThrows(Face3dException.class, () -> Umeyama.estimate(same, same, true));
    }

    @Test
    void composeAndInverseAreConsistent() {
        Similarity a = new Similarity(1.3, Rotation.fromEulerDegrees(20, -10, 5), new double[] {1, 2, 3});
        Similarity b = new Similarity(0.7, Rotation.fromEulerDegrees(-40, 30, 60), new double[] {-5, 0, 9});
        double[] x = new double[3], y = new double[3], z = new double[3];
        a.then(b).apply(3, -4, 5, x, 0);
        a.apply(3, -4, 5, y, 0);
        b.apply(y[0], y[1], y[2], z, 0);
        a.then(a.inverse()).apply(3, -4, 5, y, 0);
        for (int k = 0; k < 3; k++) {
            assertEquals(z[k], x[k], 1e-12);
            assertEquals(new double[] {3, -4, 5}[k], y[k], 1e-12);
        }
    }

    @Test
    void alignedRmsIsZeroForAnExactSimilarityAndMeasuresTheRest() {
        Random random = new Random(8);
        int n = 50;
        double[] p = new double[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = 40 * random.nextGaussian();
        }
        double[] q = new Similarity(1.3, Rotation.fromEulerDegrees(30, -20, 10), new double[] {5, -7, 11}).apply(p);
        assertEquals(0, Umeyama.alignedRms(p, q), 1e-9);
        assertEquals(1.3, Umeyama.estimate(p, q, true).scale(), 1e-9);
        double[] moved = q.clone();
        moved[0] += 5 * Math.sqrt(n); // one point 5 sqrt(n) off: the best fit leaves an rms of at most 5
        double rms = Umeyama.alignedRms(p, moved);
        assertTrue(rms > 0 && rms <= 5 + 1e-9, "rms " + rms);
    }
}
