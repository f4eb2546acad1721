package io.face3d.fit.render;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticFaceRendererTest {
    private static final SyntheticFaceConfig SMALL = SyntheticFaceConfig.defaults().withSize(192, 192);

    @Test
    void sameSeedSameFace() {
        MorphableModel m = TestModel.get();
        SyntheticFaceRenderer r = new SyntheticFaceRenderer(m, SMALL);
        SyntheticFace a = r.render(42), b = r.render(42);
        assertArrayEquals(a.image().rgb(), b.image().rgb());
        assertArrayEquals(a.landmarks(), b.landmarks());
        assertArrayEquals(a.identity(), b.identity());
    }

    @Test
    void imageAgreesWithGroundTruthAlbedoLightAndLandmarks() {
        MorphableModel m = TestModel.get();
        SyntheticFaceRenderer r = new SyntheticFaceRenderer(m, SMALL);
        int noseTip = m.landmarks68()[30];
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticFace f = r.render(seed);
            double[] lm = f.landmarks();
            for (int k = 0; k < 68; k++) {
                assertTrue(lm[2 * k] > 0 && lm[2 * k] < 192 && lm[2 * k + 1] > 0 && lm[2 * k + 1] < 192, "landmark in image");
            }
            // the nose tip's pixel is albedo x SH irradiance at the vertex normal (x 255), within noise and texture detail
            float[] n = new float[3 * f.mesh().vertexCount()];
            SphericalHarmonics.rotateNormals(f.mesh().vertexNormals(), f.mesh().vertexCount(), f.pose().rotation(), n);
            float[] e = new float[n.length];
            SphericalHarmonics.irradiance(n, n.length / 3, f.light(), e);
            int x = (int) lm[60], y = (int) lm[61];
            double[] err = new double[3];
            for (int c = 0; c < 3; c++) {
                double expected = 255 * f.albedo()[3 * noseTip + c] * e[3 * noseTip + c];
                err[c] = Math.abs(expected - f.image().get(x, y, c)) / Math.max(expected, 20);
            }
            assertEquals(0, (err[0] + err[1] + err[2]) / 3, 0.15, "seed " + seed);
        }
    }

    @Test
    void invalidConfigIsRejected() {
        try {
            new SyntheticFaceConfig(10, 10, 45, 20, 15, 1, 4, 3, 0.4, 0.7, 2);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("64x64"));
            return;
        }
        throw new AssertionError("accepted a 10x10 image");
    }
}
