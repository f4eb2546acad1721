package io.face3d.eval.distance;

/**
 * Closest point on a triangle to a point, by the Voronoi-region tests of Ericson, "Real-Time Collision Detection"
 * (2005), section 5.1.5: the point is classified against the vertex, edge and face regions of triangle abc using
 * only dot products, and projected on the feature whose region holds it. Exact for every triangle, including
 * degenerate (zero-area) ones, which fall into a vertex or edge region.
 */
public final class ClosestPointOnTriangle {
    private ClosestPointOnTriangle() {
    }

    /**
     * Writes the closest point of triangle (a, b, c) to p into {@code out[0..2]} and returns the squared distance.
     */
    public static double closest(double px, double py, double pz,
                                 double ax, double ay, double az,
                                 double bx, double by, double bz,
                                 double cx, double cy, double cz, double[] out) {
        double abx = bx - ax, aby = by - ay, abz = bz - az;
        double acx = cx - ax, acy = cy - ay, acz = cz - az;
        double apx = px - ax, apy = py - ay, apz = pz - az;
        double d1 = abx * apx + aby * apy + abz * apz;
        double d2 = acx * apx + acy * apy + acz * apz;
        if (d1 <= 0 && d2 <= 0) {
            return set(out, px, py, pz, ax, ay, az); // vertex region a
        }
        double bpx = px - bx, bpy = py - by, bpz = pz - bz;
        double d3 = abx * bpx + aby * bpy + abz * bpz;
        double d4 = acx * bpx + acy * bpy + acz * bpz;
        if (d3 >= 0 && d4 <= d3) {
            return set(out, px, py, pz, bx, by, bz); // vertex region b
        }
        double vc = d1 * d4 - d3 * d2;
        if (vc <= 0 && d1 >= 0 && d3 <= 0) {
            double v = d1 / (d1 - d3); // edge ab
            return set(out, px, py, pz, ax + v * abx, ay + v * aby, az + v * abz);
        }
        double cpx = px - cx, cpy = py - cy, cpz = pz - cz;
        double d5 = abx * cpx + aby * cpy + abz * cpz;
        double d6 = acx * cpx + acy * cpy + acz * cpz;
        if (d6 >= 0 && d5 <= d6) {
            return set(out, px, py, pz, cx, cy, cz); // vertex region c
        }
        double vb = d5 * d2 - d1 * d6;
        if (vb <= 0 && d2 >= 0 && d6 <= 0) {
            double w = d2 / (d2 - d6); // edge ac
            return set(out, px, py, pz, ax + w * acx, ay + w * acy, az + w * acz);
        }
        double va = d3 * d6 - d5 * d4;
        if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) {
            double w = (d4 - d3) / ((d4 - d3) + (d5 - d6)); // edge bc
            return set(out, px, py, pz, bx + w * (cx - bx), by + w * (cy - by), bz + w * (cz - bz));
        }
        double sum = va + vb + vc;
        if (!(sum > 0)) {
            return degenerate(px, py, pz, ax, ay, az, bx, by, bz, cx, cy, cz, out); // collinear corners
        }
        double denom = 1.0 / sum; // face region: barycentric (1 - v - w, v, w)
        double v = vb * denom, w = vc * denom;
        return set(out, px, py, pz, ax + abx * v + acx * w, ay + aby * v + acy * w, az + abz * v + acz * w);
    }

    /** A zero-area triangle is the union of its edges: the nearest of the three segments. */
    private static double degenerate(double px, double py, double pz, double ax, double ay, double az,
                                     double bx, double by, double bz, double cx, double cy, double cz, double[] out) {
        double best = segment(px, py, pz, ax, ay, az, bx, by, bz, out);
        double bestX = out[0], bestY = out[1], bestZ = out[2];
        double d = segment(px, py, pz, bx, by, bz, cx, cy, cz, out);
        if (d < best) {
            best = d;
            bestX = out[0];
            bestY = out[1];
            bestZ = out[2];
        }
        d = segment(px, py, pz, cx, cy, cz, ax, ay, az, out);
        if (d < best) {
            return d;
        }
        return set(out, px, py, pz, bestX, bestY, bestZ);
    }

    private static double segment(double px, double py, double pz, double ax, double ay, double az,
                                  double bx, double by, double bz, double[] out) {
        double dx = bx - ax, dy = by - ay, dz = bz - az;
        double len2 = dx * dx + dy * dy + dz * dz;
        double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy + (pz - az) * dz) / len2 : 0;
        t = Math.max(0, Math.min(1, t));
        return set(out, px, py, pz, ax + t * dx, ay + t * dy, az + t * dz);
    }

    private static double set(double[] out, double px, double py, double pz, double qx, double qy, double qz) {
        out[0] = qx;
        out[1] = qy;
        out[2] = qz;
        double dx = px - qx, dy = py - qy, dz = pz - qz;
        return dx * dx + dy * dy + dz * dz;
    }
}
