package io.face3d.fit.occlusion;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoissonBlendTest {
    private static final int W = 40, H = 30;

    private static boolean[] disc(int cx, int cy, int r) {
        boolean[] m = new boolean[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                m[y * W + x] = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
            }
        }
        return m;
    }

    /** A fill that is the photo plus a constant (a mis-lit mirror side) blends back to the photo exactly. */
    @Test
    void removesAConstantOffset() {
        Random rnd = new Random(3);
        float[] target = new float[2 * W * H], source = new float[2 * W * H];
        for (int i = 0; i < target.length; i++) {
            target[i] = rnd.nextFloat();
            source[i] = target[i] + (i % 2 == 0 ? 0.3f : -0.2f);
        }
        float[] out = PoissonBlend.blend(target, source, 2, W, H, disc(20, 15, 9), null, Double.POSITIVE_INFINITY);
        assertArrayEquals(target, out, 1e-3f);
    }

    /** A flat fill inside a linear ramp becomes the ramp (the harmonic function with linear boundary values is linear). */
    @Test
    void flatFillTakesTheHarmonicInterpolant() {
        float[] target = new float[W * H], source = new float[W * H];
        for (int i = 0; i < target.length; i++) {
            target[i] = 0.01f * (i % W) + 0.02f * (i / W);
        }
        boolean[] region = disc(18, 14, 10);
        float[] out = PoissonBlend.blend(target, source, 1, W, H, region, null, Double.POSITIVE_INFINITY);
        assertArrayEquals(target, out, 1e-3f);
    }

    /** Boundary pixels far from the fill (an occluder rim) are left out: the fill keeps its level. */
    @Test
    void boundaryFarFromTheFillIsIgnored() {
        float[] target = new float[W * H], source = new float[W * H];
        java.util.Arrays.fill(target, 0.5f);
        java.util.Arrays.fill(source, 0.45f);
        boolean[] region = disc(20, 15, 8);
        boolean[] rim = BinaryMorphology.dilate(region, W, H, 1);
        for (int i = 0; i < rim.length; i++) {
            if (rim[i] && !region[i] && i % W < 20) {
                target[i] = 1f; // a bright rim on the left half of the boundary
            }
        }
        float[] out = PoissonBlend.blend(target, source, 1, W, H, region, null, 0.2);
        for (int i = 0; i < out.length; i++) {
            if (region[i]) {
                assertEquals(0.5f, out[i], 1e-3f);
            }
        }
    }

    /** A region part with no valid neighbour keeps the fill; pixels outside the region keep the target. */
    @Test
    void isolatedPartKeepsTheFill() {
        float[] target = new float[W * H], source = new float[W * H];
        java.util.Arrays.fill(target, 0.8f);
        java.util.Arrays.fill(source, 0.1f);
        boolean[] region = disc(10, 10, 4);
        boolean[] valid = new boolean[W * H]; // nothing valid: no boundary
        float[] out = PoissonBlend.blend(target, source, 1, W, H, region, valid, Double.POSITIVE_INFINITY);
        for (int i = 0; i < out.length; i++) {
            assertEquals(region[i] ? 0.1f : 0.8f, out[i], 1e-6f);
        }
        assertThrows(IllegalArgumentException.class, () -> PoissonBlend.blend(target, source, 2, W, H, region, null, 1));
    }
}
