package io.face3d.vision.dlib;

import io.face3d.core.Face3dException;
import io.face3d.vision.FaceBox;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Least-squares {@link DetectorBoxMapping}s from paired boxes (one detector's box and another's for the same face).
 * Two least-squares fits from paired boxes:
 * <ul>
 * <li>{@link #fit}: every coefficient free (20 unknowns; at least 5 pairs, better 20 or more from faces of
 *     different sizes and positions); columns are standardised and solved with an SVD pseudo-inverse, so
 *     collinear inputs (e.g. square boxes, where w = h) give the smallest-norm solution instead of noise;</li>
 * <li>{@link #fitScaleShift}: the face-relative model, 4 unknowns, fitted from any number of pairs: the target
 *     centre moves by a fraction of the source size and the target size is a multiple of it
 *     (cx' = cx + a w, cy' = cy + b h, w' = c w, h' = d h), which is what two detectors looking at the same face
 *     differ by; the right choice when pairs are few.</li>
 * </ul>
 */
public final class DetectorBoxFit {
    private DetectorBoxFit() {
    }

    /** A source box and the target detector's box for the same face. */
    public record BoxPair(FaceBox from, FaceBox to) {
    }

    /** The full affine least-squares fit (see the class comment); needs at least 5 pairs. */
    public static DetectorBoxMapping fit(List<BoxPair> pairs) {
        check(pairs, 5, "fit every affine coefficient; use fitScaleShift with fewer pairs");
        int n = pairs.size();
        double[][] in = new double[n][], out = new double[n][];
        for (int i = 0; i < n; i++) {
            in[i] = vector(pairs.get(i).from());
            out[i] = vector(pairs.get(i).to());
        }
        // Standardise the inputs so that the pseudo-inverse's smallest-norm choice does not depend on units.
        double[] mean = new double[4], scale = new double[4];
        for (int k = 0; k < 4; k++) {
            for (double[] v : in) {
                mean[k] += v[k] / n;
            }
            double ss = 0;
            for (double[] v : in) {
                ss += (v[k] - mean[k]) * (v[k] - mean[k]);
            }
            scale[k] = Math.sqrt(ss / n);
        }
        DMatrixRMaj a = new DMatrixRMaj(n, 5), b = new DMatrixRMaj(n, 4), x = new DMatrixRMaj(5, 4);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                a.set(i, k, scale[k] > 0 ? (in[i][k] - mean[k]) / scale[k] : 0);
                b.set(i, k, out[i][k]);
            }
            a.set(i, 4, 1);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(a)) {
            throw new Face3dException("cannot fit a box mapping to these " + n + " pairs: give boxes of different"
                + " sizes and positions, or use fitScaleShift");
        }
        solver.solve(b, x);
        // Back to raw inputs: out_r = sum_k x[k][r] (in_k - mean_k) / scale_k + x[4][r].
        double[] c = new double[20];
        for (int r = 0; r < 4; r++) {
            double constant = x.get(4, r);
            for (int k = 0; k < 4; k++) {
                double g = scale[k] > 0 ? x.get(k, r) / scale[k] : 0;
                c[r * 5 + k] = g;
                constant -= g * mean[k];
            }
            c[r * 5 + 4] = constant;
        }
        return new DetectorBoxMapping(c);
    }

    /** The face-relative 4-parameter least-squares fit (see the class comment); needs one pair. */
    public static DetectorBoxMapping fitScaleShift(List<BoxPair> pairs) {
        check(pairs, 1, "fit a box mapping");
        double saw = 0, sww = 0, sbh = 0, shh = 0, scw = 0, sdh = 0;
        for (BoxPair p : pairs) {
            FaceBox f = p.from(), t = p.to();
            double w = f.width(), h = f.height();
            // Least squares through the origin, one parameter each: a = sum(w (cx' - cx)) / sum(w^2), etc.
            saw += w * ((t.x() + t.width() / 2) - (f.x() + w / 2));
            sbh += h * ((t.y() + t.height() / 2) - (f.y() + h / 2));
            scw += w * t.width();
            sdh += h * t.height();
            sww += w * w;
            shh += h * h;
        }
        double a = saw / sww, b = sbh / shh, cw = scw / sww, dh = sdh / shh;
        double[] c = new double[20];
        // x' = cx' - w'/2 = x + (1/2 + a - c/2) w; likewise y'; w' = c w; h' = d h.
        c[0] = 1;
        c[2] = 0.5 + a - cw / 2;
        c[5 + 1] = 1;
        c[5 + 3] = 0.5 + b - dh / 2;
        c[10 + 2] = cw;
        c[15 + 3] = dh;
        return new DetectorBoxMapping(c);
    }

    /**
     * Pairs boxes of two detectors on the same image: greedily by intersection over union, best first, each box
     * used once, pairs below {@code minIou} dropped (faces only one detector found).
     */
    public static List<BoxPair> pairByOverlap(List<FaceBox> from, List<FaceBox> to, double minIou) {
        List<double[]> candidates = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            for (int j = 0; j < to.size(); j++) {
                double iou = iou(from.get(i), to.get(j));
                if (iou >= minIou) {
                    candidates.add(new double[]{iou, i, j});
                }
            }
        }
        candidates.sort((p, q) -> Double.compare(q[0], p[0]));
        boolean[] usedFrom = new boolean[from.size()], usedTo = new boolean[to.size()];
        List<BoxPair> pairs = new ArrayList<>();
        for (double[] c : candidates) {
            int i = (int) c[1], j = (int) c[2];
            if (!usedFrom[i] && !usedTo[j]) {
                usedFrom[i] = usedTo[j] = true;
                pairs.add(new BoxPair(from.get(i), to.get(j)));
            }
        }
        return pairs;
    }

    /** Intersection over union of two boxes (0 when either is empty). */
    public static double iou(FaceBox p, FaceBox q) {
        double ix = Math.min(p.x() + p.width(), q.x() + q.width()) - Math.max(p.x(), q.x());
        double iy = Math.min(p.y() + p.height(), q.y() + q.height()) - Math.max(p.y(), q.y());
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        return inter / (p.width() * p.height() + q.width() * q.height() - inter);
    }

    private static double[] vector(FaceBox b) {
        return new double[]{b.x(), b.y(), b.width(), b.height()};
    }

    private static void check(List<BoxPair> pairs, int min, String task) {
        if (pairs == null || pairs.size() < min) {
            throw new Face3dException((pairs == null ? 0 : pairs.size()) + " box pairs are too few to " + task
                + ": give at least " + min + " faces found by both detectors");
        }
        for (BoxPair p : pairs) {
            for (FaceBox b : List.of(p.from(), p.to())) {
                if (!(b.width() > 0 && b.height() > 0) || !Double.isFinite(b.x() + b.y() + b.width() + b.height())) {
                    throw new Face3dException("box pair with an empty or non-finite box " + vectorString(b)
                        + ": drop it from the calibration set");
                }
            }
        }
    }

    private static String vectorString(FaceBox b) {
        return Arrays.toString(vector(b));
    }
}
