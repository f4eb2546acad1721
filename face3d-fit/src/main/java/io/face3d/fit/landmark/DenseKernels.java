package io.face3d.fit.landmark;

import io.face3d.core.Face3dException;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * The dense kernels the landmark fit spends its time in, on row-major primitive arrays, through OpenBLAS (the
 * bytedeco build OpenCV already links): the normal matrix A^T A of the Gauss-Newton rows (dsyrk), a Cholesky
 * factorisation (dpotrf) and lower-triangular solves with many right-hand sides (dtrsm).
 *
 * <p>Why OpenBLAS and not EJML, which the fit used before: a profile of the default 68-point fit (JFR,
 * `FitCpuTime`) put 37% of its time in EJML's A^T A ({@code MatrixMultProduct_DDRM.inner_reorder_upper}), 20% in
 * per-vector triangular solves and 10% in its Cholesky. Plain-Java rewrites of the first two (four rows of A per
 * pass; all right-hand sides as row updates) gained only 1.5x and 1.1x: HotSpot 17 does not vectorise these loops
 * (the same with {@code -XX:-UseSuperWord}). OpenBLAS single-threaded did the same 136 x 159 product 3-4x faster
 * and the solve 4-5x faster than those rewrites (microbenchmark, one sitting). OpenBLAS is set to one thread here:
 * the fit is parallel across faces and images, never inside one (no oversubscription); the setting is global, so
 * OpenCV's LAPACK calls run single-threaded as well.
 */
final class DenseKernels {
    static {
        Loader.load(openblas.class);
        openblas.blas_set_num_threads(1);
    }

    private DenseKernels() {
    }

    /** c = A^T A (cols x cols, full, symmetric) for A row-major (rows x cols); c is overwritten. */
    static void gram(double[] a, int rows, int cols, double[] c) {
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, cols, rows, 1.0, a,
            cols, 0.0, c, cols);
        for (int i = 1; i < cols; i++) {
            for (int j = 0; j < i; j++) {
                c[i * cols + j] = c[j * cols + i];
            }
        }
    }

    /**
     * Cholesky factor of a symmetric positive definite matrix (dim x dim, row-major, overwritten): on return the
     * lower triangle holds L with A = L L^T and the strict upper triangle is zero.
     *
     * @return false when the matrix is not positive definite
     */
    static boolean choleskyInPlace(double[] a, int dim) {
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', dim, a, dim);
        if (info < 0) {
            throw new Face3dException("internal error: Cholesky factorisation rejected argument " + -info);
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i + 1; j < dim; j++) {
                a[i * dim + j] = 0;
            }
        }
        return info == 0;
    }

    /**
     * Solves L Y = B in place for Y (B: dim x width, row-major, overwritten by Y), L lower triangular (dim x dim,
     * row-major; only its lower triangle is read).
     */
    static void solveLowerInPlace(double[] low, int dim, double[] b, int width) {
        openblas.cblas_dtrsm(openblas.CblasRowMajor, openblas.CblasLeft, openblas.CblasLower, openblas.CblasNoTrans,
            openblas.CblasNonUnit, dim, width, 1.0, low, dim, b, width);
    }

    /** Solves L^T x = b in place (L lower triangular, dim x dim, row-major), one right-hand side. */
    static void solveLowerTransposedInPlace(double[] low, int dim, double[] b) {
        openblas.cblas_dtrsm(openblas.CblasRowMajor, openblas.CblasLeft, openblas.CblasLower, openblas.CblasTrans,
            openblas.CblasNonUnit, dim, 1, 1.0, low, dim, b, 1);
    }

    /**
     * c -= a^T b for a (k x rows, leading dimension lda) and b (k x cols, leading dimension ldb), into c (rows x
     * cols, leading dimension ldc); all row-major.
     */
    static void subtractTransposedProduct(double[] a, int lda, double[] b, int ldb, int k, int rows, int cols,
                                          double[] c, int ldc) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, rows, cols, k, -1.0,
            a, lda, b, ldb, 1.0, c, ldc);
    }
}
