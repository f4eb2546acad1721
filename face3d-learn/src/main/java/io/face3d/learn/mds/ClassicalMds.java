package io.face3d.learn.mds;

import io.face3d.core.Face3dException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Classical (Torgerson) MDS: double-centre the squared dissimilarities, B = -1/2 J D^2 J, and take the top
 * {@code dim} eigenvectors scaled by the square roots of their eigenvalues (EJML's symmetric eigen-decomposition).
 */
public final class ClassicalMds {
    private ClassicalMds() {
    }

    /**
     * @param d   symmetric n x n dissimilarities, row-major
     * @param n   number of points
     * @param dim embedding dimension
     * @return n x dim coordinates, row-major
     */
    public static double[] embed(double[] d, int n, int dim) {
        DMatrixRMaj b = new DMatrixRMaj(n, n);
        double[] rowMean = new double[n];
        double all = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = d[i * n + j] * d[i * n + j];
                rowMean[i] += s / n;
                all += s / ((double) n * n);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = d[i * n + j] * d[i * n + j];
                b.set(i, j, -0.5 * (s - rowMean[i] - rowMean[j] + all));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(b)) {
            throw new Face3dException("classical MDS failed: the dissimilarities are not finite");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(q).real, eig.getEigenvalue(p).real));
        double[] x = new double[n * dim];
        for (int c = 0; c < dim; c++) {
            double lambda = Math.max(0, eig.getEigenvalue(order[c]).real);
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            double s = Math.sqrt(lambda);
            for (int i = 0; i < n; i++) {
                x[i * dim + c] = s * (v == null ? 0 : v.get(i));
            }
        }
        return x;
    }
}
