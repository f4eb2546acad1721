package io.face3d.eval.bench;

import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.geom.Rotation;
import io.face3d.core.mesh.Mesh;
import io.face3d.eval.AlignMode;
import io.face3d.eval.CropSpec;
import io.face3d.eval.EvalConfig;
import io.face3d.eval.MeshEvaluation;
import io.face3d.eval.MeshEvaluator;
import io.face3d.core.geom.Similarity;
import io.face3d.eval.plot.Charts;
import io.face3d.eval.plot.ErrorHeatmap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;

/**
 * The {@code eval} bench suite: every number {@code face3d evaluate} reports, measured on random mesh pairs whose
 * answer is known analytically (or by dense quadrature), against a bar of 2% or 0.05 mm; ICP recovery of
 * rigid and scaled copies; the time of a 100k-vertex scan against a 30k-vertex prediction (ICP + distances); and a
 * 5M-triangle scan's time and heap (in the quick setting: a scan of the speed case's density).
 */
public final class EvalBenchSuite extends AbstractBenchSuite {
    private static final double BAR_MM = 0.05, BAR_REL = 0.02;

    public EvalBenchSuite() {
        super("eval", "surface distances, Hausdorff and ICP on analytic mesh pairs vs truth; speed and memory of evaluate");
    }

    private record Row(String pair, String quantity, double truth, double got, double bar) {
        boolean pass() {
            return Math.abs(got - truth) <= bar;
        }
    }

    @Override
    public Result run(Context context) {
        int repeats = context.sizeOr(3);
        Random random = new Random(context.seed());
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < repeats; k++) {
            context.progress().accept("eval: analytic pairs, round " + (k + 1) + "/" + repeats);
            spheres(random, rows);
            plane(random, rows);
            bump(random, rows);
            copies(random, rows);
        }
        StringBuilder md = new StringBuilder();
        md.append("## eval: surface distances and alignment\n\n");
        md.append(String.format(Locale.ROOT, "Random analytic mesh pairs (seed %d, %d rounds): concentric spheres in "
            + "two tessellations (UV vs icosphere), a plane and its offset (jittered grids, random diagonals), a "
            + "Gaussian bump on a plane vs the flat plane (truth of the area-weighted mean by 1000x1000 quadrature), "
            + "and a face-like relief vs moved / scaled copies (different tessellation, normal noise on the "
            + "scan, 0.1 and 0.2 mm, scan covering the central 55%%). Bar: |error| <= max(0.05 mm, 2%% of truth); ICP: RMS vertex "
            + "error over the scanned part < 0.05 mm (rigid) / 0.1 mm (scaled).%n%n", context.seed(), repeats));
        md.append("| pair | quantity | truth (mm) | measured (mm) | error (mm) | pass |\n|---|---|---|---|---|---|\n");
        int passed = 0;
        for (Row r : rows) {
            passed += r.pass() ? 1 : 0;
            md.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4g | %.3g | %s |%n", r.pair(), r.quantity(),
                r.truth(), r.got(), r.got() - r.truth(), r.pass() ? "yes" : "**NO**"));
        }
        md.append(String.format(Locale.ROOT, "%n**%d of %d numbers within the bar.**%n%n", passed, rows.size()));
        errorChart(rows, context);
        md.append("![errors](eval_errors.png)\n\n");
        context.progress().accept("eval: speed, 100k-vertex scan vs 30k-vertex prediction");
        speed(context, md);
        context.progress().accept("eval: large scan");
        large(context, md);
        return new Result(md.toString());
    }

    private static EvalConfig config(AlignMode mode, long seed) {
        EvalConfig c = EvalConfig.defaults(mode);
        return new EvalConfig(mode, CropSpec.NONE, c.samples(), seed, c.icp());
    }

    private static void spheres(Random random, List<Row> rows) {
        double r = 30 + 60 * random.nextDouble(), gap = 0.3 + 5 * random.nextDouble();
        double cx = 50 * random.nextGaussian(), cy = 50 * random.nextGaussian(), cz = 50 * random.nextGaussian();
        Mesh gt = AnalyticMeshes.icoSphere(r, cx, cy, cz, 5);
        Mesh pred = AnalyticMeshes.uvSphere(r + gap, cx, cy, cz, 150 + random.nextInt(60), 300 + random.nextInt(100));
        MeshEvaluation e = new MeshEvaluator(config(AlignMode.NONE, random.nextLong())).evaluate(pred, gt, null, null);
        String pair = String.format(Locale.ROOT, "spheres r=%.1f gap=%.2f", r, gap);
        all(rows, pair, gap, e);
    }

    private static void plane(Random random, List<Row> rows) {
        double d = 0.2 + 8 * random.nextDouble();
        Mesh gt = AnalyticMeshes.heightField(-60, 60, -70, 70, 40 + random.nextInt(40), 40 + random.nextInt(40),
            (x, y) -> 0, 0.9, random.nextLong());
        Mesh pred = AnalyticMeshes.heightField(-60, 60, -70, 70, 20 + random.nextInt(40), 20 + random.nextInt(40),
            (x, y) -> d, 0.9, random.nextLong());
        MeshEvaluation e = new MeshEvaluator(config(AlignMode.NONE, random.nextLong())).evaluate(pred, gt, null, null);
        all(rows, String.format(Locale.ROOT, "plane offset %.2f", d), d, e);
    }

    private static void all(List<Row> rows, String pair, double truth, MeshEvaluation e) {
        double bar = Math.max(BAR_MM, BAR_REL * truth);
        rows.add(new Row(pair, "hausdorff", truth, e.hausdorff(), bar));
        rows.add(new Row(pair, "pred_to_gt mean", truth, e.predToGt().mean(), bar));
        rows.add(new Row(pair, "pred_to_gt rms", truth, e.predToGt().rms(), bar));
        rows.add(new Row(pair, "gt_to_pred mean", truth, e.gtToPred().mean(), bar));
        rows.add(new Row(pair, "gt_to_pred median", truth, e.gtToPred().median(), bar));
        rows.add(new Row(pair, "scan_to_mesh max", truth, e.scanToMesh().max(), bar));
        rows.add(new Row(pair, "rmse", truth, e.rmse(), bar));
    }

    private static void bump(Random random, List<Row> rows) {
        double h = 2 + 10 * random.nextDouble(), sigma = 6 + 10 * random.nextDouble();
        double bx = 10 * random.nextGaussian(), by = 10 * random.nextGaussian();
        DoubleBinaryOperator f = AnalyticMeshes.bump(h, sigma, bx, by);
        Mesh gt = AnalyticMeshes.heightField(-60, 60, -60, 60, 200, 200, f, 0.7, random.nextLong());
        Mesh pred = AnalyticMeshes.heightField(-60, 60, -60, 60, 10 + random.nextInt(20), 10 + random.nextInt(20),
            (x, y) -> 0, 0.7, random.nextLong());
        MeshEvaluation e = new MeshEvaluator(config(AlignMode.NONE, random.nextLong())).evaluate(pred, gt, null, null);
        int n = 1000;
        double num = 0, den = 0, step = 120.0 / n, sum2 = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = -60 + (i + 0.5) * step, y = -60 + (j + 0.5) * step, z = f.applyAsDouble(x, y);
                double gx = -z * (x - bx) / (sigma * sigma), gy = -z * (y - by) / (sigma * sigma);
                double w = Math.sqrt(1 + gx * gx + gy * gy);
                num += z * w;
                sum2 += z * z * w;
                den += w;
            }
        }
        String pair = String.format(Locale.ROOT, "bump h=%.2f sigma=%.1f", h, sigma);
        rows.add(new Row(pair, "hausdorff", h, e.hausdorff(), Math.max(BAR_MM, BAR_REL * h)));
        rows.add(new Row(pair, "scan_to_mesh max", h, e.scanToMesh().max(), Math.max(BAR_MM, BAR_REL * h)));
        double mean = num / den, rms = Math.sqrt(sum2 / den);
        rows.add(new Row(pair, "gt_to_pred mean", mean, e.gtToPred().mean(), Math.max(BAR_MM, BAR_REL * mean)));
        rows.add(new Row(pair, "gt_to_pred rms", rms, e.gtToPred().rms(), Math.max(BAR_MM, BAR_REL * rms)));
    }

    private static void copies(Random random, List<Row> rows) {
        long seed = random.nextLong();
        Mesh truth = AnalyticMeshes.heightField(-60, 60, -75, 75, 70 + random.nextInt(30), 90 + random.nextInt(30),
            AnalyticMeshes.faceRelief(), 0.7, seed);
        double[] r = Rotation.fromEulerDegrees(10 * random.nextGaussian(), 6 * random.nextGaussian(), 6 * random.nextGaussian());
        double[] t = {4 * random.nextGaussian(), 4 * random.nextGaussian(), 4 * random.nextGaussian()};
        Mesh exact = truth.withPositions(new Similarity(1, r, t).apply(truth.positions()));
        MeshEvaluation e = new MeshEvaluator(config(AlignMode.ICP, seed)).evaluate(exact, truth, null, null);
        rows.add(new Row("rigid copy, same mesh", "ICP max vertex error", 0, maxError(e.alignedPred(), truth), 1e-3));
        double s = 0.85 + 0.3 * random.nextDouble();
        Mesh scaled = truth.withPositions(new Similarity(s, r, t).apply(truth.positions()));
        int sx = 100 + random.nextInt(40), sy = 130 + random.nextInt(40);
        for (double noise : new double[] {0.1, 0.2}) {
            Mesh scan = AnalyticMeshes.partialScan(sx, sy, noise, seed + 1, seed + 2);
            e = new MeshEvaluator(config(AlignMode.ICP, seed)).evaluate(exact, scan, null, null);
            rows.add(new Row(String.format(Locale.ROOT, "rigid copy, noisy partial scan (%.1f mm)", noise),
                "ICP RMS vertex error", 0, AnalyticMeshes.partialScanRms(e.alignedPred(), truth), 0.05));
            e = new MeshEvaluator(config(AlignMode.ICP_SCALE, seed)).evaluate(scaled, scan, null, null);
            rows.add(new Row(String.format(Locale.ROOT, "scaled copy x%.3f, noisy partial scan (%.1f mm)", s, noise),
                "icp-scale RMS vertex error", 0, AnalyticMeshes.partialScanRms(e.alignedPred(), truth), 0.1));
        }
    }

    private static double maxError(Mesh aligned, Mesh truth) {
        double worst = 0;
        float[] a = aligned.positions(), t = truth.positions();
        for (int i = 0; i < a.length; i += 3) {
            worst = Math.max(worst, Math.sqrt(sq(a[i] - t[i]) + sq(a[i + 1] - t[i + 1]) + sq(a[i + 2] - t[i + 2])));
        }
        return worst;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static void errorChart(List<Row> rows, Context context) {
        String[] kinds = {"spheres", "plane", "bump", "rigid copy, same", "rigid copy, noisy", "scaled"};
        String[] labels = {"spheres", "plane", "bump", "rigid", "rigid noisy", "scaled noisy"};
        double[][] worst = new double[1][kinds.length];
        for (Row r : rows) {
            for (int k = 0; k < kinds.length; k++) {
                if (r.pair().startsWith(kinds[k])) {
                    worst[0][k] = Math.max(worst[0][k], Math.abs(r.got() - r.truth()));
                }
            }
        }
        Charts.writePng(Charts.bars("eval suite: worst |measured - truth| per pair type", "mm", labels,
            new String[] {"worst error"}, worst), context.outDir().resolve("eval_errors.png"));
    }

    private static Mesh[] speedPair(long seed) {
        Mesh scan = AnalyticMeshes.withNormalNoise(AnalyticMeshes.heightField(-60, 60, -75, 75, 283, 354,
            AnalyticMeshes.faceRelief(), 0.8, seed), 0.1, seed);
        Mesh truth = AnalyticMeshes.heightField(-65, 65, -80, 80, 155, 194, AnalyticMeshes.faceRelief(), 0.8, seed + 1);
        Mesh pred = truth.withPositions(new Similarity(1, Rotation.fromEulerDegrees(6, -4, 3),
            new double[] {3, -2, 4}).apply(truth.positions()));
        return new Mesh[] {pred, scan};
    }

    private static void speed(Context context, StringBuilder md) {
        Mesh[] pair = speedPair(context.seed());
        MeshEvaluator evaluator = new MeshEvaluator(config(AlignMode.ICP, context.seed()));
        evaluator.evaluate(pair[0], pair[1], null, null); // warm-up (JIT)
        int runs = context.quick() ? 1 : 5;
        double[] ms = new double[runs], cpu = new double[runs];
        MeshEvaluation last = null;
        for (int i = 0; i < ms.length; i++) {
            long c0 = processCpuNanos(), t0 = System.nanoTime();
            last = evaluator.evaluate(pair[0], pair[1], null, null);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (processCpuNanos() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        md.append("### Speed\n\n");
        md.append(String.format(Locale.ROOT, "Scan %d vertices / %d triangles (0.1 mm noise) vs prediction %d vertices "
                + "/ %d triangles moved by 8 deg and 5 mm; `--align icp` (two starts), no crop, 100k samples per "
                + "surface. Median of %d runs after one warm-up: wall **%.0f ms** (min %.0f, max %.0f), process CPU "
                + "%.0f ms (all threads, includes GC), i.e. about %.0f ms of wall time on %d idle cores; machine "
                + "load average during the run %.1f on %d cores. %d ICP steps, scan-to-mesh mean %.3f mm.%n%n",
            pair[1].vertexCount(), pair[1].triangleCount(), pair[0].vertexCount(), pair[0].triangleCount(),
            runs, ms[runs / 2], ms[0], ms[runs - 1], cpu[runs / 2], cpu[runs / 2] / cores, cores, load, cores,
            last.icpIterations(),
            last.scanToMesh().mean()));
        ErrorHeatmap.write(last.evaluatedGt(), last.perVertexError(), 0, "scan-to-mesh error, speed case",
            context.outDir().resolve("eval_heatmap.png"));
        md.append("![heatmap](eval_heatmap.png)\n\n");
    }

    /** CPU time of the whole process (HotSpot's OperatingSystemMXBean), or -1 when the JVM does not report it. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static void large(Context context, StringBuilder md) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        // quick: the speed case's scan density instead of 5M triangles
        int nx = context.quick() ? 283 : 1415, ny = context.quick() ? 354 : 1768;
        Mesh scan = AnalyticMeshes.heightField(-60, 60, -75, 75, nx, ny, AnalyticMeshes.faceRelief(), 0.8,
            context.seed());
        Mesh pred = speedPair(context.seed())[0];
        long t1 = System.nanoTime(), c1 = processCpuNanos();
        MeshEvaluation e = new MeshEvaluator(config(AlignMode.ICP, context.seed())).evaluate(pred, scan, null, null);
        long t2 = System.nanoTime(), c2 = processCpuNanos();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        md.append("### Large scan\n\n");
        md.append(String.format(Locale.ROOT, "Scan of %d vertices / %d triangles vs the 30k prediction, `--align icp`: "
                + "built in %.1f s, evaluated in %.1f s wall (%.1f s process CPU); peak heap (sum of pool peaks) %d MB of max %d MB; "
                + "scan-to-mesh mean %.3f mm.%n%n", scan.vertexCount(), scan.triangleCount(), (t1 - t0) / 1e9,
            (t2 - t1) / 1e9, (c2 - c1) / 1e9, peak >> 20, Runtime.getRuntime().maxMemory() >> 20, e.scanToMesh().mean()));
    }
}
