package io.face3d.fit.landmark;

import io.face3d.core.Face3dException;
import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alternating MAP fit of pose, identity and expression to landmarks (after Aldrian and Smith 2013 and Bas et al.
 * 2017), over one or several images of one person.
 *
 * <p>Model: point i of image f is p_i = m_i + U_i a + E_i w_f (mm), seen through camera pi_f. MAP objective:
 * <pre>
 *   sum_f sum_i c_fi ||x_fi - pi_f(p_i)||^2  +  ||a||^2  +  sum_f (||w_f||^2 / sigma_w^2 + rate * sum_j w_fj),
 *   c_fi = (user weight) (robust weight) / sigma_fi^2,   sigma_fi = (noise fraction of its group) * s_f * IOD_3D
 * </pre>
 * a ~ N(0, I) is counted once however many images share it; w_f in [0, 1] with a Gaussian-times-exponential
 * prior (most expressions are off). One iteration: (1) pose: closed form ({@link PoseEstimator}: Gold Standard
 * affine, nearest SOP; perspective by Gauss-Newton, focal searched) in the first iteration only; (2) jaw points
 * marched to the face's outline ({@link JawContour#march}; their residual then has an axis along the outline's
 * normal and one across it, see {@link FitFrame#axes}); (3) robust weights from the residuals (IRLS);
 * (4) one joint Gauss-Newton step in pose, identity and expression ({@link JointShapeStep}): the camera linearised
 * at the current points, pose increments eliminated per image, identity eliminated in closed form, expression by
 * bounded least squares ({@link BoxQp}). Solving these blocks jointly rather than alternating them one by one
 * removes two slow zig-zags measured in the plain alternation (camera scale against face size, and expression
 * against identity modes moving the same landmarks): it needed 30+ iterations without converging; the joint
 * step converges in about 6.
 *
 * <p>Stopping rule: stop after iteration t &gt;= 3 when the objective changed by less than
 * {@code tolerance} times its value since iteration t-1 and no jaw point changed vertex; {@code converged} is true
 * only then. Three iterations at least, because the robust weights and the contour need a pose first.
 */
final class AlternatingLandmarkFitter implements LandmarkFitter {
    private static final int MIN_ITERATIONS = 3;
    /**
     * The jaw points march in the first iterations only: a discrete choice near a tie can flip back and forth for
     * ever, and after this many iterations the pose has long stopped moving enough to change the outline (30
     * marching iterations instead of 8 changed the clean benchmark's reprojection by 2%; 5 instead of 8 made the fit
     * 19% faster but the dense error 3% worse, bench fit 200 seed 1). Not adopted either (bench fit
     * 200 seed 5): keeping the previous contour vertex while it lies within 3 x the marching width of the line and
     * no vertex is 0.3-1 mm further out (hysteresis) converged in ~7 iterations instead of ~10 (25-35% faster), but the
     * dense error was 2-4% worse at clean noise and with the perspective camera.
     */
    private static final int CONTOUR_ITERATIONS = 8;
    /** The noise scales stop the iteration while they move by more than this fraction per update. */
    private static final double NOISE_TOLERANCE = 0.02;
    /**
     * The noise scales are re-estimated in the first iterations only, with the contour ({@link #CONTOUR_ITERATIONS}):
     * afterwards the fit converges on fixed weights. Re-estimating every iteration took 18.8 iterations per fit
     * instead of 9.1 (scales creeping by just over {@value #NOISE_TOLERANCE} per update) and was no more accurate
     * (`bench fit` conventions, tuning seed 101, 60 faces and 8 people at 0.5% noise: dense 2.09 / 2.44 / 2.41 mm
     * fixed / nearest / arc length against 2.08 / 2.41 / 2.40 with 8; thread CPU time per fit 60 -> 23 ms, loaded
     * machine, `FitCpuTime`).
     */
    private static final int CALIBRATION_ITERATIONS = CONTOUR_ITERATIONS;
    /** Largest change of a noise scale in one update (the rows were linearised at the previous estimate). */
    private static final double NOISE_STEP = 3;
    /** Bounds of the noise scales relative to the hint, and the absolute floor (fraction of the IOD). */
    private static final double MIN_NOISE_SCALE = 0.05;
    private static final double MAX_NOISE_SCALE = 20;
    private static final double NOISE_FLOOR = 0.001;

    private final FitConfig config;
    private final JawContour contour;
    private final LandmarkBasis basis;
    private final JointShapeStep shapeStep;

    AlternatingLandmarkFitter(MorphableModel model, FitConfig config) {
        this.config = config;
        this.contour = config.contour() ? new JawContour(model) : null;
        this.basis = new LandmarkBasis(model, contour);
        this.shapeStep = new JointShapeStep(basis, config);
    }

    @Override
    public JointFitResult fitJoint(List<LandmarkObservation> observations) {
        if (observations == null || observations.isEmpty()) {
            throw new Face3dException("no landmark observations to fit: give at least one landmark file");
        }
        long start = System.nanoTime();
        double[] timing = new double[3]; // pose, contour, shape (identity and expression)
        List<FitFrame> frames = new ArrayList<>();
        for (LandmarkObservation o : observations) {
            frames.add(new FitFrame(o, basis, config, contour != null));
        }
        double[] alpha = new double[basis.nId];
        double previous = Double.NaN;
        boolean converged = false;
        int iterations = 0;
        int[] assigned = new int[17];
        double[] noiseScale = {1, 1};
        for (int it = 1; it <= config.maxIterations(); it++) {
            iterations = it;
            long t0 = System.nanoTime();
            // closed-form pose only to start (and every iteration for the pose-only mean face); afterwards the pose
            // moves with the shape in the joint Gauss-Newton step, which removes the scale-versus-face-size zig-zag
            // of alternating them (measured: the objective was still falling 0.2% per iteration after 30)
            boolean closedForm = it == 1 || !config.fitShape()
                || (it == 2 && config.camera() == Pose.Camera.PERSPECTIVE && Double.isNaN(config.focal()));
            for (FitFrame f : frames) {
                f.updatePositions(alpha);
                if (closedForm) {
                    estimatePose(f);
                }
            }
            long t1 = System.nanoTime();
            boolean jawChanged = false;
            if (contour != null && it <= CONTOUR_ITERATIONS) {
                for (FitFrame f : frames) {
                    System.arraycopy(f.jawBand, 0, assigned, 0, 17);
                    contour.slide(basis.project(f.pose, basis.landmarkRow, alpha, f.expr), f.target,
                        basis.bandUv(f.pose, alpha, f.expr), JawContour.MARCH_HALF_WIDTH * f.pose.scale(), assigned,
                        f.outline);
                    boolean changed = false;
                    for (int k = 0; k < 17; k++) {
                        if (assigned[k] != f.jawBand[k]) {
                            changed = true;
                            f.jawBand[k] = assigned[k];
                            f.row[k] = assigned[k] < 0 ? basis.landmarkRow[k] : basis.bandRow[assigned[k]];
                        }
                    }
                    if (changed) {
                        jawChanged = true;
                        f.updatePositions(alpha);
                        if (closedForm) {
                            estimatePose(f);
                        }
                    }
                }
            }
            long t2 = System.nanoTime();
            if (config.robust() != FitConfig.Robust.NONE) {
                for (FitFrame f : frames) {
                    RobustWeights.update(f, config);
                }
            }
            boolean noiseMoved = false;
            if (config.fitShape()) {
                boolean calibrating = config.calibrateNoise() && it <= CALIBRATION_ITERATIONS;
                shapeStep.solve(frames, alpha);
                for (FitFrame f : frames) {
                    f.updatePositions(alpha);
                }
                if (calibrating) {
                    noiseMoved = calibrateNoise(frames, noiseScale);
                }
                timing[2] += (System.nanoTime() - t2) / 1e6;
            }
            timing[0] += (t1 - t0) / 1e6;
            timing[1] += (t2 - t1) / 1e6;
            double objective = objective(frames, alpha);
            // the stopping rule (class comment): small relative change and a stable contour, after MIN_ITERATIONS
            if (it >= MIN_ITERATIONS && !jawChanged && !noiseMoved
                && Math.abs(previous - objective) <= config.tolerance() * Math.max(objective, 1e-12)) {
                converged = true;
                break;
            }
            previous = objective;
        }
        double total = (System.nanoTime() - start) / 1e6;
        List<FitResult> results = new ArrayList<>();
        for (FitFrame f : frames) {
            results.add(result(f, alpha, iterations, converged, timing, total, settledNoise(noiseScale)));
        }
        return new JointFitResult(alpha, results, iterations, converged);
    }

    /**
     * One update of the noise scales (jaw, inner points) from the residuals after the joint step, through
     * {@link NoiseCalibration}; sets every frame's sigmas. The images of a joint fit share the scales (one detector).
     *
     * @return whether a scale moved by more than {@value #NOISE_TOLERANCE} (relative)
     */
    private boolean calibrateNoise(List<FitFrame> frames, double[] scale) {
        List<DMatrixRMaj> rows = new ArrayList<>(), normals = new ArrayList<>();
        List<int[]> groups = new ArrayList<>();
        List<boolean[]> fixed = new ArrayList<>();
        double[] rss = new double[NoiseCalibration.GROUPS], count = new double[NoiseCalibration.GROUPS];
        double[] r = new double[2], ax = new double[4];
        for (FitFrame f : frames) {
            rows.add(f.rows);
            normals.add(f.normal);
            groups.add(f.rowGroup);
            boolean[] fx = new boolean[basis.nEx];
            for (int e = 0; e < basis.nEx; e++) {
                fx[e] = f.expr[e] <= 0 || f.expr[e] >= 1;
            }
            fixed.add(fx);
            double[] uv = f.project();
            for (int i = 0; i < 68; i++) {
                f.normalisedResidual(i, uv, ax, r);
                double w = f.userW[i] * f.robustW[i];
                int g = i < 17 ? NoiseCalibration.JAW : NoiseCalibration.INNER;
                rss[g] += w * r[0] * r[0];
                count[g] += w;
                if (!f.marched(i)) {
                    rss[g] += w * r[1] * r[1];
                    count[g] += w;
                }
            }
        }
        double exPrior = 1 / (config.expressionSigma() * config.expressionSigma());
        double[] gamma = NoiseCalibration.leverage(rows, normals, groups, fixed, basis.nId, basis.nEx,
            JointShapeStep.NP, exPrior);
        if (gamma == null) {
            return false;
        }
        NoiseModel hint = config.noise();
        double innerHint = Math.min(Math.min(hint.brows(), hint.nose()), Math.min(hint.eyes(), hint.mouth()));
        double[] groupHint = {hint.jaw(), innerHint};
        boolean moved = false;
        for (int g = 0; g < NoiseCalibration.GROUPS; g++) {
            double lo = Math.max(MIN_NOISE_SCALE, NOISE_FLOOR / groupHint[g]);
            double next = NoiseCalibration.rescale(scale[g], rss[g], count[g], gamma[g], NOISE_STEP, lo,
                MAX_NOISE_SCALE);
            moved |= Math.abs(next - scale[g]) > NOISE_TOLERANCE * scale[g];
            scale[g] = next;
        }
        // jaw points are never taken as more precise than the inner points: the jaw's Tukey weights drop the points
        // that disagree, and the few left would otherwise drive the jaw's estimate down without end (seen on a photo)
        scale[NoiseCalibration.JAW] = Math.max(scale[NoiseCalibration.JAW],
            scale[NoiseCalibration.INNER] * innerHint / hint.jaw());
        for (FitFrame f : frames) {
            for (int i = 0; i < 68; i++) {
                f.sigmaFrac[i] = f.hint[i] * scale[i < 17 ? NoiseCalibration.JAW : NoiseCalibration.INNER];
            }
        }
        return moved;
    }

    /** The noise the fit used at the end: the hint scaled by the calibrated group scales. */
    private NoiseModel settledNoise(double[] scale) {
        NoiseModel h = config.noise();
        if (!config.calibrateNoise() || !config.fitShape()) {
            return h;
        }
        double j = scale[NoiseCalibration.JAW], in = scale[NoiseCalibration.INNER];
        return new NoiseModel("estimated", h.jaw() * j, h.brows() * in, h.nose() * in, h.eyes() * in,
            h.mouth() * in, h.dense(), h.bias());
    }

    /** pos = m + U a + E w at the frame's current rows. */

    private void estimatePose(FitFrame f) {
        double[] w = new double[f.n];
        for (int i = 0; i < f.n; i++) {
            // relative weights only: the pose does not depend on the absolute noise scale
            w[i] = f.userW[i] * f.robustW[i] / (f.sigmaFrac[i] * f.sigmaFrac[i]);
        }
        Pose sop = PoseEstimator.sop(f.pos, f.target, w, f.n);
        if (config.camera() == Pose.Camera.SOP) {
            f.pose = sop;
        } else {
            Pose startPose = f.pose != null && f.pose.camera() == Pose.Camera.PERSPECTIVE ? f.pose : sop;
            f.pose = Double.isNaN(config.focal())
                ? PoseEstimator.perspectiveUnknownFocal(startPose, f.diagonal, f.cx, f.cy, f.pos, f.target, w, f.n)
                : PoseEstimator.perspective(startPose, config.focal(), f.cx, f.cy, f.pos, f.target, w, f.n);
        }
        updateDepthOffset(f);
    }

    /** FaceMesh z is relative depth: its offset is a free parameter, profiled out here. */
    private static void updateDepthOffset(FitFrame f) {
        if (f.depth != null) {
            double[] r = f.pose.rotation();
            double s = 0, sw = 0;
            for (int i = 68; i < f.n; i++) {
                double cz = r[6] * f.pos[3 * i] + r[7] * f.pos[3 * i + 1] + r[8] * f.pos[3 * i + 2];
                s += f.depth[i] + f.pose.scale() * cz;
                sw++;
            }
            f.depthOffset = s / sw;
        }
    }


    private double objective(List<FitFrame> frames, double[] alpha) {
        double obj = 0;
        for (double v : alpha) {
            obj += v * v;
        }
        double prior = 1 / (config.expressionSigma() * config.expressionSigma());
        for (FitFrame f : frames) {
            double[] uv = f.project();
            double[] r = new double[2], ax = new double[4];
            for (int i = 0; i < f.n; i++) {
                f.normalisedResidual(i, uv, ax, r);
                obj += f.userW[i] * f.robustW[i] * (r[0] * r[0] + r[1] * r[1]);
            }
            for (double w : f.expr) {
                obj += prior * w * w + config.expressionRate() * w;
            }
        }
        return obj;
    }

    private FitResult result(FitFrame f, double[] alpha, int iterations, boolean converged, double[] timing,
                             double totalMs, NoiseModel noise) {
        // totalMs: the joint fit's wall time. Each point is reported where the fit's model of the detector puts it
        // (Frame.fitted): a marched jaw point at the foot of its contour vertex on its marching line, i.e. where the
        // fitted face's outline crosses that line, the same definition the synthetic benchmark marks its jaw by
        // (the contour vertex itself lies up to MARCH_HALF_WIDTH beside the line: a sampling of the outline)
        double[] uv = f.project();
        double[] fitted = new double[136];
        double[] point = new double[2];
        double[] residuals = new double[68];
        int[] vertices = new int[68];
        for (int i = 0; i < 68; i++) {
            f.fitted(i, uv, point);
            fitted[2 * i] = point[0];
            fitted[2 * i + 1] = point[1];
            residuals[i] = Math.hypot(fitted[2 * i] - f.target[2 * i], fitted[2 * i + 1] - f.target[2 * i + 1]);
            vertices[i] = basis.rowVertex[f.row[i]];
        }
        // 3D landmarks at the anatomical iBUG vertices (not the pose-dependent contour vertices)
        double[] lm3 = new double[3 * 68];
        basis.evaluateRows(basis.landmarkRow, alpha, f.expr, lm3);
        Map<String, Double> t = new LinkedHashMap<>();
        // stage times of the whole (joint) fit: images share the identity solve, so they are not split per image
        t.put("pose", timing[0]);
        t.put("contour", timing[1]);
        t.put("shape", timing[2]);
        t.put("total", totalMs);
        return new FitResult(f.pose, alpha, f.expr, fitted, lm3, residuals, Arrays.copyOf(f.robustW, 68), vertices,
            iterations, converged, t, noise);
    }
}
