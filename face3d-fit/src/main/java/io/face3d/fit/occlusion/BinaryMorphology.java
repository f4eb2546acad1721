package io.face3d.fit.occlusion;

/**
 * Binary morphology on row-major masks with a square structuring element of side 2r + 1 (separable: a row pass and
 * a column pass of running counts, O(pixels) whatever r), and 4-connected component labelling. Written here rather
 * than taken from OpenCV: face3d-fit has no native dependency and these are a few dozen lines.
 */
final class BinaryMorphology {
    private BinaryMorphology() {
    }

    static boolean[] dilate(boolean[] m, int w, int h, int r) {
        return r <= 0 ? m.clone() : pass(pass(m, w, h, r, true, true), w, h, r, false, true);
    }

    static boolean[] erode(boolean[] m, int w, int h, int r) {
        return r <= 0 ? m.clone() : pass(pass(m, w, h, r, true, false), w, h, r, false, false);
    }

    static boolean[] open(boolean[] m, int w, int h, int r) {
        return dilate(erode(m, w, h, r), w, h, r);
    }

    static boolean[] close(boolean[] m, int w, int h, int r) {
        return erode(dilate(m, w, h, r), w, h, r);
    }

    /** One 1D pass: any (dilate) or all (erode; outside the image counts as set) within r along rows or columns. */
    private static boolean[] pass(boolean[] m, int w, int h, int r, boolean rows, boolean any) {
        boolean[] out = new boolean[m.length];
        int lines = rows ? h : w, len = rows ? w : h;
        for (int l = 0; l < lines; l++) {
            int base = rows ? l * w : l, step = rows ? 1 : w;
            int count = 0;
            for (int i = 0; i < Math.min(r, len); i++) {
                count += m[base + i * step] ? 1 : 0;
            }
            for (int i = 0; i < len; i++) {
                int add = i + r, drop = i - r - 1;
                if (add < len && m[base + add * step]) {
                    count++;
                }
                if (drop >= 0 && m[base + drop * step]) {
                    count--;
                }
                int lo = Math.max(0, i - r), hi = Math.min(len - 1, i + r);
                out[base + i * step] = any ? count > 0 : count == hi - lo + 1;
            }
        }
        return out;
    }

    /** 4-connected component labels (1..n, 0 = background); returns the label image, n in {@code count[0]}. */
    static int[] label(boolean[] m, int w, int h, int[] count) {
        int[] labels = new int[m.length];
        int[] stack = new int[m.length];
        int next = 0;
        for (int s = 0; s < m.length; s++) {
            if (!m[s] || labels[s] != 0) {
                continue;
            }
            next++;
            int top = 0;
            stack[top++] = s;
            labels[s] = next;
            while (top > 0) {
                int p = stack[--top], x = p % w, y = p / w;
                int[] nb = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
                for (int q : nb) {
                    if (q >= 0 && m[q] && labels[q] == 0) {
                        labels[q] = next;
                        stack[top++] = q;
                    }
                }
            }
        }
        count[0] = next;
        return labels;
    }
}
