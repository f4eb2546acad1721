package io.face3d.fit.landmark;

import io.face3d.core.Face3dException;
import io.face3d.core.geom.Box2;
import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

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
 * normal and one across it, see {@link Frame#axes}); (3) robust weights from the residuals (IRLS);
 * (4) one joint Gauss-Newton step in pose, identity and expression ({@link #solveShape}): the camera linearised
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
    /** Median of the Rayleigh(1) distribution: the norm of a 2D residual with unit per-axis noise. */
    private static final double RAYLEIGH_MEDIAN = 1.1774;
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
    /** Pose unknowns of the joint step: rotation increment (3) and, SOP, log-scale and image translation, or,
     * perspective, the camera-space translation (3). */
    private static final int NP = 6;
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
    /**
     * With the noise calibrated, jaw points get Tukey's biweight at this many robust spreads of the jaw's own
     * residuals instead of Huber: a point whose convention the model's outline cannot explain (the cheek edge in
     * front of the ear of a turned head, a hidden jaw) is dropped rather than inflating the jaw's sigma for every
     * other jaw point. Measured on the conventions of `bench fit` (40 faces, tuning seed 101, 0.5% noise): dense
     * 2.84 / 3.03 mm (nearest silhouette / arc length) with Huber, 2.46 / 2.86 with this; 4.685 (the usual 95%
     * efficiency constant) 2.64 / 2.99.
     */
    private static final double JAW_TUKEY = 3;

    private final FitConfig config;
    private final int nId;
    private final int nEx;
    /** Basis cache over every vertex the fit may use: landmarks, jaw band, dense correspondences. */
    private final double[] mu;
    private final double[] idRows;
    private final double[] exRows;
    private final int[] rowVertex;
    private final int[] landmarkRow;
    /** Rows of the anatomical jaw vertices, iBUG 0-16. */
    private final int[] jawRow;
    private final JawContour contour;
    private final int[] bandRow;
    /**
     * The band in the model's own single-precision, mode-major layout: the march evaluates all 3,065 band vertices
     * each time, which the double row-major cache did at ~1 ms (40% of a fit, memory-bound); the float layout halves
     * the bytes read and its per-mode sums vectorise and skip unused expressions. Positions match the double
     * evaluation to ~1e-5 mm, far below the 1.5 mm marching width.
     */
    private final MorphableModel.SubsetEvaluator bandEvaluator;
    private final int[] denseRow;
    private final double iod3d;

    AlternatingLandmarkFitter(MorphableModel model, FitConfig config) {
        this.config = config;
        this.nId = model.identityCount();
        this.nEx = model.expressionCount();
        int[] lm = model.landmarks68();
        this.contour = config.contour() ? new JawContour(model) : null;
        int[] band = contour == null ? new int[0] : contour.band();
        int[] dense = DenseCorrespondence.ictVertices();
        LinkedHashMap<Integer, Integer> rows = new LinkedHashMap<>();
        for (int[] list : new int[][] {lm, band, dense}) {
            for (int v : list) {
                rows.putIfAbsent(v, rows.size());
            }
        }
        rowVertex = rows.keySet().stream().mapToInt(Integer::intValue).toArray();
        landmarkRow = Arrays.stream(lm).map(rows::get).toArray();
        jawRow = Arrays.copyOf(landmarkRow, 17);
        bandRow = Arrays.stream(band).map(rows::get).toArray();
        bandEvaluator = contour == null ? null : model.subsetEvaluator(band);
        denseRow = Arrays.stream(dense).map(rows::get).toArray();
        MorphableModel.SubsetBasis sb = model.subset(rowVertex);
        int m3 = 3 * rowVertex.length;
        mu = sb.mean();
        idRows = transpose(sb.identity(), m3);
        exRows = transpose(sb.expression(), m3);
        float[] mean = model.meanArray();
        double dx = mean[3 * lm[45]] - mean[3 * lm[36]], dy = mean[3 * lm[45] + 1] - mean[3 * lm[36] + 1];
        double dz = mean[3 * lm[45] + 2] - mean[3 * lm[36] + 2];
        iod3d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static double[] transpose(double[][] modes, int rows) {
        int k = modes.length;
        double[] out = new double[rows * k];
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < rows; r++) {
                out[r * k + j] = modes[j][r];
            }
        }
        return out;
    }

    /** Per-image state of the alternation. */
    private final class Frame {
        final LandmarkObservation obs;
        final int n;
        final int[] row;
        final double[] target;
        final double[] depth;
        /** Per point: the noise hint (fraction of the IOD) and the sigma in use (hint x its group's scale). */
        final double[] hint;
        final double[] sigmaFrac;
        final double[] userW;
        final double[] robustW;
        final double[] pos;
        /** The detector's offset of each point from its vertex (model mm; {@link DetectorBias}), added to pos. */
        final double[] offset;
        final double[] expr = new double[nEx];
        /** Jaw points 0-16: band index of the contour vertex each has marched to (-1: its iBUG vertex). */
        final int[] jawBand = new int[17];
        /** Jaw points 0-16: outward unit normal (u, v) of the outline where each marched (see {@link #axes}). */
        final double[] outline = new double[34];
        /** Model-space positions of the 17 anatomical iBUG jaw vertices (x, y, z each). */
        final double[] anatomical = new double[51];
        final double cx;
        final double cy;
        final double diagonal;
        /**
         * The joint step's whitened rows, right sides, normal matrix A^T A and A^T b, and each row's
         * {@link NoiseCalibration} group: rebuilt in place every iteration (one allocation per fit, not per
         * iteration); the noise estimate reads rows and normal right after the step that built them.
         */
        final DMatrixRMaj rows = new DMatrixRMaj(1, nId + nEx + NP);
        final DMatrixRMaj rhs = new DMatrixRMaj(1, 1);
        final DMatrixRMaj normal = new DMatrixRMaj(nId + nEx + NP, nId + nEx + NP);
        final DMatrixRMaj normalRhs = new DMatrixRMaj(nId + nEx + NP, 1);
        /** The normal equations of identity and expression with the pose eliminated (Schur complement). */
        final DMatrixRMaj reduced = new DMatrixRMaj(nId + nEx, nId + nEx);
        final DMatrixRMaj reducedRhs = new DMatrixRMaj(nId + nEx, 1);
        int[] rowGroup = new int[0];
        Pose pose;
        double depthOffset;

        Frame(LandmarkObservation o) {
            obs = o;
            boolean hasDense = o.dense() != null;
            if (hasDense && denseRow.length != 468) {
                throw new Face3dException("dense FaceMesh points given but the FaceMesh-to-ICT correspondence is "
                    + "missing from this build: fit the 68 points only");
            }
            n = 68 + (hasDense ? 468 : 0);
            row = new int[n];
            target = new double[2 * n];
            sigmaFrac = new double[n];
            hint = new double[n];
            userW = new double[n];
            robustW = new double[n];
            pos = new double[3 * n];
            offset = new double[3 * n];
            DetectorBias bias = config.noise().bias();
            if (bias != null) {
                // a marched jaw point is an outline point: its offset from the anatomical vertex does not apply
                for (int i = contour == null ? 0 : 17; i < 68; i++) {
                    for (int c = 0; c < 3; c++) {
                        offset[3 * i + c] = bias.point(i, c);
                    }
                }
                for (int j = 0; hasDense && j < 468; j++) {
                    for (int c = 0; c < 3; c++) {
                        offset[3 * (68 + j) + c] = bias.densePoint(j, c);
                    }
                }
            }
            depth = hasDense ? new double[n] : null;
            double[] p = o.points();
            for (int i = 0; i < 68; i++) {
                row[i] = landmarkRow[i];
                target[2 * i] = p[2 * i];
                target[2 * i + 1] = p[2 * i + 1];
                double sd = config.noise().sigma68(i);
                sigmaFrac[i] = sd;
                hint[i] = sd;
                userW[i] = o.weights() == null ? 1 : o.weights()[i];
            }
            if (hasDense) {
                double[] d = o.dense();
                for (int j = 0; j < 468; j++) {
                    int i = 68 + j;
                    row[i] = denseRow[j];
                    target[2 * i] = d[3 * j];
                    target[2 * i + 1] = d[3 * j + 1];
                    depth[i] = d[3 * j + 2];
                    sigmaFrac[i] = config.noise().dense();
                    hint[i] = sigmaFrac[i];
                    userW[i] = 1;
                }
            }
            Arrays.fill(robustW, 1);
            Arrays.fill(jawBand, -1);
            // perspective needs a principal point: the image centre, else (no image size) the landmarks' box centre
            if (o.width() > 0 && o.height() > 0) {
                cx = o.width() / 2.0;
                cy = o.height() / 2.0;
                diagonal = Math.hypot(o.width(), o.height());
            } else {
                Box2 box = Box2.of(p, 2, 0, 68);
                cx = box.centreX();
                cy = box.centreY();
                diagonal = 4 * Math.hypot(box.width(), box.height());
            }
        }

        /**
         * The residual axes of point i and their sigmas (fractions of the IOD), out: a_u, a_v, sigma along a,
         * sigma across a. A point is isotropic (a = u axis, equal sigmas) except a jaw point that marched onto the
         * outline: along the outline's normal it is its contour vertex and has the detector's jaw sigma; across it
         * (along the outline) it is tied to its anatomical vertex only loosely, with {@link JawContour#SLIDE_SIGMA}
         * added in quadrature: detectors and annotators place jaw points along the outline by conventions of their own
         * (arc length, nearest silhouette point, normal crossings), so the along-outline position must not drive the
         * shape. A jaw point is thus a point-to-curve correspondence that slides along the outline within a soft
         * window around its anatomical place (Bas et al. 2016, fitting to edges; Zhu et al. 2015 marching).
         */
        void axes(int i, double[] out) {
            boolean marched = marched(i);
            out[0] = marched ? outline[2 * i] : 1;
            out[1] = marched ? outline[2 * i + 1] : 0;
            out[2] = sigmaFrac[i];
            out[3] = marched ? Math.hypot(sigmaFrac[i], JawContour.SLIDE_SIGMA) : sigmaFrac[i];
        }

        /** Whether point i is a jaw point that marched onto the outline (else it sits on its own vertex). */
        boolean marched(int i) {
            return i < 17 && jawBand[i] >= 0;
        }

        /**
         * Residual of point i (target minus projection uv) in units of its sigmas along its two axes: the point's
         * term in the objective is (user weight) (robust weight) (out[0]^2 + out[1]^2).
         */
        void normalisedResidual(int i, double[] uv, double[] ax, double[] out) {
            axes(i, ax);
            fitted(i, uv, out);
            double du = target[2 * i] - out[0], dv = target[2 * i + 1] - out[1];
            double unit = pose.scale() * iod3d;
            out[0] = (du * ax[0] + dv * ax[1]) / (ax[2] * unit);
            out[1] = (dv * ax[0] - du * ax[1]) / (ax[3] * unit);
        }

        /**
         * Where the fit puts point i, from {@link #project}: its vertex's projection, except for a marched jaw
         * point: the point of the fitted outline (the tangent line through its contour vertex) nearest to the
         * given point, i.e. the point slid along the outline.
         */
        void fitted(int i, double[] uv, double[] out) {
            if (!marched(i)) {
                out[0] = uv[2 * i];
                out[1] = uv[2 * i + 1];
                return;
            }
            double nu = outline[2 * i], nv = outline[2 * i + 1];
            double tu = target[2 * i], tv = target[2 * i + 1];
            double off = (tu - uv[2 * i]) * nu + (tv - uv[2 * i + 1]) * nv;
            out[0] = tu - off * nu;
            out[1] = tv - off * nv;
        }

        /** Projections of the n points, then of the 17 anatomical jaw vertices (u, v each). */
        double[] project() {
            double[] all = Arrays.copyOf(pos, 3 * (n + 17));
            System.arraycopy(anatomical, 0, all, 3 * n, 51);
            double[] uv = projectPoints(pose, all);
            // the marching lines turn with the pose and the shape: their normals follow the current anatomical chain
            double[] anatomicalUv = Arrays.copyOf(uv, 136);
            System.arraycopy(uv, 2 * n, anatomicalUv, 0, 34);
            JawContour.outlineNormals(anatomicalUv, outline);
            return uv;
        }
    }

    @Override
    public JointFitResult fitJoint(List<LandmarkObservation> observations) {
        if (observations == null || observations.isEmpty()) {
            throw new Face3dException("no landmark observations to fit: give at least one landmark file");
        }
        long start = System.nanoTime();
        double[] timing = new double[3]; // pose, contour, shape (identity and expression)
        List<Frame> frames = new ArrayList<>();
        for (LandmarkObservation o : observations) {
            frames.add(new Frame(o));
        }
        double[] alpha = new double[nId];
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
            for (Frame f : frames) {
                updatePositions(f, alpha);
                if (closedForm) {
                    estimatePose(f);
                }
            }
            long t1 = System.nanoTime();
            boolean jawChanged = false;
            if (contour != null && it <= CONTOUR_ITERATIONS) {
                for (Frame f : frames) {
                    System.arraycopy(f.jawBand, 0, assigned, 0, 17);
                    contour.slide(project(f.pose, landmarkRow, alpha, f.expr), f.target,
                        bandUv(f.pose, alpha, f.expr), JawContour.MARCH_HALF_WIDTH * f.pose.scale(), assigned,
                        f.outline);
                    boolean changed = false;
                    for (int k = 0; k < 17; k++) {
                        if (assigned[k] != f.jawBand[k]) {
                            changed = true;
                            f.jawBand[k] = assigned[k];
                            f.row[k] = assigned[k] < 0 ? landmarkRow[k] : bandRow[assigned[k]];
                        }
                    }
                    if (changed) {
                        jawChanged = true;
                        updatePositions(f, alpha);
                        if (closedForm) {
                            estimatePose(f);
                        }
                    }
                }
            }
            long t2 = System.nanoTime();
            if (config.robust() != FitConfig.Robust.NONE) {
                for (Frame f : frames) {
                    robustWeights(f);
                }
            }
            boolean noiseMoved = false;
            if (config.fitShape()) {
                boolean calibrating = config.calibrateNoise() && it <= CALIBRATION_ITERATIONS;
                solveShape(frames, alpha);
                for (Frame f : frames) {
                    updatePositions(f, alpha);
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
        for (Frame f : frames) {
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
    private boolean calibrateNoise(List<Frame> frames, double[] scale) {
        List<DMatrixRMaj> rows = new ArrayList<>(), normals = new ArrayList<>();
        List<int[]> groups = new ArrayList<>();
        List<boolean[]> fixed = new ArrayList<>();
        double[] rss = new double[NoiseCalibration.GROUPS], count = new double[NoiseCalibration.GROUPS];
        double[] r = new double[2], ax = new double[4];
        for (Frame f : frames) {
            rows.add(f.rows);
            normals.add(f.normal);
            groups.add(f.rowGroup);
            boolean[] fx = new boolean[nEx];
            for (int e = 0; e < nEx; e++) {
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
        double[] gamma = NoiseCalibration.leverage(rows, normals, groups, fixed, nId, nEx, NP, exPrior);
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
        for (Frame f : frames) {
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
    private void updatePositions(Frame f, double[] alpha) {
        evaluateRows(f.row, alpha, f.expr, f.pos);
        for (int i = 0; i < f.pos.length; i++) {
            f.pos[i] += f.offset[i];
        }
        evaluateRows(jawRow, alpha, f.expr, f.anatomical);
    }

    /** Image projections (u, v each) of the given basis rows under a pose, for the current coefficients. */
    private double[] project(Pose pose, int[] rowsOf, double[] alpha, double[] expr) {
        double[] pos = new double[3 * rowsOf.length];
        evaluateRows(rowsOf, alpha, expr, pos);
        return projectPoints(pose, pos);
    }

    /** Image projections of the jaw band's vertices ({@link JawContour#band} order). */
    private double[] bandUv(Pose pose, double[] alpha, double[] expr) {
        double[] uv = new double[2 * bandRow.length];
        pose.project(bandEvaluator.evaluate(alpha, expr), bandRow.length, uv);
        return uv;
    }

    /** Image projections (u, v each) of model-space points (x, y, z each; Pose projects single precision). */
    private static double[] projectPoints(Pose pose, double[] xyz) {
        float[] p = new float[xyz.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) xyz[i];
        }
        double[] uv = new double[2 * (xyz.length / 3)];
        pose.project(p, xyz.length / 3, uv);
        return uv;
    }

    private void evaluateRows(int[] rowsOf, double[] alpha, double[] expr, double[] out) {
        for (int i = 0; i < rowsOf.length; i++) {
            int r3 = 3 * rowsOf[i];
            for (int a = 0; a < 3; a++) {
                int r = r3 + a;
                double s = mu[r];
                int o = r * nId;
                for (int k = 0; k < nId; k++) {
                    s += idRows[o + k] * alpha[k];
                }
                o = r * nEx;
                for (int k = 0; k < nEx; k++) {
                    s += exRows[o + k] * expr[k];
                }
                out[3 * i + a] = s;
            }
        }
    }

    private void estimatePose(Frame f) {
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
    private static void updateDepthOffset(Frame f) {
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

    /**
     * The linearised least-squares rows of one image over [a | w | pose increment]: row = sqrt(c) [J U | J E | J_pose],
     * right side = sqrt(c) (x - pi(p0) + J p0 - J m), so that rows * [a; w; dpose] ~ right side (Gauss-Newton about
     * the current shape and pose; shape coefficients absolute, pose as an increment).
     */
    private void buildRows(Frame f, DMatrixRMaj a, DMatrixRMaj b) {
        f.project(); // refreshes the marching normals
        int modes = nId + nEx + NP;
        int rowsNeeded = 2 * f.n + (f.depth != null ? f.n - 68 : 0);
        a.reshape(rowsNeeded, modes);
        b.reshape(rowsNeeded, 1);
        if (f.rowGroup.length != rowsNeeded) {
            f.rowGroup = new int[rowsNeeded];
        }
        double[] jac = new double[9], proj = new double[3], jp = new double[3 * NP], ax = new double[4];
        double depthW = 1 / Math.pow(config.depthSigma() * f.pose.scale() * iod3d, 2);
        double[] rot = f.pose.rotation();
        int out = 0;
        for (int i = 0; i < f.n; i++) {
            double x = f.pos[3 * i], y = f.pos[3 * i + 1], z = f.pos[3 * i + 2];
            CameraJacobian.linearise(f.pose, rot, x, y, z, proj, jac, jp);
            int r3 = 3 * f.row[i];
            // the point's constant part: the vertex's mean plus the detector's offset
            double mx = mu[r3] + f.offset[3 * i], my = mu[r3 + 1] + f.offset[3 * i + 1];
            double mz = mu[r3 + 2] + f.offset[3 * i + 2];
            int dims = f.depth != null && i >= 68 ? 3 : 2;
            f.axes(i, ax);
            double w = f.userW[i] * f.robustW[i], unit = f.pose.scale() * iod3d;
            boolean marched = f.marched(i);
            for (int d = 0; d < dims; d++) {
                if (marched && d == 1) {
                    // across the normal a marched jaw point follows its anatomical vertex (Frame.fitted)
                    x = f.anatomical[3 * i];
                    y = f.anatomical[3 * i + 1];
                    z = f.anatomical[3 * i + 2];
                    CameraJacobian.linearise(f.pose, rot, x, y, z, proj, jac, jp);
                    r3 = 3 * jawRow[i];
                    mx = mu[r3];
                    my = mu[r3 + 1];
                    mz = mu[r3 + 2];
                }
                // rows 0 and 1: the residual along the point's axis a and across it (a = u for most points)
                double gu = d == 0 ? ax[0] : d == 1 ? -ax[1] : 0, gv = d == 0 ? ax[1] : d == 1 ? ax[0] : 0;
                double sc = d == 2 ? Math.sqrt(depthW * f.robustW[i]) : Math.sqrt(w) / (ax[2 + d] * unit);
                double j0, j1, j2, rhs;
                if (d == 2) {
                    j0 = jac[6];
                    j1 = jac[7];
                    j2 = jac[8];
                    rhs = f.depth[i] - f.depthOffset - proj[2];
                } else {
                    j0 = gu * jac[0] + gv * jac[3];
                    j1 = gu * jac[1] + gv * jac[4];
                    j2 = gu * jac[2] + gv * jac[5];
                    rhs = gu * (f.target[2 * i] - proj[0]) + gv * (f.target[2 * i + 1] - proj[1]);
                }
                b.data[out] = sc * (rhs + j0 * (x - mx) + j1 * (y - my) + j2 * (z - mz));
                j0 *= sc;
                j1 *= sc;
                j2 *= sc;
                int base = out * modes;
                int o0 = r3 * nId, o1 = o0 + nId, o2 = o1 + nId;
                for (int k = 0; k < nId; k++) {
                    a.data[base + k] = j0 * idRows[o0 + k] + j1 * idRows[o1 + k] + j2 * idRows[o2 + k];
                }
                base += nId;
                o0 = r3 * nEx;
                o1 = o0 + nEx;
                o2 = o1 + nEx;
                for (int k = 0; k < nEx; k++) {
                    a.data[base + k] = j0 * exRows[o0 + k] + j1 * exRows[o1 + k] + j2 * exRows[o2 + k];
                }
                base += nEx;
                for (int k = 0; k < NP; k++) {
                    a.data[base + k] = sc * (d == 2 ? jp[2 * NP + k] : gu * jp[k] + gv * jp[NP + k]);
                }
                // the along-outline row of a marched jaw point is a loose tie, not a measurement of the noise
                f.rowGroup[out] = i >= 68 || (marched && d == 1) ? NoiseCalibration.NONE
                    : i < 17 ? NoiseCalibration.JAW : NoiseCalibration.INNER;
                out++;
            }
        }
    }

    /**
     * The joint Gauss-Newton step of shape and pose. Per image the pose increment (unbounded, image-local) is
     * eliminated first (Schur complement of its 6 x 6 block), leaving a quadratic in the shared identity a and the
     * image's expression w_f. Then, per image f in turn (block Gauss-Seidel over images; exact in one pass for a
     * single image), a is eliminated in closed form (Schur complement of the identity block, whose prior I is
     * counted once), leaving a 57-variable bounded least-squares problem in w_f (BoxQp) with the exponential
     * prior's linear term; a is then solved for all the w_f and clamped to +-identityLimit, and each pose
     * increment recovered by back-substitution and applied. Each frame's rows and normal matrix stay in its buffers
     * for the noise estimate that follows.
     */
    private void solveShape(List<Frame> frames, double[] alpha) {
        int m = nId + nEx, mm = m + NP, nf = frames.size();
        DMatrixRMaj[] nm = new DMatrixRMaj[nf];
        DMatrixRMaj[] nv = new DMatrixRMaj[nf];
        DMatrixRMaj[] full = new DMatrixRMaj[nf];
        DMatrixRMaj[] fullV = new DMatrixRMaj[nf];
        LinearSolverDense<DMatrixRMaj>[] poseChol = newSolvers(nf);
        DMatrixRMaj haa = CommonOps_DDRM.identity(nId);
        DMatrixRMaj ga = new DMatrixRMaj(nId, 1);
        DMatrixRMaj mps = new DMatrixRMaj(NP, mm);
        DMatrixRMaj rhs = new DMatrixRMaj(NP, m + 1);
        for (int fi = 0; fi < nf; fi++) {
            Frame frame = frames.get(fi);
            DMatrixRMaj a = frame.rows;
            buildRows(frame, a, frame.rhs);
            full[fi] = frame.normal;
            fullV[fi] = frame.normalRhs;
            DenseKernels.gram(a.data, a.numRows, mm, full[fi].data);
            CommonOps_DDRM.multTransA(a, frame.rhs, fullV[fi]);
            // eliminate the pose block: N~ = N_ss - N_sp K^-1 N_ps, n~ = n_s - N_sp K^-1 n_p; one K per image: EJML's
            // Cholesky solver factorises it in place and keeps it for the back-substitution below
            DMatrixRMaj poseBlock = new DMatrixRMaj(NP, NP);
            CommonOps_DDRM.extract(full[fi], m, mm, m, mm, poseBlock, 0, 0);
            double tr = CommonOps_DDRM.trace(poseBlock);
            for (int d = 0; d < NP; d++) {
                poseBlock.data[d * NP + d] += 1e-12 * tr;
            }
            if (!poseChol[fi].setA(poseBlock)) {
                throw new IllegalStateException("pose block of the normal equations is singular");
            }
            CommonOps_DDRM.extract(full[fi], m, mm, 0, mm, mps, 0, 0); // [N_ps | N_pp], then n_p appended
            for (int r = 0; r < NP; r++) {
                System.arraycopy(mps.data, r * mm, rhs.data, r * (m + 1), m);
                rhs.data[r * (m + 1) + m] = fullV[fi].data[m + r];
            }
            DMatrixRMaj kin = new DMatrixRMaj(NP, m + 1);
            poseChol[fi].solve(rhs, kin);
            nm[fi] = frame.reduced;
            nv[fi] = frame.reducedRhs;
            CommonOps_DDRM.extract(full[fi], 0, m, 0, m, nm[fi], 0, 0);
            CommonOps_DDRM.extract(fullV[fi], 0, m, 0, 1, nv[fi], 0, 0);
            // N~ -= N_ps^T K^-1 N_ps (one product), then n~ -= N_ps^T K^-1 n_p
            DenseKernels.subtractTransposedProduct(mps.data, mm, kin.data, m + 1, NP, m, m, nm[fi].data, m);
            double[] nvd = nv[fi].data, kd = kin.data, md = mps.data;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < NP; p++) {
                    nvd[i] -= md[p * mm + i] * kd[p * (m + 1) + m];
                }
            }
            for (int r = 0; r < nId; r++) {
                ga.data[r] += nv[fi].data[r];
                for (int c = 0; c < nId; c++) {
                    haa.data[r * nId + c] += nm[fi].data[r * m + c];
                }
            }
        }
        // H_aa = L L^T; with Y = L^-1 N_aw and z = L^-1 g_a the reduced expression problem is
        // Q = N_ww - Y^T Y (+ prior), q = n_w - Y^T z: forward substitutions only
        double[] low = haa.data;
        if (!DenseKernels.choleskyInPlace(low, nId)) {
            throw new IllegalStateException("identity normal equations not positive definite");
        }
        double prior = 1 / (config.expressionSigma() * config.expressionSigma());
        // [Y | z] in one array (nId x (nEx + 1)): one triangular solve for all columns, then [Y | z]^T [Y | z] holds
        // both Y^T Y and Y^T z
        int w1 = nEx + 1;
        double[] yz = new double[nId * w1], yty = new double[w1 * w1];
        double[] q = new double[nEx * nEx], g = new double[nEx];
        for (int fi = 0; fi < nf; fi++) {
            double[] n = nm[fi].data;
            for (int r = 0; r < nId; r++) {
                double gr = ga.data[r];
                for (int other = 0; other < nf; other++) {
                    if (other == fi) {
                        continue;
                    }
                    double[] no = nm[other].data, wo = frames.get(other).expr;
                    for (int k = 0; k < nEx; k++) {
                        gr -= no[r * m + nId + k] * wo[k];
                    }
                }
                System.arraycopy(n, r * m + nId, yz, r * w1, nEx);
                yz[r * w1 + nEx] = gr;
            }
            DenseKernels.solveLowerInPlace(low, nId, yz, w1);
            DenseKernels.gram(yz, nId, w1, yty);
            for (int i = 0; i < nEx; i++) {
                // the exponential prior's term rate * w in the objective is rate / 2 in this half-scaled form
                g[i] = nv[fi].data[nId + i] - config.expressionRate() / 2 - yty[i * w1 + nEx];
                for (int j = i; j < nEx; j++) {
                    double v = n[(nId + i) * m + nId + j] - yty[i * w1 + j] + (i == j ? prior : 0);
                    q[i * nEx + j] = v;
                    q[j * nEx + i] = v;
                }
            }
            BoxQp.solve(q, g, 0, 1, frames.get(fi).expr, nEx);
        }
        double[] sol = ga.data.clone();
        for (int fi = 0; fi < nf; fi++) {
            double[] n = nm[fi].data, w = frames.get(fi).expr;
            for (int r = 0; r < nId; r++) {
                for (int k = 0; k < nEx; k++) {
                    sol[r] -= n[r * m + nId + k] * w[k];
                }
            }
        }
        DenseKernels.solveLowerInPlace(low, nId, sol, 1);
        DenseKernels.solveLowerTransposedInPlace(low, nId, sol);
        double lim = config.identityLimit();
        for (int k = 0; k < nId; k++) {
            alpha[k] = Math.max(-lim, Math.min(lim, sol[k]));
        }
        // pose increments: K dp = n_p - N_ps [a; w_f]
        for (int fi = 0; fi < nf; fi++) {
            Frame f = frames.get(fi);
            DMatrixRMaj pr = new DMatrixRMaj(NP, 1), dp = new DMatrixRMaj(NP, 1);
            for (int p = 0; p < NP; p++) {
                double v = fullV[fi].data[m + p];
                int row = (m + p) * mm;
                for (int k = 0; k < nId; k++) {
                    v -= full[fi].data[row + k] * alpha[k];
                }
                for (int k = 0; k < nEx; k++) {
                    v -= full[fi].data[row + nId + k] * f.expr[k];
                }
                pr.data[p] = v;
            }
            poseChol[fi].solve(pr, dp);
            f.pose = applyIncrement(f.pose, dp.data);
        }
    }

    @SuppressWarnings("unchecked")
    private static LinearSolverDense<DMatrixRMaj>[] newSolvers(int n) {
        LinearSolverDense<DMatrixRMaj>[] s = new LinearSolverDense[n];
        for (int i = 0; i < n; i++) {
            s[i] = LinearSolverFactory_DDRM.chol(NP);
        }
        return s;
    }

    private static Pose applyIncrement(Pose p, double[] d) {
        double ang = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        double[] rot = p.rotation();
        if (ang > 1e-15) {
            rot = PoseEstimator.orthonormalise(
                Rotation.multiply(Rotation.axisAngle(d[0] / ang, d[1] / ang, d[2] / ang, ang), rot));
        }
        if (p.camera() == Pose.Camera.SOP) {
            return Pose.sop(rot, p.scale() * Math.exp(Math.max(-0.5, Math.min(0.5, d[3]))), p.tx() + d[4],
                p.ty() + d[5]);
        }
        double tz = Math.min(p.tz() + d[5], -1e-3 * Math.abs(p.tz()));
        return Pose.perspective(rot, p.tx() + d[3], p.ty() + d[4], tz, p.focal(), p.cx(), p.cy());
    }

    /**
     * IRLS weights from the normalised residuals e_i = ||r_i|| / sigma_i, scaled by a robust spread estimate
     * tau = max(1, median(e) / median of Rayleigh(1)) so that a poor early fit (every residual large) is not read
     * as all outliers. Huber: w = min(1, k / (e / tau)); Tukey biweight: w = (1 - (e / (k tau))^2)^2, 0 beyond.
     */
    private void robustWeights(Frame f) {
        double[] e = new double[f.n];
        double[] uv = f.project();
        double[] r = new double[2], ax = new double[4];
        for (int i = 0; i < f.n; i++) {
            f.normalisedResidual(i, uv, ax, r);
            e[i] = Math.hypot(r[0], r[1]);
        }
        double[] sorted = e.clone();
        Arrays.sort(sorted);
        double tau = Math.max(1, sorted[f.n / 2] / RAYLEIGH_MEDIAN);
        double k = config.robustK();
        double[] jaw = Arrays.copyOf(e, 17);
        Arrays.sort(jaw);
        double tauJaw = Math.max(1, jaw[8] / RAYLEIGH_MEDIAN);
        for (int i = 0; i < f.n; i++) {
            double u = e[i] / tau;
            if (i < 17 && config.calibrateNoise() && config.robust() != FitConfig.Robust.NONE) {
                double uj = e[i] / tauJaw;
                f.robustW[i] = uj >= JAW_TUKEY ? 0 : Math.pow(1 - (uj / JAW_TUKEY) * (uj / JAW_TUKEY), 2);
                continue;
            }
            f.robustW[i] = switch (config.robust()) {
                case HUBER -> u <= k ? 1 : k / u;
                case TUKEY -> u >= k ? 0 : Math.pow(1 - (u / k) * (u / k), 2);
                case NONE -> 1;
            };
        }
    }

    private double objective(List<Frame> frames, double[] alpha) {
        double obj = 0;
        for (double v : alpha) {
            obj += v * v;
        }
        double prior = 1 / (config.expressionSigma() * config.expressionSigma());
        for (Frame f : frames) {
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

    private FitResult result(Frame f, double[] alpha, int iterations, boolean converged, double[] timing,
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
            vertices[i] = rowVertex[f.row[i]];
        }
        // 3D landmarks at the anatomical iBUG vertices (not the pose-dependent contour vertices)
        double[] lm3 = new double[3 * 68];
        evaluateRows(landmarkRow, alpha, f.expr, lm3);
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
