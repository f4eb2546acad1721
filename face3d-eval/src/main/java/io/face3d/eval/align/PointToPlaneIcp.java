package io.face3d.eval.align;

import io.face3d.core.geom.Similarity;
import io.face3d.eval.distance.MeshGeometry;
import io.face3d.eval.distance.TriangleBvh;
import io.face3d.core.mesh.Mesh;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Point-to-plane ICP (Chen and Medioni, 1992; linearised as in Low, "Linear least-squares optimization for
 * point-to-plane ICP surface registration", TR04-004, 2004) of a point set onto a triangle surface, optionally with
 * an isotropic scale, trimmed to the closest pairs (Chetverikov et al., "The trimmed iterative closest point
 * algorithm", ICPR 2002) so partial overlap does not bias it. The partner of every point is the closest point ON
 * the surface (point to triangle through a {@link TriangleBvh}) with that triangle's normal, so a coarse surface
 * is not approximated by its vertices.
 */
public final class PointToPlaneIcp {
    private final IcpConfig config;

    public PointToPlaneIcp(IcpConfig config) {
        this.config = config;
    }

    /**
     * Finds G minimising the trimmed sum over points q of (n . (G(q) - c))^2, c the closest surface point.
     *
     * @param points  moving points, x, y, z flattened
     * @param surface the fixed surface
     * @param bvh     index of {@code surface}
     * @param initial starting transform
     */
    public IcpResult align(float[] points, Mesh surface, TriangleBvh bvh, Similarity initial) {
        float[] normals = MeshGeometry.faceNormals(surface);
        float[] q = subset(points);
        int n = q.length / 3;
        int keep = Math.max(3, (int) Math.ceil(config.keepFraction() * n));
        int dof = config.withScale() ? 7 : 6;
        double[] moved = new double[3 * n];
        double[] closest = new double[3 * n];
        float[] normal = new float[3 * n];
        double[] dist2 = new double[n];
        Similarity g = initial;
        double rms = Double.NaN;
        for (int it = 1; it <= config.maxIterations(); it++) {
            correspond(q, g, bvh, normals, moved, closest, normal, dist2);
            double threshold = inlierThreshold(dist2, keep);
            double[] m = new double[3];
            int used = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                if (dist2[i] <= threshold) {
                    for (int k = 0; k < 3; k++) {
                        m[k] += moved[3 * i + k];
                    }
                    sum2 += dist2[i];
                    used++;
                }
            }
            rms = Math.sqrt(sum2 / used);
            for (int k = 0; k < 3; k++) {
                m[k] /= used;
            }
            // Normal equations of the linearised step about the centroid m: a point p' = p - m moves to
            // (1 + sigma)(I + [w]x) p' + m + tau ~ p + w x p' + tau + sigma p', so the residual n.(p - c) changes
            // by (p' x n).w + n.tau + (n.p') sigma. With scale, the objective is the residual over the scale of G
            // (distances in the moving points' frame), else noise in the moving points biases the scale down.
            DMatrixRMaj a = new DMatrixRMaj(dof, dof);
            DMatrixRMaj b = new DMatrixRMaj(dof, 1);
            double[] j = new double[dof];
            double radius2 = 0;
            for (int i = 0; i < n; i++) {
                if (dist2[i] > threshold) {
                    continue;
                }
                double px = moved[3 * i] - m[0], py = moved[3 * i + 1] - m[1], pz = moved[3 * i + 2] - m[2];
                double nx = normal[3 * i], ny = normal[3 * i + 1], nz = normal[3 * i + 2];
                double r = nx * (moved[3 * i] - closest[3 * i]) + ny * (moved[3 * i + 1] - closest[3 * i + 1])
                    + nz * (moved[3 * i + 2] - closest[3 * i + 2]);
                j[0] = py * nz - pz * ny;
                j[1] = pz * nx - px * nz;
                j[2] = px * ny - py * nx;
                j[3] = nx;
                j[4] = ny;
                j[5] = nz;
                if (dof == 7) {
                    // Residuals are measured in the frame of the moving points: dividing by the scale of G keeps
                    // the scale from shrinking their noise (d(r / (1 + sigma)) / d sigma = -r at sigma = 0).
                    j[6] = nx * px + ny * py + nz * pz - r;
                }
                for (int u = 0; u < dof; u++) {
                    b.data[u] -= j[u] * r;
                    for (int v = u; v < dof; v++) {
                        a.data[u * dof + v] += j[u] * j[v];
                    }
                }
                radius2 = Math.max(radius2, px * px + py * py + pz * pz);
            }
            double trace = 0;
            for (int u = 0; u < dof; u++) {
                trace += a.data[u * dof + u];
                for (int v = 0; v < u; v++) {
                    a.data[u * dof + v] = a.data[v * dof + u];
                }
            }
            // A tiny ridge keeps directions the surface cannot observe (sliding along a plane, spinning a sphere)
            // at zero instead of making the system singular.
            double ridge = 1e-9 * trace / dof + 1e-300;
            for (int u = 0; u < dof; u++) {
                a.data[u * dof + u] += ridge;
            }
            DMatrixRMaj x = new DMatrixRMaj(dof, 1);
            if (!CommonOps_DDRM.solve(a, b, x)) {
                return new IcpResult(g, it, rms, false);
            }
            double wx = x.data[0], wy = x.data[1], wz = x.data[2];
            // A step never more than halves or doubles the scale (a wild first step on a poor start would
            // otherwise flip the sign of s).
            double sigma = dof == 7 ? Math.max(-0.5, Math.min(1, x.data[6])) : 0;
            double angle = Math.sqrt(wx * wx + wy * wy + wz * wz);
            double[] rot = rodrigues(wx, wy, wz);
            double s = 1 + sigma;
            double[] t = new double[3];
            for (int k = 0; k < 3; k++) {
                t[k] = m[k] + x.data[3 + k] - s * (rot[3 * k] * m[0] + rot[3 * k + 1] * m[1] + rot[3 * k + 2] * m[2]);
            }
            g = g.then(new Similarity(s, rot, t));
            double step = Math.sqrt(radius2) * (angle + Math.abs(sigma))
                + Math.sqrt(x.data[3] * x.data[3] + x.data[4] * x.data[4] + x.data[5] * x.data[5]);
            // Steps far below the residual noise only chase the changing inlier set: stop at 0.3% of the RMS.
            if (step < Math.max(config.tolerance(), 3e-3 * rms)) {
                correspond(q, g, bvh, normals, moved, closest, normal, dist2);
                return new IcpResult(g, it, trimmedRms(dist2, keep), true);
            }
        }
        correspond(q, g, bvh, normals, moved, closest, normal, dist2);
        return new IcpResult(g, config.maxIterations(), trimmedRms(dist2, keep), false);
    }

    private float[] subset(float[] points) {
        int n = points.length / 3;
        if (n <= config.maxSamples()) {
            return points;
        }
        // Partial Fisher-Yates: a uniform random subset without replacement.
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Random random = new Random(config.seed());
        float[] out = new float[3 * config.maxSamples()];
        for (int i = 0; i < config.maxSamples(); i++) {
            int k = i + random.nextInt(n - i);
            int tmp = idx[i];
            idx[i] = idx[k];
            idx[k] = tmp;
            System.arraycopy(points, 3 * idx[i], out, 3 * i, 3);
        }
        return out;
    }

    private static void correspond(float[] q, Similarity g, TriangleBvh bvh, float[] normals, double[] moved,
                                   double[] closest, float[] normal, double[] dist2) {
        int n = q.length / 3;
        int block = 512;
        IntStream.range(0, (n + block - 1) / block).parallel().forEach(blk -> {
            TriangleBvh.Query query = bvh.newQuery();
            for (int i = blk * block, end = Math.min(n, i + block); i < end; i++) {
                g.apply(q[3 * i], q[3 * i + 1], q[3 * i + 2], moved, 3 * i);
                dist2[i] = query.nearest(moved[3 * i], moved[3 * i + 1], moved[3 * i + 2]);
                closest[3 * i] = query.x();
                closest[3 * i + 1] = query.y();
                closest[3 * i + 2] = query.z();
                System.arraycopy(normals, 3 * query.triangle(), normal, 3 * i, 3);
            }
        });
    }

    private static double trimmedRms(double[] dist2, int keep) {
        double[] sorted = dist2.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (int i = 0; i < keep; i++) {
            sum += sorted[i];
        }
        return Math.sqrt(sum / keep);
    }

    /**
     * Squared distance below which a pair enters the step: the larger of the keepFraction quantile (trimmed ICP,
     * for partial overlap) and three robust standard deviations of the kept distances (1.4826 x their median, the
     * Gaussian-consistent MAD of unsigned residuals). A rank cut alone also drops the tail of genuine Gaussian noise, which
     * flattens the objective and, measured on 0.2 mm noise, doubled the alignment error; gross outliers (no
     * partner on the other surface) lie far beyond 3 sigma and stay out.
     */
    private static double inlierThreshold(double[] dist2, int keep) {
        double[] sorted = dist2.clone();
        Arrays.sort(sorted);
        double quantile = sorted[Math.min(keep, sorted.length) - 1];
        double sigma = 1.4826 * Math.sqrt(sorted[(Math.min(keep, sorted.length) - 1) / 2]);
        return Math.max(quantile, 9 * sigma * sigma);
    }

    /** Rotation matrix exp([w]x) (Rodrigues' formula). */
    static double[] rodrigues(double wx, double wy, double wz) {
        double theta = Math.sqrt(wx * wx + wy * wy + wz * wz);
        if (theta < 1e-15) {
            return new double[] {1, -wz, wy, wz, 1, -wx, -wy, wx, 1};
        }
        double kx = wx / theta, ky = wy / theta, kz = wz / theta;
        double c = Math.cos(theta), s = Math.sin(theta), v = 1 - c;
        return new double[] {
            c + kx * kx * v, kx * ky * v - kz * s, kx * kz * v + ky * s,
            ky * kx * v + kz * s, c + ky * ky * v, ky * kz * v - kx * s,
            kz * kx * v - ky * s, kz * ky * v + kx * s, c + kz * kz * v};
    }
}
