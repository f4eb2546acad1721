package io.face3d.learn.data;

/** The pairs (i, j), i &lt; j, of n points in row order: (0,1), (0,2), ..., (0,n-1), (1,2), ... */
public final class Pairs {
    private Pairs() {
    }

    public static int count(int n) {
        return n * (n - 1) / 2;
    }

    /** The pairs' first and second points: {@code [0][k], [1][k]} is pair k in row order. */
    public static int[][] indices(int n) {
        int[][] ij = new int[2][count(n)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, k++) {
                ij[0][k] = i;
                ij[1][k] = j;
            }
        }
        return ij;
    }

    /**
     * Eq. 6 of Kamyab and Azimifar (2022): the features of pair (i, j) of 2D points, per coordinate c,
     * |x_ic - x_jc|, x_ic * x_jc and exp(-|x_ic - x_jc|): 6 values, written at {@code out[off..off+6)}.
     */
    public static void features(double[] xy, int i, int j, float[] out, int off) {
        double dx = Math.abs(xy[2 * i] - xy[2 * j]), dy = Math.abs(xy[2 * i + 1] - xy[2 * j + 1]);
        out[off] = (float) dx;
        out[off + 1] = (float) dy;
        out[off + 2] = (float) (xy[2 * i] * xy[2 * j]);
        out[off + 3] = (float) (xy[2 * i + 1] * xy[2 * j + 1]);
        out[off + 4] = (float) Math.exp(-dx);
        out[off + 5] = (float) Math.exp(-dy);
    }
}
