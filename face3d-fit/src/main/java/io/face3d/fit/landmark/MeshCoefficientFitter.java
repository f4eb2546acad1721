package io.face3d.fit.landmark;

import io.face3d.core.Face3dException;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

import java.util.List;

/**
 * Recovers identity and expression coefficients from meshes already in model topology and model space (e.g. an
 * OBJ written by {@code reconstruct} or another tool in ICT topology): several meshes of one person share one
 * identity, each has its own expression weights in [0, 1]. Linear in both: the identity is eliminated in closed form
 * and all the meshes' expression weights are solved together as one bounded least-squares problem ({@link BoxQp}),
 * exactly (no alternation), on every third vertex of the narrow face area (2,236 vertices, plenty for 157 unknowns).
 */
public final class MeshCoefficientFitter {
    private static final double IDENTITY_RIDGE = 1e-2;
    private static final double EXPRESSION_RIDGE = 1e-3;

    private final MorphableModel model;
    private final MorphableModel.SubsetBasis basis;
    private final int[] vertices;

    public MeshCoefficientFitter(MorphableModel model) {
        this.model = model;
        int n = model.vertexCount(Region.NARROW);
        vertices = new int[(n + 2) / 3];
        for (int i = 0; i < vertices.length; i++) {
            vertices[i] = 3 * i;
        }
        basis = model.subset(vertices);
    }

    /** @param identity shared identity; @param expressions one weight vector per mesh */
    public record Result(double[] identity, List<double[]> expressions, double rmsMm) {
    }

    /** @param meshes vertex positions (x, y, z interleaved, mm) over at least the narrow face area */
    public Result fit(List<float[]> meshes) {
        int rows = 3 * vertices.length, ni = model.identityCount(), ne = model.expressionCount(), k = meshes.size();
        double[][] y = new double[k][rows];
        for (int m = 0; m < k; m++) {
            float[] p = meshes.get(m);
            if (p.length < 3 * model.vertexCount(Region.NARROW)) {
                throw new Face3dException("a mesh has " + p.length / 3 + " vertices, fewer than the model's narrow face "
                    + "area (" + model.vertexCount(Region.NARROW) + "): give a mesh in the model's topology");
            }
            for (int i = 0; i < vertices.length; i++) {
                for (int a = 0; a < 3; a++) {
                    y[m][3 * i + a] = p[3 * vertices[i] + a] - basis.mean()[3 * i + a];
                }
            }
        }
        DMatrixRMaj u = columns(basis.identity(), rows), e = columns(basis.expression(), rows);
        DMatrixRMaj utu = new DMatrixRMaj(ni, ni), ete = new DMatrixRMaj(ne, ne), ute = new DMatrixRMaj(ni, ne);
        CommonOps_DDRM.multTransA(u, u, utu);
        CommonOps_DDRM.multTransA(e, e, ete);
        CommonOps_DDRM.multTransA(u, e, ute);
        // S = K U^T U + ridge; the identity is eliminated (Schur complement), leaving a bounded QP in all the
        // meshes' expression weights jointly: Q = blockdiag(E^T E + ridge) - B^T S^-1 B, B = [U^T E ... U^T E].
        DMatrixRMaj s = utu.copy();
        CommonOps_DDRM.scale(k, s);
        for (int i = 0; i < ni; i++) {
            s.add(i, i, IDENTITY_RIDGE);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(ni);
        if (!solver.setA(s)) {
            throw new IllegalStateException("identity normal equations are not positive definite");
        }
        DMatrixRMaj sInvUte = new DMatrixRMaj(ni, ne);
        solver.solve(ute, sInvUte);
        DMatrixRMaj coupling = new DMatrixRMaj(ne, ne);
        CommonOps_DDRM.multTransA(ute, sInvUte, coupling);
        DMatrixRMaj uty = new DMatrixRMaj(ni, 1), ety = new DMatrixRMaj(ne * k, 1);
        for (int m = 0; m < k; m++) {
            DMatrixRMaj ym = DMatrixRMaj.wrap(rows, 1, y[m]);
            CommonOps_DDRM.multAddTransA(u, ym, uty);
            DMatrixRMaj em = new DMatrixRMaj(ne, 1);
            CommonOps_DDRM.multTransA(e, ym, em);
            System.arraycopy(em.data, 0, ety.data, m * ne, ne);
        }
        DMatrixRMaj sInvUty = new DMatrixRMaj(ni, 1);
        solver.solve(uty, sInvUty);
        DMatrixRMaj gShift = new DMatrixRMaj(ne, 1);
        CommonOps_DDRM.multTransA(ute, sInvUty, gShift);
        int n = ne * k;
        double[] q = new double[n * n], g = new double[n];
        for (int m = 0; m < k; m++) {
            for (int i = 0; i < ne; i++) {
                g[m * ne + i] = ety.data[m * ne + i] - gShift.data[i];
                for (int l = 0; l < k; l++) {
                    for (int j = 0; j < ne; j++) {
                        double v = -coupling.get(i, j) + (l == m ? ete.get(i, j) + (i == j ? EXPRESSION_RIDGE : 0) : 0);
                        q[(m * ne + i) * n + l * ne + j] = v;
                    }
                }
            }
        }
        double[] wAll = new double[n];
        BoxQp.solve(q, g, 0, 1, wAll, n);
        DMatrixRMaj rhs = uty.copy();
        DMatrixRMaj sumW = new DMatrixRMaj(ne, 1);
        double[][] w = new double[k][];
        for (int m = 0; m < k; m++) {
            w[m] = java.util.Arrays.copyOfRange(wAll, m * ne, (m + 1) * ne);
            for (int i = 0; i < ne; i++) {
                sumW.data[i] += w[m][i];
            }
        }
        CommonOps_DDRM.multAdd(-1, ute, sumW, rhs);
        DMatrixRMaj alpha = new DMatrixRMaj(ni, 1);
        solver.solve(rhs, alpha);
        double sq = 0;
        DMatrixRMaj ua = new DMatrixRMaj(rows, 1), ew = new DMatrixRMaj(rows, 1);
        CommonOps_DDRM.mult(u, alpha, ua);
        for (int m = 0; m < k; m++) {
            CommonOps_DDRM.mult(e, DMatrixRMaj.wrap(ne, 1, w[m]), ew);
            for (int i = 0; i < rows; i++) {
                double d = y[m][i] - ua.data[i] - ew.data[i];
                sq += d * d;
            }
        }
        return new Result(alpha.data.clone(), List.of(w), Math.sqrt(sq / (k * vertices.length)));
    }

    private static DMatrixRMaj columns(double[][] modes, int rows) {
        DMatrixRMaj m = new DMatrixRMaj(rows, modes.length);
        for (int j = 0; j < modes.length; j++) {
            for (int i = 0; i < rows; i++) {
                m.unsafe_set(i, j, modes[j][i]);
            }
        }
        return m;
    }
}
