package io.face3d.api;

import io.face3d.core.geom.Box2;
import io.face3d.core.image.RgbImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

import java.util.Arrays;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_video.OPTFLOW_USE_INITIAL_FLOW;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowPyrLK;

/**
 * Carries a face's landmarks from its rest photo into a photo of the same face in another posture by following the
 * image itself: pyramidal Lucas-Kanade (Bouguet's implementation in OpenCV, {@code calcOpticalFlowPyrLK}), started
 * at the detector's points in the posture photo (which absorbs a head movement between the photos) and checked
 * forward-backward (Kalal et al. 2010: a point tracked back must land where it started). The lower-lip midline
 * (iBUG 57) instead takes the dense optical flow (DIS, Kroeger et al. 2016, OpenCV {@code DISOpticalFlow}) over the
 * face, the median over a small disc around its rest position, where its Lucas-Kanade track passed its check.
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
    /** Lower-lip midline (iBUG 57): moved by the dense flow. */
    private static final int LOWER_LIP_MIDLINE = 57;
    /** Radius of the disc the flow's median is taken over (3.5 px at 140 px IOD). */
    private static final double FLOW_DISC_IOD = 0.025;
    /** Margin of the face box (all points of both photos) the flow is computed on. */
    private static final double FLOW_MARGIN_IOD = 0.4;

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
            boolean[] passed = follow(a, b, restPoints, tracked, detected, window(WINDOW_IOD, iod),
                MAX_FORWARD_BACKWARD_IOD * iod, out);
            // 57 sits on the lower lip's bottom edge, which fixes only the motion across it (the aperture problem):
            // Lucas-Kanade slides along the edge, the dense flow, regularised over the face, much less (smile renders
            // of the bench assess photo subjects, seeds 11-16, 72 subjects: mean horizontal error 0.98 px against
            // 0.49 px; smile ratio within 0.15 of the truth for 67 of 72 against 60 with LK on 57 and the flow on
            // the mouth corners, the previous choice). The flow on the corners as well as 57, or on the whole outer
            // lip, gave 67 of 72 too, with a larger median ratio error (0.048, 0.042 against 0.035); the corners keep
            // Lucas-Kanade. Where LK found nothing to follow (its check failed), the flow is not trusted either.
            int p = LOWER_LIP_MIDLINE;
            if (passed[p - FIRST_POINT]) {
                FaceFlow flow = FaceFlow.between(a, b, restPoints, detected, FLOW_MARGIN_IOD * iod);
                double[] d = flow.median(restPoints[2 * p], restPoints[2 * p + 1], Math.max(1.5, FLOW_DISC_IOD * iod));
                if (d != null) {
                    out[2 * p] = restPoints[2 * p] + d[0];
                    out[2 * p + 1] = restPoints[2 * p + 1] + d[1];
                    keepAcrossMidline(restPoints, out, p);
                }
            }
        }
        return out;
    }

    /**
     * Point {@code p} of the face's midline keeps its place across the midline (the line from the nose bridge 27 to
     * the subnasale 33, as followed, scaled with it) and takes only its motion along it from {@code out}. The lower
     * lip's bottom edge is nearly level, so the flow fixes 57's vertical motion and slides along the edge: when the
     * lower lip drops with the corners pulled apart ("eee") it slid 3-7 px toward one corner (bench assess photo
     * subjects, tuning seeds 61-62), and that corner's excursion read larger than the other's. A midline point stays
     * on the midline in the assessment's frontal plane whatever the sides do.
     */
    static void keepAcrossMidline(double[] rest, double[] out, int p) {
        double rx = rest[2 * 33] - rest[2 * 27], ry = rest[2 * 33 + 1] - rest[2 * 27 + 1];
        double fx = out[2 * 33] - out[2 * 27], fy = out[2 * 33 + 1] - out[2 * 27 + 1];
        double rl = Math.hypot(rx, ry), fl = Math.hypot(fx, fy);
        if (rl < 1e-6 || fl < 1e-6) {
            return;
        }
        double ux = rx / rl, uy = ry / rl, vx = fx / fl, vy = fy / fl;
        double across = (-uy) * (rest[2 * p] - rest[2 * 27]) + ux * (rest[2 * p + 1] - rest[2 * 27 + 1]);
        double along = vx * (out[2 * p] - out[2 * 27]) + vy * (out[2 * p + 1] - out[2 * 27 + 1]);
        double a = across * fl / rl;
        out[2 * p] = out[2 * 27] + along * vx - a * vy;
        out[2 * p + 1] = out[2 * 27 + 1] + along * vy + a * vx;
    }

    /** DIS optical flow (preset MEDIUM) of a crop around the face: per pixel (dx, dy) from the rest photo. */
    private record FaceFlow(float[] flow, int x0, int y0, int width, int height) {
        static FaceFlow between(Mat a, Mat b, double[] restPoints, double[] detected, double margin) {
            Box2 box = Box2.of(restPoints, 2).union(Box2.of(detected, 2));
            int x0 = Math.max(0, (int) Math.floor(box.minX() - margin));
            int y0 = Math.max(0, (int) Math.floor(box.minY() - margin));
            int x1 = Math.min(a.cols(), (int) Math.ceil(box.maxX() + margin));
            int y1 = Math.min(a.rows(), (int) Math.ceil(box.maxY() + margin));
            int w = Math.max(1, x1 - x0), h = Math.max(1, y1 - y0);
            float[] f = new float[2 * w * h];
            try (Rect r = new Rect(x0, y0, w, h); Mat ra = new Mat(a, r); Mat rb = new Mat(b, r);
                 Mat ca = ra.clone(); Mat cb = rb.clone(); Mat flow = new Mat();
                 DISOpticalFlow dis = DISOpticalFlow.create(DISOpticalFlow.PRESET_MEDIUM)) {
                dis.calc(ca, cb, flow);
                new FloatPointer(flow.data()).get(f);
            }
            return new FaceFlow(f, x0, y0, w, h);
        }

        /** Median (per axis) of the flow over the pixels within radius of (x, y), image pixels; null outside. */
        double[] median(double x, double y, double radius) {
            int r = (int) Math.ceil(radius), cx = (int) Math.round(x) - x0, cy = (int) Math.round(y) - y0;
            double[] dx = new double[(2 * r + 1) * (2 * r + 1)], dy = new double[dx.length];
            int n = 0;
            for (int v = Math.max(0, cy - r); v <= Math.min(height - 1, cy + r); v++) {
                for (int u = Math.max(0, cx - r); u <= Math.min(width - 1, cx + r); u++) {
                    double ex = u + x0 - x, ey = v + y0 - y;
                    if (ex * ex + ey * ey <= radius * radius) {
                        dx[n] = flow[2 * (v * width + u)];
                        dy[n++] = flow[2 * (v * width + u) + 1];
                    }
                }
            }
            if (n == 0) {
                return null;
            }
            Arrays.sort(dx, 0, n);
            Arrays.sort(dy, 0, n);
            return new double[] {dx[n / 2], dy[n / 2]};
        }
    }

    private static int window(double fraction, double iod) {
        return 2 * (int) Math.round(Math.max(3, Math.min(30, fraction * iod / 2))) + 1;
    }

    /**
     * Tracks {@code points} from a to b starting at {@code start}; writes into {@code out} the tracks that pass.
     *
     * @return per point whether its track passed
     */
    private static boolean[] follow(Mat a, Mat b, double[] restPoints, int[] points, double[] start, int window,
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
            boolean[] passed = new boolean[n];
            status.data().get(ok);
            status2.data().get(ok2);
            for (int i = 0; i < n; i++) {
                int p = points[i];
                double fb = Math.hypot(bwd[2 * i] - restPoints[2 * p], bwd[2 * i + 1] - restPoints[2 * p + 1]);
                if (ok[i] != 0 && ok2[i] != 0 && fb <= maxForwardBackward
                    && Float.isFinite(fwd[2 * i]) && Float.isFinite(fwd[2 * i + 1])) {
                    out[2 * p] = fwd[2 * i];
                    out[2 * p + 1] = fwd[2 * i + 1];
                    passed[i] = true;
                }
            }
            return passed;
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
