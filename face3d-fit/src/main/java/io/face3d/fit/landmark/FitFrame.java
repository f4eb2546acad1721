package io.face3d.fit.landmark;

import io.face3d.core.Face3dException;
import io.face3d.core.geom.Box2;
import io.face3d.core.geom.Pose;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * One image's state in the landmark fit: its targets and their sigmas, user and robust weights, the current pose,
 * expression and model points, the jaw points' contour correspondences, and the buffers of its Gauss-Newton rows
 * (reused across iterations). The identity is shared by every frame of a joint fit and lives in the fitter.
 */
final class FitFrame {
    private final LandmarkBasis basis;
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
    final double[] expr;
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
    final DMatrixRMaj rows;
    final DMatrixRMaj rhs = new DMatrixRMaj(1, 1);
    final DMatrixRMaj normal;
    final DMatrixRMaj normalRhs;
    /** The normal equations of identity and expression with the pose eliminated (Schur complement). */
    final DMatrixRMaj reduced;
    final DMatrixRMaj reducedRhs;
    int[] rowGroup = new int[0];
    Pose pose;
    double depthOffset;

    /**
     * @param contour whether jaw points 0-16 may march onto the outline (then the detector's jaw offsets do not
     *                apply: a marched point is an outline point)
     */
    FitFrame(LandmarkObservation o, LandmarkBasis basis, FitConfig config, boolean contour) {
        this.basis = basis;
        obs = o;
        int nId = basis.nId, nEx = basis.nEx, np = JointShapeStep.NP;
        expr = new double[nEx];
        rows = new DMatrixRMaj(1, nId + nEx + np);
        normal = new DMatrixRMaj(nId + nEx + np, nId + nEx + np);
        normalRhs = new DMatrixRMaj(nId + nEx + np, 1);
        reduced = new DMatrixRMaj(nId + nEx, nId + nEx);
        reducedRhs = new DMatrixRMaj(nId + nEx, 1);
        int[] denseRow = basis.denseRow, landmarkRow = basis.landmarkRow;
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
            for (int i = contour ? 17 : 0; i < 68; i++) {
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
        double unit = pose.scale() * basis.iod3d;
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
        double[] uv = LandmarkBasis.projectPoints(pose, all);
        // the marching lines turn with the pose and the shape: their normals follow the current anatomical chain
        double[] anatomicalUv = Arrays.copyOf(uv, 136);
        System.arraycopy(uv, 2 * n, anatomicalUv, 0, 34);
        JawContour.outlineNormals(anatomicalUv, outline);
        return uv;
    }

    /** pos = m + U a + E w (+ the detector's offsets) at the frame's current rows, and its anatomical jaw vertices. */
    void updatePositions(double[] alpha) {
        basis.evaluateRows(row, alpha, expr, pos);
        for (int i = 0; i < pos.length; i++) {
            pos[i] += offset[i];
        }
        basis.evaluateRows(basis.jawRow, alpha, expr, anatomical);
    }
}
