package io.face3d.fit.landmark;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.bench.BenchSuite;
import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code face3d bench fit}: synthetic faces from the model ({@link SyntheticFaces}: identity N(0, 1), 0-4
 * expressions incl. one-sided, yaw +-60, pitch +-25, roll +-20, jaw points on the outline) at two landmark noise
 * levels (0.5% IOD; dlib-like 5% IOD, jaw 10%), each fitted by this fitter (noise model matching the level), by a
 * plain alternating linear fit to the 68 points at fixed vertices (no contour, no robust weights) and by the mean
 * face (pose only). Medians per yaw bin of: reprojection RMSE against the noise-free points (px and % IOD; and
 * over the 51 inner points 17-67 alone, % IOD),
 * dense full-face-area RMSE after similarity alignment (mm), 3D landmark error (mm, after the same alignment),
 * rotation error (deg), mean absolute expression-weight error, and fit time. A third table fits faces seen through
 * a perspective camera with the SOP and the perspective camera (focal given, and estimated); a fourth adds dense
 * FaceMesh-like input (see {@link #level}).
 */
public final class FitBenchSuite implements BenchSuite {
    private static final double FOCAL = 800;
    @Override
    public String name() {
        return "fit";
    }

    @Override
    public String description() {
        return "landmark fitter on synthetic model faces: reprojection, dense RMSE, rotation, expression error by yaw";
    }

    @Override
    public Result run(Context context) {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        int n = context.size() > 0 ? context.size() : 200;
        StringBuilder md = new StringBuilder("## fit: landmark fitter on synthetic faces\n\n");
        md.append(String.format(Locale.ROOT, "%d faces per noise level, seed %d; SOP camera, 640 x 640 images, "
            + "IOD 90-180 px. Medians; dense = full face area (9,409 vertices) after similarity alignment to the "
            + "truth; 3D lmk = the 68 iBUG vertices after the same alignment; inner = reprojection over points 17-67 only; "
            + "expr = mean |w - w_true| over the 57 weights; ms = CPU time of one fit (thread CPU time, one core); yaw bins "
            + "in degrees.%n%n", n, context.seed()));
        for (NoiseModel noise : List.of(NoiseModel.CLEAN, NoiseModel.DLIB)) {
            md.append(level(model, noise, n, context, Variant.SOP));
        }
        md.append(level(model, NoiseModel.CLEAN, n, context, Variant.PERSPECTIVE));
        // synthetic FaceMesh-like points sit on the correspondence's vertices: MediaPipe's sigmas, not its offsets
        md.append(level(model, NoiseModel.MEDIAPIPE.withoutBias(), n, context, Variant.DENSE));
        return new Result(md.toString());
    }

    /** What a table compares. */
    private enum Variant { SOP, PERSPECTIVE, DENSE }

    /**
     * One table. SOP: this fitter, the plain baseline and the mean face. PERSPECTIVE: faces seen through a
     * {@value #FOCAL} px perspective camera 350-900 mm away, fitted with the SOP camera, the perspective camera with
     * the focal given, and with it estimated. DENSE: the 68 points alone, with the 468 FaceMesh-like points, and
     * with them but without their z. The synthetic dense points are the shipped correspondence's vertices, so this
     * measures what the fit gains from dense input, not how accurate the correspondence is.
     */
    private String level(MorphableModel model, NoiseModel noise, int n, Context context, Variant variant) {
        FitConfig base = FitConfig.defaults().withNoise(noise);
        boolean perspective = variant == Variant.PERSPECTIVE;
        String[] names = switch (variant) {
            case SOP -> new String[] {"this fitter", "plain linear (fixed jaw)", "mean face"};
            case PERSPECTIVE -> new String[] {"SOP camera", "perspective, focal given", "perspective, focal estimated"};
            case DENSE -> new String[] {"68 points", "68 + 468 dense", "68 + 468 dense, no z"};
        };
        LandmarkFitter[] fitters = switch (variant) {
            case SOP -> new LandmarkFitter[] {LandmarkFitter.create(model, base),
                LandmarkFitter.create(model, FitConfig.plainBaseline(noise)),
                LandmarkFitter.create(model, base.withFitShape(false))};
            case PERSPECTIVE -> new LandmarkFitter[] {LandmarkFitter.create(model, base),
                LandmarkFitter.create(model, base.withCamera(Pose.Camera.PERSPECTIVE, FOCAL)),
                LandmarkFitter.create(model, base.withCamera(Pose.Camera.PERSPECTIVE, Double.NaN))};
            case DENSE -> new LandmarkFitter[] {LandmarkFitter.create(model, base), LandmarkFitter.create(model, base),
                LandmarkFitter.create(model, base.withDepthSigma(1e6))};
        };
        SyntheticFaces gen = new SyntheticFaces(model);
        Random rnd = new Random(context.seed());
        List<SyntheticFaces.Face> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            data.add(perspective ? gen.drawPerspective(rnd, noise, 4, FOCAL) : gen.draw(rnd, noise, 4));
        }
        int[] lm = model.landmarks68();
        // metrics[method][metric][face]
        double[][][] m = new double[3][8][n];
        double[] yaw = new double[n];
        int[] converged = new int[3];
        // the fit runs on this one thread: its CPU time is the one-core cost, whatever else shares the machine
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            SyntheticFaces.Face f = data.get(i);
            yaw[i] = f.pose().eulerDegrees()[0];
            float[] truth = model.evaluate(f.identity(), f.expression(), Region.FACE);
            float[] truthLm = model.evaluate(f.identity(), f.expression(), lm);
            for (int k = 0; k < 3; k++) {
                long t0 = threads.getCurrentThreadCpuTime();
                FitResult r = fitters[k].fit(variant == Variant.DENSE && k > 0 ? f.denseObservation()
                    : f.observation());
                m[k][6][i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
                converged[k] += r.converged() ? 1 : 0;
                double[] fp = r.fittedPoints(), clean = f.clean();
                double s = 0;
                for (int j = 0; j < 136; j++) {
                    s += (fp[j] - clean[j]) * (fp[j] - clean[j]);
                }
                m[k][0][i] = Math.sqrt(s / 68);
                m[k][1][i] = 100 * m[k][0][i] / f.iodPx();
                double inner = 0;
                for (int j = 34; j < 136; j++) {
                    inner += (fp[j] - clean[j]) * (fp[j] - clean[j]);
                }
                m[k][7][i] = 100 * Math.sqrt(inner / 51) / f.iodPx();
                float[] est = model.evaluate(r.identity(), r.expression(), Region.FACE);
                SimilarityAlignment a = SimilarityAlignment.fit(toDouble(est), toDouble(truth), truth.length / 3);
                m[k][2][i] = rms(a.apply(toDouble(est), truth.length / 3), toDouble(truth));
                m[k][3][i] = rms(a.apply(toDouble(model.evaluate(r.identity(), r.expression(), lm)), 68),
                    toDouble(truthLm));
                m[k][4][i] = Rotation.angleBetweenDegrees(r.pose().rotation(), f.pose().rotation());
                double e = 0;
                double[] w = r.expression(), wt = f.expression();
                for (int j = 0; j < w.length; j++) {
                    e += Math.abs(w[j] - wt[j]) / w.length;
                }
                m[k][5][i] = e;
            }
            if ((i + 1) % 50 == 0) {
                context.progress().accept(String.format(Locale.ROOT, "fit bench %s: %d/%d", noise.name(), i + 1, n));
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### %snoise %s (jaw %.1f%%, other points %.1f%% IOD%s)%n%n",
            perspective ? "perspective images (f = 800 px, 350-900 mm), "
                : variant == Variant.DENSE ? "dense FaceMesh-like input, " : "", noise.name(), 100 * noise.jaw(),
            100 * noise.mouth(), variant == Variant.DENSE
                ? String.format(Locale.ROOT, ", dense %.1f%%, z 3x that", 100 * noise.dense()) : ""));
        md.append("| method | abs(yaw) | faces | reproj px | reproj %IOD | inner %IOD | dense mm | 3D lmk mm | rot deg "
            + "| expr | ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < 3; k++) {
            for (int b = -1; b < 3; b++) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (b < 0 || (Math.abs(yaw[i]) >= absEdge(b) && Math.abs(yaw[i]) < absEdge(b + 1))) {
                        idx.add(i);
                    }
                }
                String bin = b < 0 ? "all" : String.format(Locale.ROOT, "%.0f-%.0f", absEdge(b), absEdge(b + 1));
                md.append("| ").append(names[k]).append(" | ").append(bin).append(" | ").append(idx.size());
                for (int q : new int[] {0, 1, 7, 2, 3, 4, 5, 6}) {
                    md.append(String.format(Locale.ROOT, " | %.3g", median(m[k][q], idx)));
                }
                md.append(" |\n");
            }
        }
        md.append(String.format(Locale.ROOT, "%nconverged (stopping rule met): %s %d/%d, %s %d/%d, %s %d/%d%n",
            names[0], converged[0], n, names[1], converged[1], n, names[2], converged[2], n));
        md.append(String.format(Locale.ROOT, "%nmean CPU time of one fit (the first fits include JIT warm-up): "
            + "%s %.1f ms, %s %.1f ms, %s %.1f ms%n%n", names[0], Arrays.stream(m[0][6]).average().orElse(0),
            names[1], Arrays.stream(m[1][6]).average().orElse(0), names[2], Arrays.stream(m[2][6]).average().orElse(0)));
        return md.toString();
    }

    /** |yaw| bin edges 0, 20, 40, 60 (bins 0-2). */
    private static double absEdge(int b) {
        return new double[] {0, 20, 40, 60.0001}[b];
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / (a.length / 3));
    }

    private static double median(double[] v, List<Integer> idx) {
        if (idx.isEmpty()) {
            return Double.NaN;
        }
        double[] s = new double[idx.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = v[idx.get(i)];
        }
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** A CLI-less runner: {@code java -cp ... io.face3d.fit.landmark.FitBenchSuite [faces] [seed]}. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Result r = new FitBenchSuite().run(new Context(java.nio.file.Path.of("."), seed, n, System.err::println));
        System.out.println(r.markdown());
    }
}
