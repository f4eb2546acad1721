package io.face3d.learn.mds;

import io.face3d.core.Face3dException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Puts a 3D landmark shape known up to rotation, reflection, scale and translation (an MDS embedding, or the mean
 * face) into the frame of the 2D input, and reads its depth there.
 *
 * <p>The shape Y is fitted to the normalised 2D points x by an affine camera x = M Y + t (least squares); M is
 * replaced by the nearest scaled pair of orthonormal rows s [r1; r2] (SVD), so R = [r1; r2; r1 x r2] is a rotation
 * and the depth is z = s r3 . (Y - mean). Orthographic projection cannot tell a shape from its reflection through
 * the image plane; the reflection is resolved by the face's handedness: with left = (45 - 36) + (54 - 48),
 * up = 27 - 8 and forward = 30 - mean(36, 45, 48, 54) (iBUG indices), a face has (left x up) . forward &gt; 0
 * (model axes +x left, +y up, +z out of the face), its mirror image &lt; 0, whatever the rotation. A mirrored
 * embedding gets its depth negated, which makes it the face (nose toward the viewer, left and right as in the
 * 2D input, since x and y are the input's).
 */
public final class FrameAlignment {
    private FrameAlignment() {
    }

    /**
     * @param shape      n x 3 points, row-major, any rigid frame, possibly mirrored
     * @param normalised n x 2 normalised input points (y up)
     * @return n depths (toward the viewer, zero mean) in the units of {@code normalised}
     */
    public static double[] depth(double[] shape, double[] normalised) {
        double[] p = align(shape, normalised);
        double[] z = new double[p.length / 3];
        for (int i = 0; i < z.length; i++) {
            z[i] = p[3 * i + 2];
        }
        return z;
    }

    /**
     * The shape moved into the input frame: s R (Y - mean) + (input centroid, 0), with z negated for a mirrored
     * shape (its x, y are unchanged by that, being a reflection through the image plane).
     *
     * @return n x 3 points, row-major, in the units of {@code normalised}; z toward the viewer, zero mean
     */
    public static double[] align(double[] shape, double[] normalised) {
        int n = normalised.length / 2;
        if (shape.length != 3 * n || n < 4) {
            throw new IllegalArgumentException("expected n x 3 shape for n x 2 points, n >= 4");
        }
        double[] c3 = new double[3], c2 = new double[2];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                c3[a] += shape[3 * i + a] / n;
            }
            c2[0] += normalised[2 * i] / n;
            c2[1] += normalised[2 * i + 1] / n;
        }
        DMatrixRMaj y = new DMatrixRMaj(n, 3), x = new DMatrixRMaj(n, 2);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                y.set(i, a, shape[3 * i + a] - c3[a]);
            }
            x.set(i, 0, normalised[2 * i] - c2[0]);
            x.set(i, 1, normalised[2 * i + 1] - c2[1]);
        }
        // M^T (3 x 2) = (Y^T Y)^-1 Y^T X
        DMatrixRMaj yty = new DMatrixRMaj(3, 3), ytx = new DMatrixRMaj(3, 2), mt = new DMatrixRMaj(3, 2);
        CommonOps_DDRM.multTransA(y, y, yty);
        CommonOps_DDRM.multTransA(y, x, ytx);
        if (!CommonOps_DDRM.solve(yty, ytx, mt)) {
            throw new Face3dException("the 3D shape is degenerate (flat or collapsed): cannot align it to the 2D points");
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 2, true, true, true);
        if (!svd.decompose(mt.copy())) {
            throw new Face3dException("cannot align the 3D shape to the 2D points (SVD failed)");
        }
        DMatrixRMaj u = svd.getU(null, false), v = svd.getV(null, false);
        double[] sv = svd.getSingularValues();
        double s = 0.5 * (sv[0] + sv[1]);
        // M^T = U S V^T (U 3x2, V 2x2): nearest orthonormal columns r = U V^T
        DMatrixRMaj r = new DMatrixRMaj(3, 2);
        CommonOps_DDRM.multTransB(u, v, r);
        double[] r1 = {r.get(0, 0), r.get(1, 0), r.get(2, 0)}, r2 = {r.get(0, 1), r.get(1, 1), r.get(2, 1)};
        double[] r3 = {r1[1] * r2[2] - r1[2] * r2[1], r1[2] * r2[0] - r1[0] * r2[2], r1[0] * r2[1] - r1[1] * r2[0]};
        double sign = handedness(shape) < 0 ? -1 : 1;
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double a = y.get(i, 0), b = y.get(i, 1), c = y.get(i, 2);
            out[3 * i] = s * (a * r1[0] + b * r1[1] + c * r1[2]) + c2[0];
            out[3 * i + 1] = s * (a * r2[0] + b * r2[1] + c * r2[2]) + c2[1];
            out[3 * i + 2] = sign * s * (a * r3[0] + b * r3[1] + c * r3[2]);
        }
        return out;
    }

    /** (left x up) . forward of a 68-point shape: positive for a face, negative for its mirror image. */
    public static double handedness(double[] p) {
        double[] left = new double[3], up = new double[3], fwd = new double[3];
        for (int a = 0; a < 3; a++) {
            left[a] = p[3 * 45 + a] - p[3 * 36 + a] + p[3 * 54 + a] - p[3 * 48 + a];
            up[a] = p[3 * 27 + a] - p[3 * 8 + a];
            fwd[a] = p[3 * 30 + a] - 0.25 * (p[3 * 36 + a] + p[3 * 45 + a] + p[3 * 48 + a] + p[3 * 54 + a]);
        }
        double cx = left[1] * up[2] - left[2] * up[1], cy = left[2] * up[0] - left[0] * up[2], cz = left[0] * up[1] - left[1] * up[0];
        return cx * fwd[0] + cy * fwd[1] + cz * fwd[2];
    }
}
