package io.face3d.learn.mds;

/**
 * Least-squares isotonic regression by pool-adjacent-violators (Kruskal 1964): the non-decreasing sequence
 * closest to the given values. Written here because it is ten lines on primitive arrays; no kept Java library
 * offers it without a large dependency.
 */
public final class Isotonic {
    private Isotonic() {
    }

    /** Fits in place: {@code y} becomes the non-decreasing least-squares fit to itself (equal weights). */
    public static void fit(double[] y) {
        int n = y.length;
        double[] value = new double[n];
        int[] size = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            value[blocks] = y[i];
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                int s = size[blocks - 2] + size[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * size[blocks - 2] + value[blocks - 1] * size[blocks - 1]) / s;
                size[blocks - 2] = s;
                blocks--;
            }
        }
        int k = 0;
        for (int b = 0; b < blocks; b++) {
            for (int t = 0; t < size[b]; t++) {
                y[k++] = value[b];
            }
        }
    }
}
