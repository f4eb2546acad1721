package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.model.MorphableModel;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.DoubleStream;

/**
 * {@code face3d bench detectors}: the landmark noise of each detector, measured where the truth is known. Photo-like renders of model faces ({@link RenderedFaces}: identity N(0, 1), 0-4 expressions, yaw
 * +-60, pitch +-20, roll +-15 degrees, 512 x 512, perspective camera, seeds {@code seed + i}) are given to
 * MediaPipe and to dlib (dlib on MediaPipe's box mapped to its HOG convention, as {@code reconstruct} does); each
 * detected 68-point set is compared with the true projected landmarks, per group (jaw 0-16, brows 17-26, nose
 * 27-35, eyes 36-47, mouth 48-67) and, for MediaPipe, over the 468 FaceMesh points (truth: the projected ICT
 * vertices of the shipped FaceMesh correspondence, so the correspondence's own error is part of the figure, as
 * it is for the fitter).
 *
 * <p>The jaw three ways: distance to the outline point ({@link RenderedFaces}: where an annotator marks it), the
 * perpendicular distance to the outline polyline through the 17 outline points (what the fitter's contour
 * re-assignment leaves as residual, since points may slide along the contour), and distance to the fixed jaw
 * vertex (wrong on turned faces; shown for comparison).
 *
 * <p>Distances are in % of the true 2D inter-ocular distance (outer corners 36-45; shrinks with yaw). The two
 * sigma columns are per image axis and in the unit of {@link io.face3d.fit.landmark.NoiseModel} (% of the model
 * IOD times the image scale, which does not shrink with yaw): RMS of the x and y residuals pooled, and the
 * robust 1.4826 * median(|residual|) (the MAD about zero, so a systematic offset of a detector's convention
 * counts as noise, which it is to the fitter). For the jaw-to-polyline row, the one perpendicular distance. The
 * last column is the part of the error that repeats on every face (see {@link #systematic}).
 */
public final class DetectorNoiseBenchmark extends AbstractBenchSuite {
    static final String[] GROUPS = {"jaw (outline, perpendicular)", "jaw (outline point)", "jaw (fixed vertex)",
        "brows 17-26", "nose 27-35", "eyes 36-47", "mouth 48-67", "dense 468"};
    private static final int[][] RANGES = {{0, 17}, {0, 17}, {0, 17}, {17, 27}, {27, 36}, {36, 48}, {48, 68}};
    static final double MAX_YAW = 60;
    private static final double[] YAW_EDGES = {0, 15, 30, 45, 60.001};

    public DetectorNoiseBenchmark() {
        super("detectors", "MediaPipe and dlib landmark error per group on photo-like renders of model faces (noise model)");
    }

    /** Accumulated errors of one detector. */
    private static final class Tally {
        final DoubleStream.Builder[] dist = new DoubleStream.Builder[GROUPS.length];
        final DoubleStream.Builder[] axis = new DoubleStream.Builder[GROUPS.length];
        final int[] foundByBin = new int[YAW_EDGES.length - 1];
        final DoubleStream.Builder ms = DoubleStream.builder();
        /** Per landmark: sums of the residual along and across the true eye line. */
        final double[][] frame = new double[68][2];
        /** The same for the 468 FaceMesh points. */
        final double[][] denseFrame = new double[468][2];
        int found;

        Tally() {
            for (int g = 0; g < GROUPS.length; g++) {
                dist[g] = DoubleStream.builder();
                axis[g] = DoubleStream.builder();
            }
        }

        void point(int g, double px, double py, double tx, double ty, RenderedFaces.Rendered r) {
            dist[g].add(100 * Math.hypot(px - tx, py - ty) / r.iod2d());
            axis[g].add(100 * Math.abs(px - tx) / r.iodModel());
            axis[g].add(100 * Math.abs(py - ty) / r.iodModel());
        }
    }

    @Override
    public Result run(Context context) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(1));
        MorphableModel model = face3d.model();
        int n = context.sizeOr(24);
        RenderedFaces renders = new RenderedFaces(model, RenderedFaces.config(MAX_YAW));
        String[] names = {"mediapipe", "dlib"};
        Tally[] tally = {new Tally(), new Tally()};
        int[] facesByBin = new int[YAW_EDGES.length - 1];
        for (int i = 0; i < n; i++) {
            RenderedFaces.Rendered r = renders.render(context.seed() + i);
            int bin = yawBin(r.face().pose().eulerDegrees()[0]);
            facesByBin[bin]++;
            for (int d = 0; d < names.length; d++) {
                LandmarkDetector detector = face3d.landmarkDetector(names[d]);
                long t0 = System.nanoTime();
                Optional<FaceLandmarks> hit = RenderedFaces.match(detector.detect(r.image()), r);
                tally[d].ms.add((System.nanoTime() - t0) / 1e6);
                if (hit.isPresent()) {
                    tally[d].found++;
                    tally[d].foundByBin[bin]++;
                    measure(hit.get(), r, tally[d]);
                }
            }
            if ((i + 1) % 10 == 0) {
                context.progress().accept(String.format(Locale.ROOT, "detectors: %d/%d renders", i + 1, n));
            }
        }
        StringBuilder md = new StringBuilder("## detectors: landmark noise on photo-like renders "
            + "(`face3d bench detectors`)\n\n");
        md.append(String.format(Locale.ROOT, "%d renders (seeds %d..%d), 512 x 512, yaw +-%.0f, pitch +-20, roll +-15 "
            + "degrees, 0-4 expressions. Distances in %% of the true 2D IOD; sigma per image axis in %% of the model "
            + "IOD x image scale (NoiseModel's unit). Jaw: see the three rows. Pixel frame: renderer, truth and both "
            + "detectors use CONVENTIONS' frame (pixel centres at i + 0.5), no offset applied.%n%n", n,
            context.seed(), context.seed() + n - 1, MAX_YAW));
        for (int d = 0; d < names.length; d++) {
            Tally t = tally[d];
            md.append(String.format(Locale.ROOT, "### %s: found %d/%d faces (%.1f%%), median detect time %.0f ms%n%n",
                names[d], t.found, n, 100.0 * t.found / n, RenderedFaces.median(t.ms.build().toArray(), n)));
            md.append("found by |yaw|:");
            for (int b = 0; b < facesByBin.length; b++) {
                md.append(String.format(Locale.ROOT, " %.0f-%.0f: %d/%d;", YAW_EDGES[b], Math.floor(YAW_EDGES[b + 1]),
                    t.foundByBin[b], facesByBin[b]));
            }
            md.append("\n\n| group | samples | median %IOD | mean %IOD | RMS %IOD | sigma RMS/axis | "
                + "sigma 1.4826 MAD/axis | systematic RMS/axis |\n|---|---|---|---|---|---|---|---|\n");
            double[] robust = new double[GROUPS.length];
            for (int g = 0; g < GROUPS.length; g++) {
                double[] dist = t.dist[g].build().toArray(), axis = t.axis[g].build().toArray();
                if (dist.length == 0) {
                    continue;
                }
                double mean = DoubleStream.of(dist).average().orElse(Double.NaN);
                double rms = Math.sqrt(DoubleStream.of(dist).map(v -> v * v).average().orElse(Double.NaN));
                double axisRms = Math.sqrt(DoubleStream.of(axis).map(v -> v * v).average().orElse(Double.NaN));
                robust[g] = 1.4826 * RenderedFaces.median(axis, axis.length);
                md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n", GROUPS[g],
                    dist.length, RenderedFaces.median(dist, dist.length), mean, rms, axisRms, robust[g],
                    g == 0 || g == 2 ? "-" : String.format(Locale.ROOT, "%.2f", g == 7
                        ? systematic(t.denseFrame, t.found, new int[] {0, 468})
                        : systematic(t.frame, t.found, RANGES[g]))));
            }
            md.append(String.format(Locale.ROOT, "%nRobust column (jaw: perpendicular row) as fractions of the IOD "
                    + "(NoiseModel's Javadoc says which constants derive from them): jaw %.3f, brows %.3f, "
                    + "nose %.3f, eyes %.3f, mouth %.3f, dense %s%n%n",
                robust[0] / 100, robust[3] / 100, robust[4] / 100, robust[5] / 100, robust[6] / 100,
                robust[7] > 0 ? String.format(Locale.ROOT, "%.3f", robust[7] / 100) : "n/a"));
        }
        return new Result(md.toString());
    }

    /**
     * The systematic part of a group's error: per landmark, the mean residual over all faces in the frame of the
     * true eye line (along, across; model-IOD units), i.e. the offset a detector's convention has on every face;
     * RMS per axis over the group's landmarks, in %. Pooled over yaw, so a pose-dependent offset counts as random.
     */
    private static double systematic(double[][] frame, int found, int[] range) {
        double s = 0;
        for (int k = range[0]; k < range[1]; k++) {
            double ma = frame[k][0] / found, mb = frame[k][1] / found;
            s += (ma * ma + mb * mb) / 2;
        }
        return 100 * Math.sqrt(s / (range[1] - range[0]));
    }

    private static int yawBin(double yaw) {
        int b = 0;
        while (b < YAW_EDGES.length - 2 && Math.abs(yaw) >= YAW_EDGES[b + 1]) {
            b++;
        }
        return b;
    }

    /** Adds one detection's errors against the render's truth. */
    private static void measure(FaceLandmarks f, RenderedFaces.Rendered r, Tally t) {
        double[] p = f.points(), out = r.outline(), fixed = r.vertex68();
        for (int k = 0; k < 17; k++) {
            double px = p[2 * k], py = p[2 * k + 1];
            double perp = distanceToPolyline(px, py, out, 17);
            t.dist[0].add(100 * perp / r.iod2d());
            t.axis[0].add(100 * perp / r.iodModel());
            t.point(1, px, py, out[2 * k], out[2 * k + 1], r);
            t.point(2, px, py, fixed[2 * k], fixed[2 * k + 1], r);
        }
        for (int g = 3; g < RANGES.length; g++) {
            for (int k = RANGES[g][0]; k < RANGES[g][1]; k++) {
                t.point(g, p[2 * k], p[2 * k + 1], out[2 * k], out[2 * k + 1], r);
            }
        }
        for (int k = 0; k < 68; k++) {
            inEyeFrame(p[2 * k] - out[2 * k], p[2 * k + 1] - out[2 * k + 1], r, t.frame[k]);
        }
        if (f.dense() != null && r.dense() != null) {
            for (int k = 0; k < 468; k++) {
                t.point(7, f.dense()[3 * k], f.dense()[3 * k + 1], r.dense()[2 * k], r.dense()[2 * k + 1], r);
                inEyeFrame(f.dense()[3 * k] - r.dense()[2 * k], f.dense()[3 * k + 1] - r.dense()[2 * k + 1], r,
                    t.denseFrame[k]);
            }
        }
    }

    /** Adds a residual's components along and across the true eye line (36 to 45), in model-IOD units. */
    private static void inEyeFrame(double dx, double dy, RenderedFaces.Rendered r, double[] acc) {
        double[] out = r.outline();
        double ex = out[90] - out[72], ey = out[91] - out[73], el = Math.hypot(ex, ey) * r.iodModel();
        acc[0] += (dx * ex + dy * ey) / el;
        acc[1] += (dy * ex - dx * ey) / el;
    }

    /** Distance from (x, y) to the polyline through the first n points of {@code poly} (x, y interleaved). */
    static double distanceToPolyline(double x, double y, double[] poly, int n) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < n; i++) {
            double ax = poly[2 * i], ay = poly[2 * i + 1], bx = poly[2 * i + 2], by = poly[2 * i + 3];
            double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
            double s = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
            best = Math.min(best, Math.hypot(x - ax - s * dx, y - ay - s * dy));
        }
        return best;
    }
}
