package io.face3d.api;

import io.face3d.core.image.RgbImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_video.OPTFLOW_USE_INITIAL_FLOW;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowPyrLK;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;
import static org.bytedeco.opencv.global.opencv_video.OPTFLOW_FARNEBACK_GAUSSIAN;

/**
 * Carries a face's landmarks from its rest photo into a photo of the same face in another posture by following the
 * image itself: pyramidal Lucas-Kanade (Bouguet's implementation in OpenCV, {@code calcOpticalFlowPyrLK}), started
 * at the detector's points in the posture photo (which absorbs a head movement between the photos) and checked
 * forward-backward (Kalal et al. 2010: a point tracked back must land where it started).
 *
 * <p>Why: a landmark detector smooths a one-sided movement toward a symmetric one (measured on photo-like renders of
 * one-sided smiles, MediaPipe, 24 subjects: the 2D mouth-corner displacement ratio weaker/stronger within 0.15 of
 * the truth for 6 of 24, the tracked one for 22 of 24; brow raise 4 against 24, [e] 8 against 24). The rest photo's
 * points are where the detector is at its best (no movement), and the skin, lips and brows carry them.
 */
public final class RestPointTracker {
    /** iBUG points tracked: brows, nose, eyes and mouth (the jaw outline slides along the face, it is not a point). */
    public static final int FIRST_POINT = 17;
    /** Window side as a fraction of the inter-ocular distance (21 px at 140 px IOD). */
    private static final double WINDOW_IOD = 0.14;
    private static final int PYRAMID_LEVELS = 4;
    /** A track whose backward track ends this far (fraction of IOD) from its start is not trusted. */
    private static final double MAX_FORWARD_BACKWARD_IOD = 0.10;
    /** Outer mouth corners (iBUG 48, 54), refined with a small window (9 px at 140 px IOD). */
    private static final int[] MOUTH_CORNERS = {48, 54};
    private static final double CORNER_WINDOW_IOD = 0.055;
    private static final double CORNER_FORWARD_BACKWARD_IOD = 0.02;

    private RestPointTracker() {
    }

    /**
     * @param rest       the rest photo
     * @param restPoints the 68 detected points in the rest photo (x, y interleaved, pixels)
     * @param posture    the posture photo
     * @param detected   the 68 detected points in the posture photo: the start of each track, and the answer where a
     *                   track fails its forward-backward check
     * @return the 68 points in the posture photo: the jaw (0-16) and failed tracks as detected, the rest tracked
     */
    public static double[] track(RgbImage rest, double[] restPoints, RgbImage posture, double[] detected) {
        double iod = Math.hypot(restPoints[2 * 45] - restPoints[2 * 36], restPoints[2 * 45 + 1] - restPoints[2 * 36 + 1]);
        int[] tracked = new int[68 - FIRST_POINT];
        for (int i = 0; i < tracked.length; i++) {
            tracked[i] = FIRST_POINT + i;
        }
        double[] out = detected.clone();
        try (Mat a = gray(rest); Mat b = gray(posture)) {
            follow(a, b, restPoints, tracked, detected, window(WINDOW_IOD, iod), MAX_FORWARD_BACKWARD_IOD * iod, out);
            // the mouth corners are point features in a region that deforms: a small window, started where the large
            // one ended, localises them better (on 24 renders of smiles the corners' vertical error fell from 3.2 and
            // 2.4 px to 2.0 and 1.3 px; edge points along the lips, which need the large window, are left alone)
            follow(a, b, restPoints, MOUTH_CORNERS, out.clone(), window(CORNER_WINDOW_IOD, iod),
                CORNER_FORWARD_BACKWARD_IOD * iod, out);
            String mode = System.getProperty("face3d.track", "lk");
            if (!mode.equals("lk")) {
                dense(a, b, restPoints, detected, iod, mode, out);
            }
        }
        return out;
    }

    private static void dense(Mat a, Mat b, double[] restPoints, double[] detected, double iod, String mode,
                              double[] out) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] p : new double[][] {restPoints, detected}) {
            for (int i = 0; i < 68; i++) {
                minX = Math.min(minX, p[2 * i]);
                maxX = Math.max(maxX, p[2 * i]);
                minY = Math.min(minY, p[2 * i + 1]);
                maxY = Math.max(maxY, p[2 * i + 1]);
            }
        }
        double margin = 0.4 * iod;
        int x0 = Math.max(0, (int) Math.floor(minX - margin)), y0 = Math.max(0, (int) Math.floor(minY - margin));
        int x1 = Math.min(a.cols(), (int) Math.ceil(maxX + margin)), y1 = Math.min(a.rows(), (int) Math.ceil(maxY + margin));
        int w = x1 - x0, h = y1 - y0;
        float[] f = new float[2 * w * h];
        try (Rect r = new Rect(x0, y0, w, h); Mat ra = new Mat(a, r); Mat rb = new Mat(b, r); Mat ca = ra.clone();
             Mat cb = rb.clone(); Mat flow = new Mat()) {
            if (mode.startsWith("fb")) {
                calcOpticalFlowFarneback(ca, cb, flow, 0.5, 4, 15, 5, 7, 1.5, OPTFLOW_FARNEBACK_GAUSSIAN);
            } else {
                try (DISOpticalFlow dis = DISOpticalFlow.create(mode.startsWith("disu")
                    ? DISOpticalFlow.PRESET_ULTRAFAST : DISOpticalFlow.PRESET_MEDIUM)) {
                    dis.calc(ca, cb, flow);
                }
            }
            new FloatPointer(flow.data()).get(f);
        }
        double radius = Math.max(1.5, DISC_IOD * iod);
        int from = mode.contains("all") ? FIRST_POINT : 48;
        double[] ref = sample(f, w, h, restPoints[2 * 33] - x0, restPoints[2 * 33 + 1] - y0, radius);
        for (int p = from; p < 68; p++) {
            double[] d = sample(f, w, h, restPoints[2 * p] - x0, restPoints[2 * p + 1] - y0, radius);
            if (d == null) {
                continue;
            }
            boolean midline = p == 57 || p == 66;
            if (mode.contains("corn") && !(p == 48 || p == 54 || p == 60 || p == 64)) {
                continue;
            }
            out[2 * p] = restPoints[2 * p] + (midline && mode.contains("v") && ref != null ? ref[0] : d[0]);
            out[2 * p + 1] = restPoints[2 * p + 1] + d[1];
        }
    }

    private static final double DISC_IOD = Double.parseDouble(System.getProperty("face3d.track.disc", "0.025"));

    /** Median flow over a disc around (x, y) in the crop, or null outside it. */
    private static double[] sample(float[] f, int w, int h, double x, double y, double radius) {
        int r = (int) Math.ceil(radius);
        int cx = (int) Math.round(x), cy = (int) Math.round(y);
        java.util.ArrayList<Double> dx = new java.util.ArrayList<>(), dy = new java.util.ArrayList<>();
        for (int v = cy - r; v <= cy + r; v++) {
            for (int u = cx - r; u <= cx + r; u++) {
                if (u < 0 || v < 0 || u >= w || v >= h || (u - x) * (u - x) + (v - y) * (v - y) > radius * radius) {
                    continue;
                }
                dx.add((double) f[2 * (v * w + u)]);
                dy.add((double) f[2 * (v * w + u) + 1]);
            }
        }
        if (dx.isEmpty()) {
            return null;
        }
        java.util.Collections.sort(dx);
        java.util.Collections.sort(dy);
        return new double[] {dx.get(dx.size() / 2), dy.get(dy.size() / 2)};
    }

    private static int window(double fraction, double iod) {
        return 2 * (int) Math.round(Math.max(3, Math.min(30, fraction * iod / 2))) + 1;
    }

    /** Tracks {@code points} from a to b starting at {@code start}; writes into {@code out} the tracks that pass. */
    private static void follow(Mat a, Mat b, double[] restPoints, int[] points, double[] start, int window,
                               double maxForwardBackward, double[] out) {
        int n = points.length;
        try (Mat from = points(restPoints, points); Mat to = points(start, points); Mat back = points(restPoints, points);
             Mat status = new Mat(); Mat error = new Mat(); Mat status2 = new Mat(); Mat error2 = new Mat();
             Size size = new Size(window, window);
             TermCriteria stop = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 50, 0.01)) {
            calcOpticalFlowPyrLK(a, b, from, to, status, error, size, PYRAMID_LEVELS, stop, OPTFLOW_USE_INITIAL_FLOW,
                1e-4);
            calcOpticalFlowPyrLK(b, a, to, back, status2, error2, size, PYRAMID_LEVELS, stop,
                OPTFLOW_USE_INITIAL_FLOW, 1e-4);
            float[] fwd = new float[2 * n], bwd = new float[2 * n];
            new FloatPointer(to.data()).get(fwd);
            new FloatPointer(back.data()).get(bwd);
            byte[] ok = new byte[n], ok2 = new byte[n];
            status.data().get(ok);
            status2.data().get(ok2);
            for (int i = 0; i < n; i++) {
                int p = points[i];
                double fb = Math.hypot(bwd[2 * i] - restPoints[2 * p], bwd[2 * i + 1] - restPoints[2 * p + 1]);
                if (ok[i] != 0 && ok2[i] != 0 && fb <= maxForwardBackward
                    && Float.isFinite(fwd[2 * i]) && Float.isFinite(fwd[2 * i + 1])) {
                    out[2 * p] = fwd[2 * i];
                    out[2 * p + 1] = fwd[2 * i + 1];
                }
            }
        }
    }

    /** The given points as an n x 1 two-channel float Mat (OpenCV's point list). */
    private static Mat points(double[] p, int[] which) {
        int n = which.length;
        Mat m = new Mat(n, 1, CV_32FC2);
        float[] f = new float[2 * n];
        for (int i = 0; i < n; i++) {
            f[2 * i] = (float) p[2 * which[i]];
            f[2 * i + 1] = (float) p[2 * which[i] + 1];
        }
        new FloatPointer(m.data()).put(f);
        return m;
    }

    /** Luma (ITU-R BT.601 weights) as an 8-bit Mat. */
    private static Mat gray(RgbImage image) {
        int w = image.width(), h = image.height();
        byte[] rgb = image.rgb();
        byte[] g = new byte[w * h];
        for (int i = 0; i < g.length; i++) {
            g[i] = (byte) Math.round(0.299 * (rgb[3 * i] & 255) + 0.587 * (rgb[3 * i + 1] & 255)
                + 0.114 * (rgb[3 * i + 2] & 255));
        }
        Mat m = new Mat(h, w, CV_8UC1);
        BytePointer data = m.data();
        data.put(g);
        return m;
    }
}
