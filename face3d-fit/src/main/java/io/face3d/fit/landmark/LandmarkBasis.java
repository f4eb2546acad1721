package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;

import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * The model rows the landmark fit evaluates, cached once per fitter: mean, identity and expression basis of every
 * vertex a fit may use (the 68 iBUG vertices, the jaw contour band, the dense FaceMesh correspondences), row-major
 * and in double precision, so that a point's position and its Gauss-Newton row read contiguous memory.
 */
final class LandmarkBasis {
    final int nId;
    final int nEx;
    /** Per row r (x, y, z each): the mean, and the identity / expression modes (row-major: 3 r + axis, then mode). */
    final double[] mu;
    final double[] idRows;
    final double[] exRows;
    /** The model vertex of each row. */
    final int[] rowVertex;
    final int[] landmarkRow;
    /** Rows of the anatomical jaw vertices, iBUG 0-16. */
    final int[] jawRow;
    final int[] bandRow;
    final int[] denseRow;
    /**
     * The band in the model's own single-precision, mode-major layout: the march evaluates all 3,065 band vertices
     * each time, which the double row-major cache did at ~1 ms (40% of a fit, memory-bound); the float layout halves
     * the bytes read and its per-mode sums vectorise and skip unused expressions. Positions match the double
     * evaluation to ~1e-5 mm, far below the 1.5 mm marching width.
     */
    private final MorphableModel.SubsetEvaluator bandEvaluator;
    /** Inter-ocular distance of the mean face (outer eye corners, mm): the unit of the noise sigmas. */
    final double iod3d;

    /**
     * @param contour the jaw contour whose band the fit marches over, or null (no contour step)
     */
    LandmarkBasis(MorphableModel model, JawContour contour) {
        nId = model.identityCount();
        nEx = model.expressionCount();
        int[] lm = model.landmarks68();
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

    /** out (x, y, z each) = m + U a + E w at the given rows. */
    void evaluateRows(int[] rowsOf, double[] alpha, double[] expr, double[] out) {
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

    /** Image projections (u, v each) of the given rows under a pose, for the given coefficients. */
    double[] project(Pose pose, int[] rowsOf, double[] alpha, double[] expr) {
        double[] pos = new double[3 * rowsOf.length];
        evaluateRows(rowsOf, alpha, expr, pos);
        return projectPoints(pose, pos);
    }

    /** Image projections of the jaw band's vertices ({@link JawContour#band} order). */
    double[] bandUv(Pose pose, double[] alpha, double[] expr) {
        double[] uv = new double[2 * bandRow.length];
        pose.project(bandEvaluator.evaluate(alpha, expr), bandRow.length, uv);
        return uv;
    }

    /** Image projections (u, v each) of model-space points (x, y, z each; Pose projects single precision). */
    static double[] projectPoints(Pose pose, double[] xyz) {
        float[] p = new float[xyz.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) xyz[i];
        }
        double[] uv = new double[2 * (xyz.length / 3)];
        pose.project(p, xyz.length / 3, uv);
        return uv;
    }
}
