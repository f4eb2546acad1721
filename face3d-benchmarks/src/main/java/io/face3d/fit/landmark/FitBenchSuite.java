package io.face3d.fit.landmark;

import io.face3d.core.geom.Umeyama;
import io.face3d.core.geom.Similarity;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.bench.AbstractBenchSuite;
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
public final class FitBenchSuite extends AbstractBenchSuite {
    private static final double FOCAL = 800;
    public FitBenchSuite() {
        super("fit", "landmark fitter on synthetic model faces: reprojection, dense RMSE, rotation, expression error by yaw");
    }

    @Override
    public Result run(Context context) {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        int n = context.sizeOr(200);
        StringBuilder md = new StringBuilder("## fit: landmark fitter on synthetic faces\n\n");
        md.append(String.format(Locale.ROOT, "%d faces per table, seed %d; SOP camera, 640 x 640 images, "
            + "IOD 90-180 px. Medians; reproj = RMSE of the fitted points against the noise-free points of the "
            + "convention (all 68; inner = 17-67 only); dense = full face area (9,409 vertices) after similarity "
            + "alignment to the truth; rot = rotation error; ms = CPU time of one fit (thread CPU time, one core); "
            + "yaw bins in degrees. `face3d fit` = the default configuration, what `face3d fit` runs without flags."
            + "%n%n", n, context.seed()));
        md.append(conventions(model, n, context));
        md.append(person(model, context.quick() ? 1 : Math.max(2, n / 7), context));
        md.append("### ablations on the fitter's own synthetic faces (jaw marched by the fitter's rule)\n\n");
        md.append(level(model, NoiseModel.CLEAN, n, context, Variant.PERSPECTIVE));
        // synthetic FaceMesh-like points sit on the correspondence's vertices: MediaPipe's sigmas, not its offsets
        md.append(level(model, NoiseModel.MEDIAPIPE.withoutBias(), n, context, Variant.DENSE));
        return new Result(md.toString());
    }

    /** Landmark conditions of the convention tables. */
    private enum Condition {
        CLEAN("0.5% IOD noise", NoiseModel.CLEAN, 0),
        DETECTOR("detector-like noise (5% IOD, jaw 10%)", NoiseModel.DETECTOR_LIKE, 0),
        OFFSETS("detector-like noise + constant per-point offsets up to 5% IOD", NoiseModel.DETECTOR_LIKE, 0.05);

        final String label;
        final NoiseModel noise;
        final double offsets;

        Condition(String label, NoiseModel noise, double offsets) {
            this.label = label;
            this.noise = noise;
            this.offsets = offsets;
        }
    }

    /**
     * The main tables: faces whose jaw is marked by each {@link JawConventionFaces.Convention} (code independent of
     * the fitter), under each {@link Condition}, fitted by the default fitter, the fitter told the true noise level,
     * the plain linear fit and the mean face; then a summary against the accuracy targets.
     */
    private String conventions(MorphableModel model, int n, Context context) {
        JawConventionFaces gen = new JawConventionFaces(model);
        String[] names = {"face3d fit", "noise level given", "plain linear (fixed jaw)", "mean face"};
        StringBuilder md = new StringBuilder();
        StringBuilder summary = new StringBuilder("### summary by jaw convention (all yaws)\n\n"
            + "| condition | convention | dense mm | mean face mm | ratio | rot deg | inner %IOD |\n"
            + "|---|---|---|---|---|---|---|\n");
        Random offsetRnd = new Random(context.seed() * 7919 + 17);
        double[] offsets = JawConventionFaces.drawOffsets(offsetRnd, 0.05);
        for (Condition cond : conditions(context, Condition.values())) {
            LandmarkFitter[] fitters = {LandmarkFitter.create(model, FitConfig.defaults()),
                LandmarkFitter.create(model, FitConfig.defaults().withNoise(cond.noise)),
                LandmarkFitter.create(model, FitConfig.plainBaseline(cond.noise)),
                LandmarkFitter.create(model, FitConfig.defaults().withFitShape(false))};
            for (JawConventionFaces.Convention conv : conventions(context)) {
                // the same faces for every convention and condition: differences are the convention's own
                Random rnd = new Random(context.seed());
                List<JawConventionFaces.Face> data = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    data.add(gen.render(gen.drawTruth(rnd), conv, cond.offsets > 0 ? offsets : null, cond.noise, rnd));
                }
                Metrics[] m = new Metrics[fitters.length];
                for (int k = 0; k < fitters.length; k++) {
                    m[k] = new Metrics(n);
                }
                for (int i = 0; i < n; i++) {
                    JawConventionFaces.Face f = data.get(i);
                    for (int k = 0; k < fitters.length; k++) {
                        m[k].add(i, model, fitters[k], f.observation(), f.identity(), f.expression(), f.pose(),
                            f.clean(), f.iodPx());
                    }
                }
                context.progress().accept(String.format(Locale.ROOT, "fit bench: %s, %s done", cond.name(),
                    conv.label()));
                md.append(String.format(Locale.ROOT, "### %s, jaw: %s%n%n", cond.label, conv.label()));
                md.append(table(names, m));
                summary.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.3f | %.2f | %.2f |%n",
                    cond.name().toLowerCase(Locale.ROOT), conv.label(), m[0].median(Metrics.DENSE),
                    m[3].median(Metrics.DENSE), m[0].median(Metrics.DENSE) / m[3].median(Metrics.DENSE),
                    m[0].median(Metrics.ROT), m[0].median(Metrics.INNER)));
            }
        }
        return summary.append("\n").append(md).toString();
    }

    /**
     * {@code fit --person}: people of 5 photos each (each photo its own pose and expression; the first one frontal,
     * |yaw| <= 5 degrees), per convention at 0.5% and detector-like noise: the joint fit's dense error against the
     * median of the five single-photo fits and against the frontal photo alone.
     */
    private String person(MorphableModel model, int people, Context context) {
        JawConventionFaces gen = new JawConventionFaces(model);
        LandmarkFitter fitter = LandmarkFitter.create(model, FitConfig.defaults());
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "### fit --person: %d people x 5 photos "
            + "(default fitter)%n%n| condition | convention | joint mm | median single mm | frontal single mm "
            + "| joint / frontal | joint / median single | joint 3 photos mm |%n|---|---|---|---|---|---|---|---|%n",
            people));
        for (Condition cond : conditions(context, new Condition[] {Condition.CLEAN, Condition.DETECTOR})) {
            for (JawConventionFaces.Convention conv : conventions(context)) {
                Random rnd = new Random(context.seed() + 1000);
                double[] joint = new double[people], single = new double[people], frontal = new double[people];
                double[] joint3 = new double[people];
                for (int p = 0; p < people; p++) {
                    JawConventionFaces.Truth t = gen.drawTruth(rnd);
                    List<LandmarkObservation> obs = new ArrayList<>();
                    double[] singles = new double[5];
                    for (int k = 0; k < 5; k++) {
                        Pose pose = gen.drawPose(rnd);
                        if (k == 0) {
                            double[] e = pose.eulerDegrees();
                            pose = Pose.sop(Rotation.fromEulerDegrees(-5 + 10 * rnd.nextDouble(), e[1], e[2]),
                                pose.scale(), pose.tx(), pose.ty());
                        }
                        JawConventionFaces.Truth photo = new JawConventionFaces.Truth(t.identity(),
                            gen.drawExpression(rnd), pose);
                        JawConventionFaces.Face f = gen.render(photo, conv, null, cond.noise, rnd);
                        obs.add(f.observation());
                        singles[k] = denseError(model, fitter.fit(f.observation()).identity(), t.identity());
                    }
                    frontal[p] = singles[0];
                    Arrays.sort(singles);
                    single[p] = singles[2];
                    joint[p] = denseError(model, fitter.fitJoint(obs).identity(), t.identity());
                    joint3[p] = denseError(model, fitter.fitJoint(obs.subList(0, 3)).identity(), t.identity());
                }
                double j = median(joint), s = median(single), fr = median(frontal);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.3f | %.3f | %.2f |%n",
                    cond.name().toLowerCase(Locale.ROOT), conv.label(), j, s, fr, j / fr, j / s, median(joint3)));
            }
            context.progress().accept("fit bench: person " + cond.name() + " done");
        }
        return md.append("\nIdentity error: dense RMSE of the neutral face (identity only) after similarity "
            + "alignment; expression and pose differ per photo.\n\n").toString();
    }

    /** The quick setting keeps the first condition only. */
    private static Condition[] conditions(Context context, Condition[] all) {
        return context.quick() ? new Condition[] {all[0]} : all;
    }

    /** The quick setting keeps the first jaw convention only. */
    private static JawConventionFaces.Convention[] conventions(Context context) {
        JawConventionFaces.Convention[] all = JawConventionFaces.Convention.values();
        return context.quick() ? new JawConventionFaces.Convention[] {all[0]} : all;
    }

    /** Dense RMSE (mm, full face area, after similarity alignment) of a fit's face against the true face. */
    static double denseError(MorphableModel model, FitResult r, double[] identity, double[] expression) {
        return denseError(model, r.identity(), r.expression(), identity, expression);
    }

    /** Dense RMSE (mm, full face area, after similarity alignment) between two neutral identities. */
    private static double denseError(MorphableModel model, double[] estimate, double[] truth) {
        return denseError(model, estimate, null, truth, null);
    }

    /** Dense RMSE (mm, full face area, after similarity alignment) of an estimated face against the true one. */
    private static double denseError(MorphableModel model, double[] estId, double[] estEx, double[] trueId,
                                     double[] trueEx) {
        float[] est = model.evaluate(estId, estEx, Region.FACE), tr = model.evaluate(trueId, trueEx, Region.FACE);
        Similarity a = Umeyama.estimate(toDouble(est), toDouble(tr), true);
        return rms(a.apply(toDouble(est)), toDouble(tr));
    }

    static double median(double[] v) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            all.add(i);
        }
        return median(v, all);
    }

    /** Per-face metrics of one method, filled by {@link #add}. */
    private static final class Metrics {
        static final int REPROJ = 0, INNER = 1, DENSE = 2, ROT = 3, MS = 4;
        final double[][] v;
        final double[] yaw;
        int converged;

        Metrics(int n) {
            v = new double[5][n];
            yaw = new double[n];
        }

        void add(int i, MorphableModel model, LandmarkFitter fitter, LandmarkObservation obs, double[] id,
                 double[] ex, Pose pose, double[] clean, double iodPx) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long t0 = threads.getCurrentThreadCpuTime();
            FitResult r = fitter.fit(obs);
            v[MS][i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
            converged += r.converged() ? 1 : 0;
            yaw[i] = pose.eulerDegrees()[0];
            double[] fp = r.fittedPoints();
            double all = 0, inner = 0;
            for (int j = 0; j < 136; j++) {
                double d = (fp[j] - clean[j]) * (fp[j] - clean[j]);
                all += d;
                inner += j >= 34 ? d : 0;
            }
            v[REPROJ][i] = 100 * Math.sqrt(all / 68) / iodPx;
            v[INNER][i] = 100 * Math.sqrt(inner / 51) / iodPx;
            v[DENSE][i] = denseError(model, r, id, ex);
            v[ROT][i] = Rotation.angleBetweenDegrees(r.pose().rotation(), pose.rotation());
        }

        List<Integer> bin(int b) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < yaw.length; i++) {
                if (b < 0 || (Math.abs(yaw[i]) >= absEdge(b) && Math.abs(yaw[i]) < absEdge(b + 1))) {
                    idx.add(i);
                }
            }
            return idx;
        }

        double median(int metric) {
            return FitBenchSuite.median(v[metric], bin(-1));
        }
    }

    private static String table(String[] names, Metrics[] m) {
        StringBuilder md = new StringBuilder("| method | abs(yaw) | faces | reproj %IOD | inner %IOD | dense mm "
            + "| rot deg | ms |\n|---|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < names.length; k++) {
            for (int b = -1; b < 3; b++) {
                List<Integer> idx = m[k].bin(b);
                String bin = b < 0 ? "all" : String.format(Locale.ROOT, "%.0f-%.0f", absEdge(b), absEdge(b + 1));
                md.append("| ").append(names[k]).append(" | ").append(bin).append(" | ").append(idx.size());
                for (int q : new int[] {Metrics.REPROJ, Metrics.INNER, Metrics.DENSE, Metrics.ROT, Metrics.MS}) {
                    md.append(String.format(Locale.ROOT, " | %.3g", median(m[k].v[q], idx)));
                }
                md.append(" |\n");
            }
        }
        md.append("\nconverged (stopping rule met):");
        for (int k = 0; k < names.length; k++) {
            md.append(String.format(Locale.ROOT, " %s %d/%d;", names[k], m[k].converged, m[k].yaw.length));
        }
        return md.append("\n\n").toString();
    }

    /** What a table compares. */
    private enum Variant { PERSPECTIVE, DENSE }

    /**
     * One ablation table. PERSPECTIVE: faces seen through a
     * {@value #FOCAL} px perspective camera 350-900 mm away, fitted with the SOP camera, the perspective camera with
     * the focal given, and with it estimated. DENSE: the 68 points alone, with the 468 FaceMesh-like points, and
     * with them but without their z. The synthetic dense points are the shipped correspondence's vertices, so this
     * measures what the fit gains from dense input, not how accurate the correspondence is.
     */
    private String level(MorphableModel model, NoiseModel noise, int n, Context context, Variant variant) {
        FitConfig base = FitConfig.defaults().withNoise(noise);
        boolean perspective = variant == Variant.PERSPECTIVE;
        String[] names = switch (variant) {
            case PERSPECTIVE -> new String[] {"SOP camera", "perspective, focal given", "perspective, focal estimated"};
            case DENSE -> new String[] {"68 points", "68 + 468 dense", "68 + 468 dense, no z"};
        };
        LandmarkFitter[] fitters = switch (variant) {
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
                Similarity a = Umeyama.estimate(toDouble(est), toDouble(truth), true);
                m[k][2][i] = rms(a.apply(toDouble(est)), toDouble(truth));
                m[k][3][i] = rms(a.apply(toDouble(model.evaluate(r.identity(), r.expression(), lm))),
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
