package io.face3d.fit.landmark;

import io.face3d.core.Face3dException;
import io.face3d.core.geom.Pose;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Camera pose from weighted 2D-3D correspondences (model points in mm, image points in pixels).
 */
final class PoseEstimator {
    /** Golden-section steps of the focal search: the bracket shrinks by 0.618^steps (1e-4 of its log width). */
    private static final int FOCAL_STEPS = 20;
    private static final int GAUSS_NEWTON_STEPS = 8;

    private PoseEstimator() {
    }

    /**
     * Scaled orthographic camera: the Gold Standard affine camera (Hartley &amp; Zisserman, 2nd ed., alg. 7.2:
     * normalise both point sets, linear least squares for the 2x4 affine P, denormalise; for an affine camera this
     * minimises the geometric error), then the nearest SOP camera: the 2x3 block's rows (u row, minus the v row,
     * since v points down) are replaced by the closest orthonormal pair U V^T of its SVD, and the scale by the mean
     * singular value; scale and translation are then re-solved by least squares for that rotation.
     *
     * @param model n model points x, y, z
     * @param image n image points u, v
     * @param w     n point weights (>= 0)
     */
    static Pose sop(double[] model, double[] image, double[] w, int n) {
        // weighted similarity normalisation of both sets (H&Z 4.4.4): centroid at 0, mean distance sqrt(2) / sqrt(3)
        double sw = 0, mu = 0, mv = 0, mx = 0, my = 0, mz = 0;
        for (int i = 0; i < n; i++) {
            sw += w[i];
            mu += w[i] * image[2 * i];
            mv += w[i] * image[2 * i + 1];
            mx += w[i] * model[3 * i];
            my += w[i] * model[3 * i + 1];
            mz += w[i] * model[3 * i + 2];
        }
        if (!(sw > 0)) {
            throw new Face3dException("no landmark has a positive weight: give non-zero weights");
        }
        mu /= sw;
        mv /= sw;
        mx /= sw;
        my /= sw;
        mz /= sw;
        double d2 = 0, d3 = 0;
        for (int i = 0; i < n; i++) {
            d2 += w[i] * Math.hypot(image[2 * i] - mu, image[2 * i + 1] - mv);
            double dx = model[3 * i] - mx, dy = model[3 * i + 1] - my, dz = model[3 * i + 2] - mz;
            d3 += w[i] * Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        double k2 = Math.sqrt(2) * sw / d2, k3 = Math.sqrt(3) * sw / d3;
        // normal equations of the two independent rows of the normalised affine camera
        DMatrixRMaj m = new DMatrixRMaj(4, 4);
        DMatrixRMaj b = new DMatrixRMaj(4, 2);
        double[] q = new double[4];
        for (int i = 0; i < n; i++) {
            q[0] = k3 * (model[3 * i] - mx);
            q[1] = k3 * (model[3 * i + 1] - my);
            q[2] = k3 * (model[3 * i + 2] - mz);
            q[3] = 1;
            double u = k2 * (image[2 * i] - mu), v = k2 * (image[2 * i + 1] - mv);
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    m.data[4 * r + c] += w[i] * q[r] * q[c];
                }
                b.data[2 * r] += w[i] * q[r] * u;
                b.data[2 * r + 1] += w[i] * q[r] * v;
            }
        }
        DMatrixRMaj p = new DMatrixRMaj(4, 2);
        if (!CommonOps_DDRM.solve(m, b, p)) {
            throw new Face3dException("the landmarks do not determine a camera (degenerate configuration)");
        }
        // denormalised 2x3 block: A = (k3 / k2) * Pn[:3]; rows as the SOP form [s r1; -s r2]
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        for (int c = 0; c < 3; c++) {
            a.data[c] = k3 / k2 * p.data[2 * c];
            a.data[3 + c] = -k3 / k2 * p.data[2 * c + 1];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(2, 3, true, true, true);
        if (!svd.decompose(a)) {
            throw new Face3dException("the landmarks do not determine a camera (SVD failed)");
        }
        DMatrixRMaj uu = svd.getU(null, false), vv = svd.getV(null, true);
        double[] sv = svd.getSingularValues();
        double svMax = Math.max(sv[0], sv[1]), svMin = Math.min(sv[0], sv[1]);
        if (!(svMax > 0 && svMin > 1e-9 * svMax)) {
            throw new Face3dException("the landmarks do not determine a camera (rank-deficient affine camera)");
        }
        DMatrixRMaj r12 = new DMatrixRMaj(2, 3);
        // U (2 x k) times V^T (k x 3) with the two largest singular vectors
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 2; k++) {
                    s += uu.get(i, k) * vv.get(k, j);
                }
                r12.set(i, j, s);
            }
        }
        double[] rot = completeRotation(r12.data);
        return refitScaleTranslation(rot, model, image, w, n);
    }

    /** r3 = r1 x r2 makes a proper rotation from two orthonormal rows. */
    static double[] completeRotation(double[] r12) {
        double[] r = new double[9];
        System.arraycopy(r12, 0, r, 0, 6);
        r[6] = r[1] * r[5] - r[2] * r[4];
        r[7] = r[2] * r[3] - r[0] * r[5];
        r[8] = r[0] * r[4] - r[1] * r[3];
        return r;
    }

    /** Least-squares scale and translation of a SOP camera with a fixed rotation. */
    static Pose refitScaleTranslation(double[] rot, double[] model, double[] image, double[] w, int n) {
        // u = s a_i + tx, v = ty - s b_i: centre both, then s = sum w (du da - dv db) / sum w (da^2 + db^2)
        double sw = 0, ma = 0, mb = 0, mu = 0, mv = 0;
        double[] ab = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double x = model[3 * i], y = model[3 * i + 1], z = model[3 * i + 2];
            ab[2 * i] = rot[0] * x + rot[1] * y + rot[2] * z;
            ab[2 * i + 1] = rot[3] * x + rot[4] * y + rot[5] * z;
            sw += w[i];
            ma += w[i] * ab[2 * i];
            mb += w[i] * ab[2 * i + 1];
            mu += w[i] * image[2 * i];
            mv += w[i] * image[2 * i + 1];
        }
        ma /= sw;
        mb /= sw;
        mu /= sw;
        mv /= sw;
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            double da = ab[2 * i] - ma, db = ab[2 * i + 1] - mb;
            num += w[i] * ((image[2 * i] - mu) * da - (image[2 * i + 1] - mv) * db);
            den += w[i] * (da * da + db * db);
        }
        double s = num / den;
        if (!(s > 0)) {
            throw new Face3dException("the landmarks do not fit a face seen from the front of the camera "
                + "(mirrored or degenerate points)");
        }
        return Pose.sop(rot, s, mu - s * ma, mv + s * mb);
    }

    /**
     * Perspective camera with a given focal length and principal point: Gauss-Newton on the weighted reprojection
     * error over a rotation increment (left-multiplied, exp of a skew matrix) and the translation, started from
     * {@code start} (a SOP pose is converted: tz = -f / s).
     */
    static Pose perspective(Pose start, double focal, double cx, double cy, double[] model, double[] image,
                            double[] w, int n) {
        double[] rot = start.rotation();
        double tx, ty, tz;
        if (start.camera() == Pose.Camera.SOP) {
            double s = start.scale();
            tz = -focal / s;
            tx = (start.tx() - cx) / s;
            ty = (cy - start.ty()) / s;
        } else {
            tx = start.tx();
            ty = start.ty();
            tz = start.tz() * focal / start.focal(); // keep the image scale when the focal changes
        }
        double[] h = new double[36], g = new double[6], jp = new double[18], jac = new double[9];
        double[] proj = new double[3];
        DMatrixRMaj hm = DMatrixRMaj.wrap(6, 6, h), gm = DMatrixRMaj.wrap(6, 1, g), dx = new DMatrixRMaj(6, 1);
        Pose current = null;
        for (int it = 0; it < GAUSS_NEWTON_STEPS; it++) {
            java.util.Arrays.fill(h, 0);
            java.util.Arrays.fill(g, 0);
            if (!inFront(rot, tz, model, n)) {
                if (current == null) {
                    throw new Face3dException("the perspective fit put the face behind the camera: try --camera sop "
                        + "or give --focal");
                }
                // the last step overshot through the camera: keep the previous pose
                return current;
            }
            current = Pose.perspective(rot, tx, ty, tz, focal, cx, cy);
            for (int i = 0; i < n; i++) {
                double x = model[3 * i], y = model[3 * i + 1], z = model[3 * i + 2];
                CameraJacobian.linearise(current, rot, x, y, z, proj, jac, jp);
                double ru = image[2 * i] - proj[0], rv = image[2 * i + 1] - proj[1];
                // rows u and v of the pose Jacobian: rotation increment (3), translation (3)
                for (int r = 0; r < 6; r++) {
                    g[r] += w[i] * (jp[r] * ru + jp[6 + r] * rv);
                    for (int c = 0; c < 6; c++) {
                        h[6 * r + c] += w[i] * (jp[r] * jp[c] + jp[6 + r] * jp[6 + c]);
                    }
                }
            }
            if (!CommonOps_DDRM.solve(hm, gm, dx)) {
                break;
            }
            double wx = dx.data[0], wy = dx.data[1], wz = dx.data[2];
            double ang = Math.sqrt(wx * wx + wy * wy + wz * wz);
            if (ang > 1e-12) {
                rot = io.face3d.core.geom.Rotation.multiply(
                    io.face3d.core.geom.Rotation.axisAngle(wx / ang, wy / ang, wz / ang, ang), rot);
            }
            tx += dx.data[3];
            ty += dx.data[4];
            tz += dx.data[5];
            if (ang < 1e-9 && Math.abs(dx.data[5]) < 1e-6 * Math.abs(tz)) {
                break;
            }
        }
        if (!inFront(rot, tz, model, n)) {
            return current;
        }
        return Pose.perspective(orthonormalise(rot), tx, ty, tz, focal, cx, cy);
    }

    private static boolean inFront(double[] rot, double tz, double[] model, int n) {
        for (int i = 0; i < n; i++) {
            if (rot[6] * model[3 * i] + rot[7] * model[3 * i + 1] + rot[8] * model[3 * i + 2] + tz >= -1e-6) {
                return false;
            }
        }
        return true;
    }

    /** A focal candidate's pose, or null when the camera cannot see the face at that focal. */
    private static Pose candidate(Pose start, double focal, double cx, double cy, double[] model, double[] image,
                                  double[] w, int n) {
        try {
            return perspective(start, focal, cx, cy, model, image, w, n);
        } catch (Face3dException e) {
            return null;
        }
    }

    private static double costOrInf(Pose pose, double[] model, double[] image, double[] w, int n) {
        return pose == null ? Double.POSITIVE_INFINITY : cost(pose, model, image, w, n);
    }

    /**
     * Focal length unknown: golden-section search over log f in [0.3, 10] image diagonals, each candidate scored by
     * the weighted reprojection error of its Gauss-Newton pose. A face's depth relief is small against its distance,
     * so this error is flat in f; the search still prefers the focal under which the landmarks' perspective
     * foreshortening is best explained, and falls back towards long focals (near-SOP) where the data cannot tell.
     */
    static Pose perspectiveUnknownFocal(Pose start, double diagonal, double cx, double cy, double[] model,
                                        double[] image, double[] w, int n) {
        double lo = Math.log(0.3 * diagonal), hi = Math.log(10 * diagonal);
        double gr = (Math.sqrt(5) - 1) / 2;
        double a = hi - gr * (hi - lo), b = lo + gr * (hi - lo);
        Pose pa = candidate(start, Math.exp(a), cx, cy, model, image, w, n);
        Pose pb = candidate(start, Math.exp(b), cx, cy, model, image, w, n);
        double fa = costOrInf(pa, model, image, w, n), fb = costOrInf(pb, model, image, w, n);
        for (int i = 0; i < FOCAL_STEPS; i++) {
            // ties go to the longer focal (the near-orthographic explanation)
            if (fa < fb) {
                hi = b;
                b = a;
                pb = pa;
                fb = fa;
                a = hi - gr * (hi - lo);
                pa = candidate(start, Math.exp(a), cx, cy, model, image, w, n);
                fa = costOrInf(pa, model, image, w, n);
            } else {
                lo = a;
                a = b;
                pa = pb;
                fa = fb;
                b = lo + gr * (hi - lo);
                pb = candidate(start, Math.exp(b), cx, cy, model, image, w, n);
                fb = costOrInf(pb, model, image, w, n);
            }
        }
        Pose best = fa < fb ? pa : pb;
        if (best == null) {
            throw new Face3dException("no focal length between 0.3 and 10 image diagonals explains the landmarks "
                + "with a perspective camera: use --camera sop or give --focal");
        }
        return best;
    }

    static double cost(Pose pose, double[] model, double[] image, double[] w, int n) {
        float[] pts = new float[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            pts[i] = (float) model[i];
        }
        double[] uv = new double[2 * n];
        pose.project(pts, n, uv);
        double c = 0;
        for (int i = 0; i < n; i++) {
            double du = uv[2 * i] - image[2 * i], dv = uv[2 * i + 1] - image[2 * i + 1];
            c += w[i] * (du * du + dv * dv);
        }
        return c;
    }

    /** Removes the drift of repeated small-rotation products (nearest rotation by SVD). */
    static double[] orthonormalise(double[] r) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 3, true, true, false);
        DMatrixRMaj m = new DMatrixRMaj(3, 3, true, r);
        svd.decompose(m);
        DMatrixRMaj out = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(svd.getU(null, false), svd.getV(null, false), out);
        if (CommonOps_DDRM.det(out) < 0) {
            return r.clone();
        }
        return out.data.clone();
    }
}
