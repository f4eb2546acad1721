package io.face3d.vision.mediapipe;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SsdAnchorsTest {
    @Test
    void shortRangeHas896AnchorsOnA16And8Grid() {
        double[] a = SsdAnchors.shortRange().generate();
        assertEquals(896 * 4, a.length);
        // first layer: stride 8 -> 16 x 16 cells, 2 anchors per cell (aspect 1 + interpolated)
        assertEquals(0.5 / 16, a[0], 1e-12);
        assertEquals(0.5 / 16, a[1], 1e-12);
        assertEquals(a[0], a[4], 1e-12);
        assertEquals(1.5 / 16, a[8], 1e-12);
        assertEquals(1.0, a[2], 0);
        // layers 1-3 share stride 16: 8 x 8 cells x 6 anchors, starting after 512
        assertEquals(0.5 / 8, a[512 * 4], 1e-12);
        assertEquals(0.5 / 8, a[517 * 4], 1e-12);
        assertEquals(1.5 / 8, a[518 * 4], 1e-12);
        assertEquals(7.5 / 8, a[895 * 4 + 1], 1e-12);
    }

    @Test
    void fullRangeHas2304AnchorsOnA48Grid() {
        double[] a = SsdAnchors.fullRange().generate();
        assertEquals(2304 * 4, a.length);
        assertEquals(0.5 / 48, a[0], 1e-12);
        assertEquals(1.5 / 48, a[4], 1e-12);
        assertEquals(1.5 / 48, a[48 * 4 + 1], 1e-12);
    }

    @Test
    void variableSizeAnchorsFollowTheScaleFormula() {
        SsdAnchors o = new SsdAnchors(2, 0.2, 0.8, 64, 64, 0.5, 0.5, new int[]{32, 64}, new double[]{1.0, 2.0},
            0, false);
        double[] a = o.generate();
        assertEquals((4 * 2 + 1 * 2) * 4, a.length);
        // layer 0 scale 0.2: aspect 1 -> 0.2 x 0.2; aspect 2 -> w = 0.2 sqrt 2, h = 0.2 / sqrt 2
        assertEquals(0.2, a[2], 1e-12);
        assertEquals(0.2 * Math.sqrt(2), a[6], 1e-12);
        assertEquals(0.2 / Math.sqrt(2), a[7], 1e-12);
        // layer 1 scale 0.8
        assertEquals(0.8, a[8 * 4 + 2], 1e-12);
    }
}
