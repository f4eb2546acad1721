package io.face3d.clinic;

import io.face3d.core.geom.Pose;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.core.model.MorphableModel;
import org.ejml.simple.SimpleMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a joint landmark fit of one person's postures into per-posture 3D landmarks that follow the measured 2D
 * movement, using the rest photo as the subject's own reference.
 *
 * <p>Why: the landmark fitter is regularised for shape recovery (detector sigmas of several % IOD, an expression prior
 * that switches most blendshapes off), so on a smile it recovers about a tenth of the mouth-corner movement and lets
 * the per-photo pose absorb much of the rest (measured on photo-like renders: fitted smile excursion change 0.05-1 mm
 * against 7-10 mm true; yaw off by 2-3 degrees, translation by 10 px between postures whose true pose was identical).
 * A detector's offset from the model's landmark vertices, on the other hand, is mostly the same in every photo of
 * one person, so it can be measured once, at rest, and taken out.
 *
 * <p>Per posture f, with the joint fit's identity fixed:
 * <ol>
 * <li>Reference: the rest fit's 3D landmarks plus the rest residual (given minus fitted point) lifted into the model
 * frame (inverse SOP rotation and scale, no depth): the subject's rest shape as this detector sees it.</li>
 * <li>Pose: SOP Gauss-Newton on the rigid points ({@link #RIGID}: nose bridge and tip, subnasale, eye corners), which
 * no facial movement of the assessment moves, against that reference: the head's pose, not the movement's.</li>
 * <li>Expression: bounded MAP least squares over all blendshapes on iBUG points 17-59 (the jaw contour is left
 * out: its vertices slide with the pose; so are the inner lip points 60-67, see {@link #EXPRESSION_POINTS}) with the
 * rest offset added to the model points, point sigma {@link Config#pointSigma()} IOD and the fitter's Gaussian +
 * exponential expression prior; solved by projected Gauss-Seidel on the normal equations (box [0, 1]).</li>
 * <li>Landmarks: the model's 68 landmarks of (identity, expression) plus what the expression does not explain of
 * each given point (residual lifted into the model frame), so measures follow the measured 2D movement in the
 * image plane. The blendshapes give the movement's depth only to undo the head's turn; each point's depth in the
 * face's own frame (model z) is then held at its rest value, so the movement is measured in the face's frontal
 * plane (why: see {@code holdRestDepth}).</li>
 * </ol>
 * The rest posture goes through the same steps, so measures of rest and movement are made alike.
 */
public final class RestReferencedRefit {
    /**
     * Points no assessment movement moves: nose bridge and tip (27-30), subnasale (33), eye corners (36, 39, 42, 45).
     * The nostril points 31, 32, 34, 35 are left out: the model's smile lifts them (mouthSmile_R moves 31 by 3.2 mm,
     * 32 by 1.5 mm at weight 1), which biases the pose toward the movement ({@code bench assess} photo subjects of
     * seeds 11-16, 72 subjects: smile ratio within 0.15 of the truth for 67 with and without them, [e] weaker side 72
     * against 71; with the earlier lower-lip tracking, 60 against 58).
     */
    static final int[] RIGID = {27, 28, 29, 30, 33, 36, 39, 42, 45};
    private static final int FIRST_POINT = 17;
    /**
     * Points the expression is fitted on: brows, nose, eyes and outer lip (17-59). The inner lip points 60-67 are edges
     * of the mouth opening, not points of the skin, and followed 2-4 px off on smile renders; fitting the expression
     * without them (they still follow the image through the lifted residual) gave the smile ratio within 0.15 for 67
     * of the 72 dev subjects against 63.
     */
    private static final int EXPRESSION_POINTS = 60;
    private static final int POSE_STEPS = 15;
    private static final int GAUSS_SEIDEL_SWEEPS = 500;

    /**
     * @param pointSigma      sigma of a rest-referenced point as a fraction of the IOD (0.02: on 48 renders,
     *                        seeds 7 and 11, 0.01 and 0.04 gave the same or fewer right answers)
     * @param expressionSigma Gaussian prior std of each blendshape weight (the fitter's default 0.25)
     * @param expressionRate  exponential prior rate (the fitter's default 2, in squared sigmas)
     */
    public record Config(double pointSigma, double expressionSigma, double expressionRate) {
        public Config {
            if (!(pointSigma > 0) || !(expressionSigma > 0) || !(expressionRate >= 0)) {
                throw new IllegalArgumentException("pointSigma and expressionSigma must be > 0, expressionRate >= 0");
            }
        }

        public static Config defaults() {
            return new Config(0.02, 0.25, 2);
        }
    }

    /**
     * One posture: 68 landmarks in model space (mm, x, y, z), the blendshape weights that go with them, and the head's
     * pose fitted on the rigid points (SOP).
     */
    public record Posture(float[] landmarks3d, double[] expression, Pose pose) {
    }

    private final MorphableModel model;
    private final Config config;

    public RestReferencedRefit(MorphableModel model, Config config) {
        this.model = model;
        this.config = config;
    }

    /**
     * @param joint  the joint fit of the person's photos (one identity)
     * @param points per photo, in the fit's order, the 68 2D points to follow (e.g. the rest points tracked into each
     *               photo), pixels
     * @param rest   index of the rest photo
     */
    public List<Posture> refit(JointFitResult joint, List<double[]> points, int rest) {
        if (points.size() != joint.images().size()) {
            throw new IllegalArgumentException("one point set per fitted photo expected");
        }
        Reference ref = reference(joint.identity(), joint.images().get(rest), points.get(rest));
        List<Posture> out = new ArrayList<>();
        for (int f = 0; f < points.size(); f++) {
            out.add(f == rest ? ref.rest() : ref.follow(joint.images().get(f).pose(), points.get(f)));
        }
        return out;
    }

    /**
     * The subject's rest as the reference of any number of postures (e.g. every frame of a clip), the identity fixed.
     *
     * @param identity   the person's identity coefficients
     * @param restFit    the landmark fit of the rest photo (with that identity)
     * @param restPoints the 68 points the rest posture follows, pixels
     */
    public Reference reference(double[] identity, FitResult restFit, double[] restPoints) {
        return new Reference(identity, restFit, restPoints);
    }

    /** Rest, measured once; {@link #follow} then fits pose and expression of one posture against it (thread-safe). */
    public final class Reference {
        private final double[] id;
        private final int[] vertices;
        private final MorphableModel.SubsetBasis basis;
        private final double[] neutral;
        private final double[] offset;
        private final double[] reference;
        private final double iod3d;
        private final Posture rest;

        private Reference(double[] identity, FitResult f0, double[] restPoints) {
            id = identity.clone();
            vertices = f0.landmarkVertices();
            basis = model.subset(vertices);
            neutral = basis.mean().clone();
            for (int k = 0; k < id.length; k++) {
                double[] u = basis.identity()[k];
                for (int j = 0; j < neutral.length; j++) {
                    neutral[j] += id[k] * u[j];
                }
            }
            double[] fitted0 = f0.landmarks3d();
            offset = lift(f0.pose(), restPoints, f0.fittedPoints());
            reference = new double[fitted0.length];
            for (int j = 0; j < reference.length; j++) {
                reference[j] = fitted0[j] + offset[j];
            }
            iod3d = dist3(fitted0, 36, 45);
            rest = followed(f0.pose(), restPoints);
        }

        /** The rest posture itself, through the same steps as every other. */
        public Posture rest() {
            return rest;
        }

        /**
         * One posture following {@code points} (68, pixels), the pose's search started at {@code start} (e.g. the rest
         * fit's pose, or the posture's own fit), each point's depth held at rest ({@code holdRestDepth}).
         */
        public Posture follow(Pose start, double[] points) {
            Posture p = followed(start, points);
            float[] lm = p.landmarks3d();
            float[] r = rest.landmarks3d();
            for (int q = FIRST_POINT; q < 68; q++) {
                lm[3 * q + 2] = r[3 * q + 2];
            }
            return p;
        }

        private Posture followed(Pose start, double[] d) {
            double[] pose = rigidPose(start, reference, d);
            double[] w = expression(basis, neutral, offset, pose, d, iod3d);
            float[] lm = model.evaluate(id, w, model.landmarks68());
            double[] x = new double[3 * 68];
            float[] at = model.evaluate(id, w, vertices);
            for (int j = 0; j < x.length; j++) {
                x[j] = at[j] + offset[j];
            }
            double[] lifted = lift(pose, d, project(pose, x));
            for (int p = FIRST_POINT; p < 68; p++) {
                for (int a = 0; a < 3; a++) {
                    lm[3 * p + a] += (float) lifted[3 * p + a];
                }
            }
            return new Posture(lm, w, Pose.sop(java.util.Arrays.copyOf(pose, 9), pose[9], pose[10], pose[11]));
        }
    }

    /*
     * holdRestDepth: each followed point's depth in the face's frame (model z) is set to its rest value in every
     * posture ({@link Reference#follow}). Why: one
     * photo does not show how far a point moved toward or away from the camera; the only source is the blendshape
     * explanation, which 2D points pin down loosely (a smile's corner movement is partly explained by noseSneer or
     * cheekPuff, whose corner depths differ from mouthSmile's by 10 mm or more), and it decided the smile ratio
     * wrongly: on the dev subjects ({@code bench assess} photo subjects of seeds 11-16, 72 subjects) the ratio was
     * within 0.15 of the truth for 58 with the blendshape depth and 67 with the rest depth; with the true 2D
     * displacements in place of the tracked ones (and the earlier tracking and point sets), 61 against 72. The smile
     * ratio in the face's frontal plane is that of the 3D excursion (on the true meshes of the same subjects, within
     * 0.1 for 72 of 72, median difference 0.009), but the change in mm is the frontal part of the 3D change (0.63-0.80
     * of it, median 0.72, on the same subjects' smiles).
     */

    /** 2D residuals (given - fitted, pixels) into the model frame: inverse SOP rotation and scale, zero depth. */
    private static double[] lift(Pose pose, double[] given, double[] fitted) {
        double[] r = pose.rotation();
        return lift(r, pose.scale(), given, fitted);
    }

    private static double[] lift(double[] pose, double[] given, double[] fitted) {
        return lift(java.util.Arrays.copyOf(pose, 9), pose[9], given, fitted);
    }

    private static double[] lift(double[] r, double s, double[] given, double[] fitted) {
        double[] out = new double[3 * 68];
        for (int p = 0; p < 68; p++) {
            double rx = (given[2 * p] - fitted[2 * p]) / s, ry = -(given[2 * p + 1] - fitted[2 * p + 1]) / s;
            for (int a = 0; a < 3; a++) {
                out[3 * p + a] = r[a] * rx + r[3 + a] * ry;
            }
        }
        return out;
    }

    /** SOP projection with pose {R (9), s, tx, ty}: u = s (R x)_0 + tx, v = ty - s (R x)_1 (CONVENTIONS). */
    private static double[] project(double[] pose, double[] x) {
        int n = x.length / 3;
        double[] out = new double[2 * n];
        for (int p = 0; p < n; p++) {
            double X = x[3 * p], Y = x[3 * p + 1], Z = x[3 * p + 2];
            out[2 * p] = pose[9] * (pose[0] * X + pose[1] * Y + pose[2] * Z) + pose[10];
            out[2 * p + 1] = pose[11] - pose[9] * (pose[3] * X + pose[4] * Y + pose[5] * Z);
        }
        return out;
    }

    /**
     * SOP pose {R, s, tx, ty} of the rigid points: Gauss-Newton from the fit's rotation and scale (translation
     * re-centred on the points, so a perspective fit's pose is a valid start too), rotation updated on the left by
     * the Rodrigues rotation of the increment.
     */
    static double[] rigidPose(Pose start, double[] reference, double[] image) {
        double[] r = start.rotation();
        double s = start.scale();
        double tx = 0, ty = 0;
        for (int p : RIGID) {
            double[] y = rotate(r, reference, p);
            tx += (image[2 * p] - s * y[0]) / RIGID.length;
            ty += (image[2 * p + 1] + s * y[1]) / RIGID.length;
        }
        for (int it = 0; it < POSE_STEPS; it++) {
            SimpleMatrix h = new SimpleMatrix(6, 6);
            SimpleMatrix g = new SimpleMatrix(6, 1);
            for (int p : RIGID) {
                double[] y = rotate(r, reference, p);
                double ru = image[2 * p] - (s * y[0] + tx), rv = image[2 * p + 1] - (ty - s * y[1]);
                // d(R'x)/d omega for R' = (I + [omega]x) R: omega x y
                double[] ju = {0, s * y[2], -s * y[1], y[0], 1, 0};
                double[] jv = {s * y[2], 0, -s * y[0], -y[1], 0, 1};
                for (int a = 0; a < 6; a++) {
                    g.set(a, 0, g.get(a, 0) + ju[a] * ru + jv[a] * rv);
                    for (int b = 0; b < 6; b++) {
                        h.set(a, b, h.get(a, b) + ju[a] * ju[b] + jv[a] * jv[b]);
                    }
                }
            }
            SimpleMatrix dx = h.solve(g);
            double wx = dx.get(0), wy = dx.get(1), wz = dx.get(2);
            double angle = Math.sqrt(wx * wx + wy * wy + wz * wz);
            if (angle > 0) {
                r = io.face3d.core.geom.Rotation.multiply(
                    io.face3d.core.geom.Rotation.axisAngle(wx / angle, wy / angle, wz / angle, angle), r);
            }
            s += dx.get(3);
            tx += dx.get(4);
            ty += dx.get(5);
            if (angle < 1e-9 && Math.abs(dx.get(4)) + Math.abs(dx.get(5)) < 1e-6) {
                break;
            }
        }
        double[] out = java.util.Arrays.copyOf(r, 12);
        out[9] = s;
        out[10] = tx;
        out[11] = ty;
        return out;
    }

    private double[] expression(MorphableModel.SubsetBasis basis, double[] neutral, double[] offset, double[] pose,
                                double[] d, double iod3d) {
        int nEx = basis.expression().length;
        double s = pose[9];
        double sigma = config.pointSigma() * s * iod3d, inv = 1 / (sigma * sigma);
        double[][] h = new double[nEx][nEx];
        double[] g = new double[nEx];
        double[] ju = new double[nEx], jv = new double[nEx];
        for (int p = FIRST_POINT; p < EXPRESSION_POINTS; p++) {
            double x = neutral[3 * p] + offset[3 * p], y = neutral[3 * p + 1] + offset[3 * p + 1],
                z = neutral[3 * p + 2] + offset[3 * p + 2];
            double u0 = s * (pose[0] * x + pose[1] * y + pose[2] * z) + pose[10];
            double v0 = pose[11] - s * (pose[3] * x + pose[4] * y + pose[5] * z);
            for (int k = 0; k < nEx; k++) {
                double[] e = basis.expression()[k];
                ju[k] = s * (pose[0] * e[3 * p] + pose[1] * e[3 * p + 1] + pose[2] * e[3 * p + 2]);
                jv[k] = -s * (pose[3] * e[3 * p] + pose[4] * e[3 * p + 1] + pose[5] * e[3 * p + 2]);
            }
            double ru = d[2 * p] - u0, rv = d[2 * p + 1] - v0;
            for (int k = 0; k < nEx; k++) {
                g[k] += inv * (ju[k] * ru + jv[k] * rv);
                for (int l = 0; l < nEx; l++) {
                    h[k][l] += inv * (ju[k] * ju[l] + jv[k] * jv[l]);
                }
            }
        }
        // MAP: ||w||^2 / sigma_w^2 + rate * sum w, as the landmark fitter's expression prior
        double prior = 1 / (config.expressionSigma() * config.expressionSigma());
        for (int k = 0; k < nEx; k++) {
            h[k][k] += prior;
            g[k] -= config.expressionRate() / 2;
        }
        // projected Gauss-Seidel for min 1/2 w'Hw - g'w on [0, 1]^n (H positive definite: converges)
        double[] w = new double[nEx];
        for (int sweep = 0; sweep < GAUSS_SEIDEL_SWEEPS; sweep++) {
            double change = 0;
            for (int k = 0; k < nEx; k++) {
                double r = g[k];
                for (int l = 0; l < nEx; l++) {
                    if (l != k) {
                        r -= h[k][l] * w[l];
                    }
                }
                double next = Math.max(0, Math.min(1, r / h[k][k]));
                change = Math.max(change, Math.abs(next - w[k]));
                w[k] = next;
            }
            if (change < 1e-7) {
                break;
            }
        }
        return w;
    }

    private static double[] rotate(double[] r, double[] x, int p) {
        double a = x[3 * p], b = x[3 * p + 1], c = x[3 * p + 2];
        return new double[] {r[0] * a + r[1] * b + r[2] * c, r[3] * a + r[4] * b + r[5] * c,
            r[6] * a + r[7] * b + r[8] * c};
    }

    private static double dist3(double[] x, int i, int j) {
        double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1], dz = x[3 * i + 2] - x[3 * j + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
