package io.face3d.fit.occlusion;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LandmarkAgreementTest {
    /** A face-like layout: 68 points spread over 200 px, eyes (36, 45) 100 px apart. */
    private static double[] face(Random rnd) {
        double[] p = new double[136];
        for (int k = 0; k < 68; k++) {
            p[2 * k] = 100 + 200 * rnd.nextDouble();
            p[2 * k + 1] = 100 + 200 * rnd.nextDouble();
        }
        p[72] = 150;
        p[73] = 180;
        p[90] = 250;
        p[91] = 180;
        return p;
    }

    /** Two detectors agreeing to 2% IOD plus a common offset: no landmark is disputed. */
    @ParameterizedTest
    @ValueSource(doubles = {0, 8})
    void agreementUpToNoiseAndOffsetDisputesNothing(double offset) {
        Random rnd = new Random(5);
        double[] a = face(rnd), b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += offset + 2 * rnd.nextGaussian();
        }
        assertArrayEquals(new int[0], LandmarkAgreement.disputed(a, b));
    }

    /** The mouth points (48..67) moved 20% IOD by the second detector are exactly the disputed ones. */
    @Test
    void findsTheLandmarksMovedUnderAnOccluder() {
        Random rnd = new Random(6);
        double[] a = face(rnd), b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += 1.5 * rnd.nextGaussian();
        }
        for (int k = 48; k < 68; k++) {
            double t = 2 * Math.PI * rnd.nextDouble();
            b[2 * k] += 20 * Math.cos(t);
            b[2 * k + 1] += 20 * Math.sin(t);
        }
        assertArrayEquals(java.util.stream.IntStream.range(48, 68).toArray(), LandmarkAgreement.disputed(a, b));
        assertThrows(IllegalArgumentException.class, () -> LandmarkAgreement.disputed(a, new double[10]));
    }
}
