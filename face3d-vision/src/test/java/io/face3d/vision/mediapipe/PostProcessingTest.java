package io.face3d.vision.mediapipe;

import io.face3d.vision.FaceBox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding, weighted NMS and ROI geometry on synthetic numbers with known answers. */
class PostProcessingTest {
    @Test
    void decoderPlacesBoxesAndKeypointsOnTheirAnchor() {
        BlazeFaceDecoder dec = new BlazeFaceDecoder(SsdAnchors.fullRange(), 0.5);
        int n = dec.numAnchors();
        float[] scores = new float[n];
        java.util.Arrays.fill(scores, -10f);
        float[] boxes = new float[n * 16];
        int i = 48 * 10 + 20; // anchor centre ((20.5) / 48, (10.5) / 48)
        scores[i] = 1000f; // clipped to 100: sigmoid 1
        boxes[16 * i] = 9.6f; // + 0.05 in x
        boxes[16 * i + 1] = -19.2f; // - 0.1 in y
        boxes[16 * i + 2] = 38.4f; // width 0.2
        boxes[16 * i + 3] = 57.6f; // height 0.3
        boxes[16 * i + 4] = 19.2f; // keypoint 0 x + 0.1
        List<Detection> d = dec.decode(boxes, scores);
        assertEquals(1, d.size());
        Detection det = d.get(0);
        assertEquals(1.0, det.score(), 1e-12);
        assertEquals(20.5 / 48 + 0.05 - 0.1, det.xmin(), 1e-6);
        assertEquals(10.5 / 48 - 0.1 - 0.15, det.ymin(), 1e-6);
        assertEquals(0.2, det.width(), 1e-6);
        assertEquals(0.3, det.height(), 1e-6);
        assertEquals(20.5 / 48 + 0.1, det.keypoints()[0], 1e-6);
        assertEquals(10.5 / 48, det.keypoints()[1], 1e-6);
    }

    @Test
    void weightedNmsAveragesOverlappingBoxesByScoreAndKeepsTheBestScore() {
        Detection a = new Detection(0, 0, 10, 10, 0.9, new double[]{1, 1});
        Detection b = new Detection(1, 0, 10, 10, 0.6, new double[]{2, 1});
        Detection far = new Detection(50, 50, 10, 10, 0.7, new double[]{55, 55});
        List<Detection> out = WeightedNms.apply(List.of(b, far, a), 0.3);
        assertEquals(2, out.size());
        Detection m = out.get(0);
        assertEquals(0.9, m.score(), 0);
        assertEquals(0.6 / 1.5, m.xmin(), 1e-12);
        assertEquals(10 + 0.6 / 1.5, m.xmax(), 1e-12);
        assertEquals((0.9 * 1 + 0.6 * 2) / 1.5, m.keypoints()[0], 1e-12);
        assertEquals(50, out.get(1).xmin(), 0);
        assertEquals(55, out.get(1).keypoints()[0], 0);
        assertEquals(0.7, out.get(1).score(), 0);
    }

    @Test
    void weightedNmsOfRandomIsolatedBoxesKeepsThemAll() {
        Random rnd = new Random(7);
        List<Detection> in = new java.util.ArrayList<>();
        for (int k = 0; k < 20; k++) {
            in.add(new Detection(k * 100 + rnd.nextDouble() * 10, rnd.nextDouble() * 10, 30, 30, rnd.nextDouble(), new double[0]));
        }
        assertEquals(20, WeightedNms.apply(in, 0.3).size());
    }

    @Test
    void roiRotationLevelsTheEyes() {
        // eyes on a line rising to the image right by 30 degrees (y down): the crop turns by -30 degrees
        double c = Math.cos(Math.toRadians(30)), s = Math.sin(Math.toRadians(30));
        FaceBox box = new FaceBox(80, 80, 40, 40, 1, new double[]{100 - 10 * c, 100 + 10 * s, 100 + 10 * c, 100 - 10 * s});
        FaceRoi roi = FaceRoi.fromBox(box);
        assertEquals(-Math.PI / 6, roi.angle(), 1e-12);
        assertEquals(60, roi.size(), 1e-12);
        // the tensor's centre maps to the ROI centre, its x axis along the eye line
        double[] a = roi.tensorToImage(192);
        assertEquals(100, a[0] * 96 + a[1] * 96 + a[2], 1e-9);
        assertEquals(100, a[3] * 96 + a[4] * 96 + a[5], 1e-9);
        assertEquals(c, a[0] / Math.hypot(a[0], a[3]), 1e-12);
        assertEquals(-s, a[3] / Math.hypot(a[0], a[3]), 1e-12);
        assertTrue(Math.abs(Math.hypot(a[0], a[3]) - 60.0 / 192) < 1e-12);
    }
}
