package io.face3d.core.geom;

/**
 * Hoare's quickselect over an index array keyed by one coordinate of interleaved x, y, z floats: the partial sort
 * that k-d trees and bounding-volume hierarchies split on.
 */
public final class Quickselect {
    private Quickselect() {
    }

    /**
     * Permutes {@code order[lo, hi)} so that position k holds the index whose coordinate {@code axis} of
     * {@code xyz} is the k-th smallest, those at or below it before k and those at or above it after k.
     *
     * @param xyz  x, y, z per index (the key of index i is {@code xyz[3 * i + axis]})
     * @param axis 0, 1 or 2
     */
    public static void byCoordinate(int[] order, float[] xyz, int axis, int lo, int hi, int k) {
        int l = lo, r = hi - 1;
        while (r > l) {
            float pivot = xyz[3 * order[(l + r) >>> 1] + axis];
            int i = l, j = r;
            while (i <= j) {
                while (xyz[3 * order[i] + axis] < pivot) {
                    i++;
                }
                while (xyz[3 * order[j] + axis] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                r = j;
            } else if (k >= i) {
                l = i;
            } else {
                return;
            }
        }
    }
}
