package io.face3d.fit.photometric;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionalAlbedoTest {
    private static final MorphableModel MODEL = TestModel.get();
    private static final int N = MODEL.vertexCount(Region.FACE);

    /**
     * An albedo the model can represent, seen under known irradiance at two thirds of the vertices (every function
     * seen over more than a quarter of its extent, so nothing pulls it toward skin), is recovered; with noise, nearly.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.02})
    void representableAlbedoIsRecovered(double noise) {
        RegionalAlbedo model = new RegionalAlbedo(MODEL, N);
        Random rnd = new Random(11);
        // the truth: solve once on a random target colour per channel with the regions' own colours
        float[] truth = new float[3 * N];
        double[] flat = new double[3 * N];
        double[] weights = new double[N];
        float[] unit = new float[3 * N];
        int[] all = IntStream.range(0, N).toArray();
        for (int v = 0; v < N; v++) {
            weights[v] = 1;
            for (int c = 0; c < 3; c++) {
                unit[3 * v + c] = 1;
                flat[3 * v + c] = 0.5 + 0.1 * c + 0.2 * rnd.nextGaussian();
            }
        }
        model.solve(all, weights, unit, flat, new double[] {0.6, 0.5, 0.4}, truth);
        float[] irradiance = new float[3 * N];
        double[] data = new double[3 * N];
        for (int i = 0; i < 3 * N; i++) {
            irradiance[i] = (float) (0.6 + 0.6 * rnd.nextDouble());
            data[i] = truth[i] * irradiance[i] + noise * rnd.nextGaussian();
        }
        int[] visible = IntStream.range(0, N).filter(v -> v % 3 != 0).toArray();
        float[] got = new float[3 * N];
        model.solve(visible, weights, irradiance, data, new double[] {0.6, 0.5, 0.4}, got);
        double worst = 0;
        for (int i = 0; i < 3 * N; i++) {
            worst = Math.max(worst, Math.abs(got[i] - truth[i]));
        }
        assertTrue(worst < (noise == 0 ? 2e-3 : 0.03), "largest albedo error " + worst);
    }

    /** No observations: the albedo is the given mean colour everywhere (the ridge decides). */
    @Test
    void withoutObservationsTheMeanColour() {
        RegionalAlbedo model = new RegionalAlbedo(MODEL, N);
        float[] got = new float[3 * N];
        model.solve(new int[0], new double[N], new float[3 * N], new double[3 * N], new double[] {0.6, 0.5, 0.4}, got);
        for (int v = 0; v < N; v += 97) {
            assertEquals(0.6, got[3 * v], 1e-6);
            assertEquals(0.4, got[3 * v + 2], 1e-6);
        }
    }
}
