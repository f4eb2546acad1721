package io.face3d.eval.landmarks;

import io.face3d.core.geom.Box2;
import io.face3d.core.geom.Similarity;
import io.face3d.core.geom.Umeyama;
import io.face3d.eval.stats.Correlation;

/**
 * Per-face landmark errors as the face-alignment literature reports them. Points are flat arrays: x, y per point
 * for 2D, x, y, z per point for 3D, in the same order for prediction and ground truth.
 */
public final class LandmarkMetrics {
    private LandmarkMetrics() {
    }

    /**
     * Mean point-to-point error over sqrt(w h) of the ground truth's bounding box: the AFLW2000-3D protocol of
     * 3DDFA (Zhu et al., CVPR 2016), in 2D.
     */
    public static double nmeBox(double[] pred2d, double[] gt2d) {
        check(pred2d, gt2d, 2);
        Box2 box = Box2.of(gt2d, 2);
        double norm = Math.sqrt(box.width() * box.height());
        if (!(norm > 0)) {
            throw new IllegalArgumentException("the ground-truth box has zero area");
        }
        return meanError(pred2d, gt2d, 2) / norm;
    }

    /**
     * Mean 3D point error over the outer inter-ocular distance |gt36 - gt45| (iBUG 68 order), the GTE of the 3D
     * landmark literature (e.g. 3D-FAN, Bulat and Tzimiropoulos, ICCV 2017).
     */
    public static double nmeInterOcular3d(double[] pred3d, double[] gt3d) {
        check(pred3d, gt3d, 3);
        if (gt3d.length != 3 * 68) {
            throw new IllegalArgumentException("inter-ocular normalisation needs the 68 iBUG points");
        }
        int a = 3 * LandmarkSets.IBUG_RIGHT_EYE_OUTER, b = 3 * LandmarkSets.IBUG_LEFT_EYE_OUTER;
        double dx = gt3d[a] - gt3d[b], dy = gt3d[a + 1] - gt3d[b + 1], dz = gt3d[a + 2] - gt3d[b + 2];
        double iod = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (!(iod > 0)) {
            throw new IllegalArgumentException("outer eye corners coincide in the ground truth");
        }
        return meanError(pred3d, gt3d, 3) / iod;
    }

    /**
     * DepthCorr: Pearson correlation of the z coordinates after a least-squares similarity alignment of the
     * prediction onto the ground truth (Moniz et al., "Unsupervised depth estimation, 3D face rotation and
     * replacement", NeurIPS 2018 use it for 3D landmarks lifted from 2D).
     */
    public static double depthCorrelation(double[] pred3d, double[] gt3d) {
        check(pred3d, gt3d, 3);
        Similarity s = Umeyama.estimate(pred3d, gt3d, true);
        int n = pred3d.length / 3;
        double[] zp = new double[n], zg = new double[n], tmp = new double[3];
        for (int i = 0; i < n; i++) {
            s.apply(pred3d[3 * i], pred3d[3 * i + 1], pred3d[3 * i + 2], tmp, 0);
            zp[i] = tmp[2];
            zg[i] = gt3d[3 * i + 2];
        }
        return Correlation.pearson(zp, zg);
    }

    static double meanError(double[] pred, double[] gt, int dim) {
        double sum = 0;
        for (int i = 0; i < gt.length; i += dim) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += (pred[i + k] - gt[i + k]) * (pred[i + k] - gt[i + k]);
            }
            sum += Math.sqrt(s);
        }
        return sum / (gt.length / dim);
    }

    private static void check(double[] pred, double[] gt, int dim) {
        if (pred.length != gt.length || gt.length == 0 || gt.length % dim != 0) {
            throw new IllegalArgumentException("prediction and ground truth need the same number of "
                + dim + "D points");
        }
    }
}
