package io.face3d.vision.mediapipe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's "WEIGHTED" non-maximum suppression (NonMaxSuppressionCalculator, algorithm WEIGHTED, overlap
 * INTERSECTION_OVER_UNION; BlazeFace paper, Bazarevsky et al. 2019, section "Anchor scheme / post-processing"):
 * take the best remaining detection, gather every remaining detection that overlaps it by more than the
 * threshold (itself included), and replace the box and keypoints by the score-weighted mean of the gathered
 * ones; the score stays the best one's. Ties in score keep input order (stable sort), as std::stable_sort does.
 */
final class WeightedNms {
    private WeightedNms() {
    }

    static List<Detection> apply(List<Detection> detections, double minSuppressionThreshold) {
        List<Detection> remaining = new ArrayList<>(detections);
        remaining.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Detection best = remaining.get(0);
            List<Detection> rest = new ArrayList<>();
            double sw = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            double[] kp = new double[best.keypoints().length];
            for (Detection d : remaining) {
                if (d == best || best.iou(d) > minSuppressionThreshold) {
                    double s = d.score();
                    sw += s;
                    x0 += s * d.xmin();
                    y0 += s * d.ymin();
                    x1 += s * d.xmax();
                    y1 += s * d.ymax();
                    double[] k = d.keypoints();
                    for (int i = 0; i < kp.length; i++) {
                        kp[i] += s * k[i];
                    }
                } else {
                    rest.add(d);
                }
            }
            for (int i = 0; i < kp.length; i++) {
                kp[i] /= sw;
            }
            out.add(new Detection(x0 / sw, y0 / sw, (x1 - x0) / sw, (y1 - y0) / sw, best.score(), kp));
            remaining = rest;
        }
        return out;
    }
}
