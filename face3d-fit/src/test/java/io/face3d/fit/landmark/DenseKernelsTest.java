package io.face3d.fit.landmark;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenBLAS kernels against the textbook loops, on seeded random matrices of the fit's own sizes. */
class DenseKernelsTest {
    private static final double TOL = 1e-10;

    private static double[] random(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
        }
        return a;
    }

    @Test
    void gramIsTheFullSymmetricProduct() {
        Random rnd = new Random(3);
        int rows = 137, cols = 159;
        double[] a = random(rnd, rows * cols), c = random(rnd, cols * cols);
        DenseKernels.gram(a, rows, cols, c);
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += a[r * cols + i] * a[r * cols + j];
                }
                assertEquals(s, c[i * cols + j], TOL * rows, "entry " + i + ", " + j);
            }
        }
    }

    @Test
    void choleskyAndSolvesInvertASymmetricPositiveDefiniteMatrix() {
        Random rnd = new Random(4);
        int dim = 100, width = 7;
        double[] g = new double[dim * dim];
        DenseKernels.gram(random(rnd, 2 * dim * dim), 2 * dim, dim, g);
        double[] low = g.clone();
        assertTrue(DenseKernels.choleskyInPlace(low, dim));
        for (int i = 0; i < dim; i++) {
            for (int j = i + 1; j < dim; j++) {
                assertEquals(0, low[i * dim + j], "upper triangle cleared");
            }
        }
        double[] x = random(rnd, dim * width), b = new double[dim * width];
        for (int i = 0; i < dim; i++) {
            for (int c = 0; c < width; c++) {
                for (int k = 0; k < dim; k++) {
                    b[i * width + c] += g[i * dim + k] * x[k * width + c];
                }
            }
        }
        // G x = b with G = L L^T: y = L^-1 b column by column, then x = L^-T y
        DenseKernels.solveLowerInPlace(low, dim, b, width);
        for (int c = 0; c < width; c++) {
            double[] col = new double[dim];
            for (int i = 0; i < dim; i++) {
                col[i] = b[i * width + c];
            }
            DenseKernels.solveLowerTransposedInPlace(low, dim, col);
            double[] expected = new double[dim];
            for (int i = 0; i < dim; i++) {
                expected[i] = x[i * width + c];
            }
            assertArrayEquals(expected, col, 1e-8);
        }
    }

    @Test
    void subtractTransposedProductMatchesTheLoops() {
        Random rnd = new Random(5);
        int k = 6, rows = 153, cols = 153, lda = 159, ldb = 154;
        double[] a = random(rnd, k * lda), b = random(rnd, k * ldb), c = random(rnd, rows * cols);
        double[] expected = c.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                for (int p = 0; p < k; p++) {
                    expected[i * cols + j] -= a[p * lda + i] * b[p * ldb + j];
                }
            }
        }
        DenseKernels.subtractTransposedProduct(a, lda, b, ldb, k, rows, cols, c, cols);
        assertArrayEquals(expected, c, TOL);
    }

    @Test
    void choleskyReportsAMatrixThatIsNotPositiveDefinite() {
        double[] m = {1, 2, 2, 1};
        assertFalse(DenseKernels.choleskyInPlace(m, 2));
    }
}
