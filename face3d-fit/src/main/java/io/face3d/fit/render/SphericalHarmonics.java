package io.face3d.fit.render;

/**
 * Irradiance of a distant light environment from second-order spherical harmonics (Ramamoorthi and Hanrahan,
 * "An efficient representation for irradiance environment maps", SIGGRAPH 2001). With lighting coefficients
 * L_lm (9 per colour channel), the irradiance at unit normal n is E(n) = sum_lm A_l L_lm Y_lm(n), with the
 * convolution constants A_0 = pi, A_1 = 2 pi / 3, A_2 = pi / 4 (their eq. 8) and the real SH basis
 * (their eq. 3): Y_00 = 0.282095; Y_1-1, Y_10, Y_11 = 0.488603 (y, z, x); Y_2-2, Y_2-1, Y_21 = 1.092548 (xy, yz, xz);
 * Y_20 = 0.315392 (3 z^2 - 1); Y_22 = 0.546274 (x^2 - y^2). Order of the 9 coefficients here:
 * (00, 1-1, 10, 11, 2-2, 2-1, 20, 21, 22). Normals are in camera space (light fixed to the camera, as in
 * Deng et al. 2019). A shaded colour is albedo * E(n), per channel.
 */
public final class SphericalHarmonics {
    /** Coefficients per colour channel. */
    public static final int COEFFICIENTS = 9;

    private static final double A0 = Math.PI, A1 = 2 * Math.PI / 3, A2 = Math.PI / 4;
    private static final double Y00 = 0.282095, Y1 = 0.488603, Y2 = 1.092548, Y20 = 0.315392, Y22 = 0.546274;

    /** L_00 of unit ambient irradiance (E = 1 for every normal when all other coefficients are 0). */
    public static final double UNIT_AMBIENT = 1 / (A0 * Y00);

    private SphericalHarmonics() {
    }

    /** The 9 irradiance basis values H_k(n) = A_l Y_lm(n) at a unit normal, written to out[off .. off + 9). */
    public static void basis(double nx, double ny, double nz, double[] out, int off) {
        out[off] = A0 * Y00;
        out[off + 1] = A1 * Y1 * ny;
        out[off + 2] = A1 * Y1 * nz;
        out[off + 3] = A1 * Y1 * nx;
        out[off + 4] = A2 * Y2 * nx * ny;
        out[off + 5] = A2 * Y2 * ny * nz;
        out[off + 6] = A2 * Y20 * (3 * nz * nz - 1);
        out[off + 7] = A2 * Y2 * nx * nz;
        out[off + 8] = A2 * Y22 * (nx * nx - ny * ny);
    }

    /**
     * Gradient dE/dn of one channel's irradiance E(n) = sum_k light[9 c + k] H_k(n) with respect to the (unnormalised)
     * normal, from the derivatives of the basis above; written to out[0..3).
     */
    public static void gradient(double nx, double ny, double nz, double[] light, int c, double[] out) {
        int o = COEFFICIENTS * c;
        double l1 = light[o + 1], l2 = light[o + 2], l3 = light[o + 3], l4 = light[o + 4], l5 = light[o + 5];
        double l6 = light[o + 6], l7 = light[o + 7], l8 = light[o + 8];
        double a1 = A1 * Y1, a2 = A2 * Y2, a20 = A2 * Y20, a22 = A2 * Y22;
        out[0] = a1 * l3 + a2 * (l4 * ny + l7 * nz) + a22 * l8 * 2 * nx;
        out[1] = a1 * l1 + a2 * (l4 * nx + l5 * nz) - a22 * l8 * 2 * ny;
        out[2] = a1 * l2 + a2 * (l5 * ny + l7 * nx) + a20 * l6 * 6 * nz;
    }

    /**
     * Irradiance per vertex and channel: {@code out[3 v + c] = sum_k light[9 c + k] H_k(n_v)}.
     *
     * @param normals unit normals, x, y, z per vertex, in camera space
     * @param light   27 coefficients: 9 for red, then green, then blue
     */
    public static void irradiance(float[] normals, int vertexCount, double[] light, float[] out) {
        if (light.length != 3 * COEFFICIENTS) {
            throw new IllegalArgumentException("light needs 27 coefficients (9 per channel), got " + light.length);
        }
        double[] h = new double[COEFFICIENTS];
        for (int v = 0; v < vertexCount; v++) {
            basis(normals[3 * v], normals[3 * v + 1], normals[3 * v + 2], h, 0);
            for (int c = 0; c < 3; c++) {
                double e = 0;
                for (int k = 0; k < COEFFICIENTS; k++) {
                    e += light[COEFFICIENTS * c + k] * h[k];
                }
                out[3 * v + c] = (float) e;
            }
        }
    }

    /**
     * Adds a distant directional light of the given intensity from unit direction d (toward the light, camera
     * space) to 9 coefficients at {@code out[off ..]}: the SH projection of a delta, L_lm = intensity Y_lm(d), whose
     * irradiance is the clamped cosine up to the order-2 truncation (Ramamoorthi and Hanrahan 2001, section 3).
     */
    public static void addDirectional(double dx, double dy, double dz, double intensity, double[] out, int off) {
        out[off] += intensity * Y00;
        out[off + 1] += intensity * Y1 * dy;
        out[off + 2] += intensity * Y1 * dz;
        out[off + 3] += intensity * Y1 * dx;
        out[off + 4] += intensity * Y2 * dx * dy;
        out[off + 5] += intensity * Y2 * dy * dz;
        out[off + 6] += intensity * Y20 * (3 * dz * dz - 1);
        out[off + 7] += intensity * Y2 * dx * dz;
        out[off + 8] += intensity * Y22 * (dx * dx - dy * dy);
    }

    /** White ambient light of unit irradiance: every normal receives E = 1 in each channel. */
    public static double[] ambient() {
        double[] l = new double[3 * COEFFICIENTS];
        for (int c = 0; c < 3; c++) {
            l[COEFFICIENTS * c] = UNIT_AMBIENT;
        }
        return l;
    }

    /** Rotates model-space normals (x, y, z per vertex) into camera space with a row-major rotation. */
    public static void rotateNormals(float[] normals, int vertexCount, double[] rotation, float[] out) {
        double[] r = rotation;
        for (int v = 0; v < vertexCount; v++) {
            double x = normals[3 * v], y = normals[3 * v + 1], z = normals[3 * v + 2];
            out[3 * v] = (float) (r[0] * x + r[1] * y + r[2] * z);
            out[3 * v + 1] = (float) (r[3] * x + r[4] * y + r[5] * z);
            out[3 * v + 2] = (float) (r[6] * x + r[7] * y + r[8] * z);
        }
    }
}
