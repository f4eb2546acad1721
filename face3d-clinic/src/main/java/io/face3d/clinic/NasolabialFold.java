package io.face3d.clinic;

/**
 * Depth of the nasolabial fold from the 3D face, a measure a photo alone does not give: eFACE grades the fold's
 * depth at rest and with a smile (Banks et al., Plast Reconstr Surg 2015), Sunnybrook the cheek's fold at rest
 * (Ross et al., Otolaryngol Head Neck Surg 1996).
 *
 * <p>The fold runs from the nose's wing down and out past the mouth corner. Across it, midway between the alar
 * base (iBUG 31 right, 35 left) and the mouth corner (48, 54), a profile of the face's front surface is taken in the
 * face's frontal (x-y) plane, from {@value #MEDIAL_MM} mm medial to {@value #LATERAL_MM} mm lateral of that line; the
 * fold's depth is the largest gap between the profile and its upper convex hull, i.e. how far the surface dips below
 * a straight edge laid across the fold (0 on a convex profile: no fold).
 */
public final class NasolabialFold {
    static final double MEDIAL_MM = 6;
    static final double LATERAL_MM = 20;
    private static final double STEP_MM = 1;
    private static final double RADIUS_MM = 3;
    private static final double LAYER_MM = 4;

    private NasolabialFold() {
    }

    /**
     * @param face      full-face-area vertex positions (model topology, mm)
     * @param landmarks the 68 landmarks of the same face
     * @return the fold depth in mm, NaN when the surface does not cover the profile
     */
    public static double depth(float[] face, float[] landmarks, Side side) {
        boolean right = side == Side.RIGHT;
        int ala = right ? 31 : 35, corner = right ? 48 : 54;
        double ax = landmarks[3 * ala], ay = landmarks[3 * ala + 1];
        double cx = landmarks[3 * corner], cy = landmarks[3 * corner + 1];
        double mx = (ax + cx) / 2, my = (ay + cy) / 2;
        double dx = cx - ax, dy = cy - ay, len = Math.hypot(dx, dy);
        if (len < 1e-6) {
            return Double.NaN;
        }
        // Unit normal to the ala-corner line, pointing laterally (toward -x on the right side, +x on the left).
        double nx = -dy / len, ny = dx / len;
        if ((right && nx > 0) || (!right && nx < 0)) {
            nx = -nx;
            ny = -ny;
        }
        int samples = (int) Math.round((MEDIAL_MM + LATERAL_MM) / STEP_MM) + 1;
        double[] t = new double[samples], z = new double[samples];
        int n = 0;
        for (int i = 0; i < samples; i++) {
            double s = -MEDIAL_MM + i * STEP_MM;
            double zs = frontZ(face, mx + s * nx, my + s * ny);
            if (Double.isFinite(zs)) {
                t[n] = s;
                z[n++] = zs;
            }
        }
        if (n < samples * 3 / 4) {
            return Double.NaN;
        }
        return belowUpperHull(t, z, n);
    }

    /**
     * The front surface's height at (x, y): a least-squares plane z = a + b x + c y through the vertices within
     * {@value #RADIUS_MM} mm in x-y and within {@value #LAYER_MM} mm of the front-most of them (the face's front
     * layer, not the mouth's inside), evaluated at the point. A plane, not the nearest vertex, so that the profile is
     * as smooth as the surface rather than stepping from vertex to vertex.
     */
    private static double frontZ(float[] face, double x, double y) {
        double r2 = RADIUS_MM * RADIUS_MM, top = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < face.length / 3; v++) {
            double ddx = face[3 * v] - x, ddy = face[3 * v + 1] - y;
            if (ddx * ddx + ddy * ddy <= r2) {
                top = Math.max(top, face[3 * v + 2]);
            }
        }
        if (top == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        int n = 0;
        for (int v = 0; v < face.length / 3; v++) {
            double ddx = face[3 * v] - x, ddy = face[3 * v + 1] - y, z = face[3 * v + 2];
            if (ddx * ddx + ddy * ddy <= r2 && z >= top - LAYER_MM) {
                double[] row = {1, ddx, ddy};
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        ata[i][j] += row[i] * row[j];
                    }
                    atb[i] += row[i] * z;
                }
                n++;
            }
        }
        if (n < 4) {
            return top;
        }
        // The intercept of the 3 x 3 normal equations by Cramer's rule (too small a system for a library call).
        double det = det3(ata);
        if (Math.abs(det) < 1e-9) {
            return top;
        }
        double[][] a0 = {{atb[0], ata[0][1], ata[0][2]}, {atb[1], ata[1][1], ata[1][2]}, {atb[2], ata[2][1], ata[2][2]}};
        return det3(a0) / det;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    /** Largest vertical gap between the points (t ascending) and their upper convex hull (monotone chain). */
    static double belowUpperHull(double[] t, double[] z, int n) {
        int[] hull = new int[n];
        int h = 0;
        for (int i = 0; i < n; i++) {
            while (h >= 2 && cross(t, z, hull[h - 2], hull[h - 1], i) >= 0) {
                h--;
            }
            hull[h++] = i;
        }
        double worst = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k < h - 2 && t[hull[k + 1]] <= t[i]) {
                k++;
            }
            int a = hull[k], b = hull[Math.min(k + 1, h - 1)];
            double zh = a == b ? z[a] : z[a] + (z[b] - z[a]) * (t[i] - t[a]) / (t[b] - t[a]);
            worst = Math.max(worst, zh - z[i]);
        }
        return worst;
    }

    private static double cross(double[] t, double[] z, int o, int a, int b) {
        return (t[a] - t[o]) * (z[b] - z[o]) - (z[a] - z[o]) * (t[b] - t[o]);
    }
}
