package io.face3d.clinic;

import org.ejml.simple.SimpleMatrix;

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
    private static final double RADIUS_MM = 5;
    private static final double LAYER_MM = 4;
    private static final double FRONT_MM = 1.5;
    private static final int LAYER_PASSES = 4;

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
     * The front surface's height at (x, y): a weighted least-squares plane z = a + b x + c y through the vertices
     * within {@value #RADIUS_MM} mm in x-y, evaluated at the point. Each vertex weighs (1 - d^2 / R^2)^2 at distance d
     * (0 at the disc's edge, so a vertex entering or leaving the disc as the face moves does not make the height jump)
     * times how far it lies behind the plane: 1 up to {@value #FRONT_MM} mm behind, falling smoothly to 0 at
     * {@value #LAYER_MM} mm (the face's front layer, not the mouth's inside); the plane is refitted with these weights
     * {@value #LAYER_PASSES} times from the plane of all vertices. Before, the vertices within 4 mm of the front-most
     * one counted fully and the others not at all, in a 3 mm disc: on the cheek's slope that cut moved across vertices
     * of the front surface itself, and the depth jumped by up to 0.7 mm between nearly equal faces (a symmetric face's
     * fold sides differed by up to 4.8 rms; docs/decisions/clinic-fold-depth.md).
     */
    static double frontZ(float[] face, double x, double y) {
        double r2 = RADIUS_MM * RADIUS_MM;
        int count = 0;
        for (int v = 0; v < face.length / 3; v++) {
            double ddx = face[3 * v] - x, ddy = face[3 * v + 1] - y;
            count += ddx * ddx + ddy * ddy < r2 ? 1 : 0;
        }
        if (count < 4) {
            return Double.NaN;
        }
        double[] dx = new double[count], dy = new double[count], z = new double[count], w = new double[count];
        int k = 0;
        for (int v = 0; v < face.length / 3; v++) {
            double ddx = face[3 * v] - x, ddy = face[3 * v + 1] - y, d2 = ddx * ddx + ddy * ddy;
            if (d2 < r2) {
                dx[k] = ddx;
                dy[k] = ddy;
                z[k] = face[3 * v + 2];
                w[k++] = (1 - d2 / r2) * (1 - d2 / r2);
            }
        }
        double[] plane = plane(dx, dy, z, w, null);
        for (int pass = 0; pass < LAYER_PASSES && plane != null; pass++) {
            plane = plane(dx, dy, z, w, plane);
        }
        return plane == null ? Double.NaN : plane[0];
    }

    /** Weighted plane {a, b, c}; with {@code front}, each weight times the front-layer factor of its residual. */
    private static double[] plane(double[] dx, double[] dy, double[] z, double[] w, double[] front) {
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        for (int k = 0; k < z.length; k++) {
            double wk = w[k];
            if (front != null) {
                double behind = front[0] + front[1] * dx[k] + front[2] * dy[k] - z[k];
                double u = Math.max(0, Math.min(1, (behind - FRONT_MM) / (LAYER_MM - FRONT_MM)));
                wk *= 1 - u * u * (3 - 2 * u);
            }
            double[] row = {1, dx[k], dy[k]};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    ata[i][j] += wk * row[i] * row[j];
                }
                atb[i] += wk * row[i] * z[k];
            }
        }
        SimpleMatrix a = new SimpleMatrix(ata);
        if (Math.abs(a.determinant()) < 1e-9) {
            return null;
        }
        SimpleMatrix sol = a.solve(new SimpleMatrix(3, 1, true, atb));
        return new double[] {sol.get(0), sol.get(1), sol.get(2)};
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
