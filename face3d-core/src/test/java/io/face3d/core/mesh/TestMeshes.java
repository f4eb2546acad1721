package io.face3d.core.mesh;

import java.util.Random;

/** Synthetic meshes for the format tests. */
final class TestMeshes {
    private TestMeshes() {
    }

    /**
     * A w x h grid of vertices with random heights, colours and a UV layout with a seam down the middle column
     * (vertices there carry two UVs), as texture atlases have.
     */
    static Mesh grid(int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[] p = new float[3 * w * h];
        float[] c = new float[3 * w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int v = j * w + i;
                p[3 * v] = i * 1.5f + (float) rnd.nextGaussian() * 0.1f;
                p[3 * v + 1] = j * 1.5f - 40f;
                p[3 * v + 2] = 100f + (float) rnd.nextGaussian() * 3f;
                for (int a = 0; a < 3; a++) {
                    c[3 * v + a] = rnd.nextFloat();
                }
            }
        }
        int seam = w / 2;
        // UVs: one per vertex plus a second copy for the seam column (used by triangles right of the seam)
        float[] uv = new float[2 * (w * h + h)];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int v = j * w + i;
                uv[2 * v] = i < seam || (i == seam) ? 0.45f * i / seam : 0.55f + 0.45f * (i - seam) / (w - 1 - seam);
                uv[2 * v + 1] = (float) j / (h - 1);
            }
            int copy = w * h + j;
            uv[2 * copy] = 0.55f;
            uv[2 * copy + 1] = (float) j / (h - 1);
        }
        int[] t = new int[6 * (w - 1) * (h - 1)];
        int[] tuv = new int[t.length];
        int k = 0;
        for (int j = 0; j + 1 < h; j++) {
            for (int i = 0; i + 1 < w; i++) {
                int a = j * w + i, b = a + 1, d = a + w, e = d + 1;
                int[] quad = {a, b, e, a, e, d};
                for (int q : quad) {
                    t[k] = q;
                    int col = q % w, row = q / w;
                    tuv[k++] = col == seam && i >= seam ? w * h + row : q;
                }
            }
        }
        return new Mesh(p, t, uv, tuv, c, null);
    }
}
