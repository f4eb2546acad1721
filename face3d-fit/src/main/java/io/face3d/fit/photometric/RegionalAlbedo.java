package io.face3d.fit.photometric;

import io.face3d.core.geom.Polygons;
import io.face3d.core.model.MorphableModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A low-dimensional, left/right-symmetric albedo for ICT-FaceKit Light (which has no albedo model): per colour
 * channel, rho_v = sum_j c_j phi_j(v) over basis functions defined once on the mean face, in model millimetres:
 * <ol>
 *   <li>smooth tone terms: 1, y, y^2, x^2, z (x, y, z / 100 mm): gradients of skin tone toward the hairline, the
 *       jaw and the sides;</li>
 *   <li>soft regions (indicators feathered over 2 mm) where faces differ from skin in colour: the lips (inside the
 *       outer lip contour, iBUG 48-59), the brows (within 5 mm of the brow points 17-21 and 22-26), the lid margins
 *       and lashes (within 3 mm of the eye contours 36-47), the nostrils (within 3.5 mm of 31, 32, 34, 35), the
 *       hair above the forehead (y above 75 mm);</li>
 *   <li>broad redder areas: a Gaussian (sigma 12 mm) about the nose tip (30) and about each cheek centre (the
 *       midpoint of 31 and 2, of 35 and 14; sigma 18 mm, the pair as one function).</li>
 * </ol>
 * Why so few degrees of freedom: a per-vertex albedo, however smoothed, absorbs the shading and the misalignment
 * that should move the shape (measured: with the renders' true albedo the refinement removes two thirds of the
 * landmark fit's dense error, with a per-vertex estimate a sixth); regions fixed on the model surface carry the
 * features (lips, brows, lid lines) with the shape, so their edges in the photo pull the geometry into place and
 * the smooth skin between them leaves the shading to the normals. This is this implementation's choice, in the role
 * the albedo PCA model has in Deng et al. 2019.
 */
public final class RegionalAlbedo {
    /** Number of basis functions. */
    public static final int FUNCTIONS = 13;
    private static final double FEATHER = 2;

    private final int vertices;
    /** phi[j * vertices + v]. */
    private final double[] phi;
    /** sum_v phi_j(v)^2 over all vertices. */
    private final double[] extent = new double[FUNCTIONS];
    /** Smooth tone terms (1, y, y^2, x^2, z, x^2 y): the basis without feature regions. */
    private static final int[] TONE = {0, 1, 2, 3, 4, 12};
    /** Indices of the functions solved for. */
    private final int[] active;
    private final LinearSolverDense<DMatrixRMaj> solver;

    /** The full basis (tone terms and feature regions). */
    public RegionalAlbedo(MorphableModel model, int vertexCount) {
        this(model, vertexCount, true);
    }

    /**
     * @param features with the feature regions and redder areas; false = the smooth tone terms only (an albedo
     *                 that can follow neither shading nor features)
     */
    public RegionalAlbedo(MorphableModel model, int vertexCount, boolean features) {
        active = features ? java.util.stream.IntStream.range(0, FUNCTIONS).toArray() : TONE.clone();
        solver = LinearSolverFactory_DDRM.chol(active.length);
        vertices = vertexCount;
        phi = new double[FUNCTIONS * vertices];
        float[] m = model.meanArray();
        int[] lm = model.landmarks68();
        double[][] p = new double[68][];
        for (int k = 0; k < 68; k++) {
            p[k] = new double[] {m[3 * lm[k]], m[3 * lm[k] + 1], m[3 * lm[k] + 2]};
        }
        double[] lips = new double[24];
        for (int k = 48; k < 60; k++) {
            lips[2 * (k - 48)] = p[k][0];
            lips[2 * (k - 48) + 1] = p[k][1];
        }
        double[][] cheeks = {mid(p[31], p[2]), mid(p[35], p[14])};
        for (int v = 0; v < vertices; v++) {
            double x = m[3 * v], y = m[3 * v + 1], z = m[3 * v + 2];
            double xn = x / 100, yn = y / 100, zn = z / 100;
            double[] f = new double[FUNCTIONS];
            f[0] = 1;
            f[1] = yn;
            f[2] = yn * yn;
            f[3] = xn * xn;
            f[4] = zn;
            double lipDistance = distanceToPolygon(lips, x, y) * (Polygons.contains(lips, x, y) ? -1 : 1);
            f[5] = z > 40 ? soft(lipDistance) : 0;
            f[6] = soft(Math.min(polyline(p, 17, 21, x, y, z), polyline(p, 22, 26, x, y, z)) - 5);
            f[7] = soft(Math.min(loop(p, 36, 41, x, y, z), loop(p, 42, 47, x, y, z)) - 3);
            double nostril = Double.MAX_VALUE;
            for (int k : new int[] {31, 32, 34, 35}) {
                nostril = Math.min(nostril, dist(p[k], x, y, z));
            }
            f[8] = soft(nostril - 3.5);
            f[9] = soft(75 - y);
            f[10] = gauss(dist(p[30], x, y, z), 12);
            f[11] = gauss(dist(cheeks[0], x, y, z), 18) + gauss(dist(cheeks[1], x, y, z), 18);
            f[12] = xn * xn * yn;
            for (int j = 0; j < FUNCTIONS; j++) {
                phi[j * vertices + v] = f[j];
                extent[j] += f[j] * f[j];
            }
        }
    }

    /**
     * Solves the coefficients of each channel by weighted least squares of data ~ irradiance * rho over the
     * visible vertices, with a ridge (relative 1e-4) toward the constant {@code meanRgb} (it fixes the albedo-light
     * scale) and a pull toward 0 on functions seen over less than a quarter of their extent, and writes rho_v
     * (clamped to [0, 1.5]) for every vertex.
     */
    public void solve(int[] visible, double[] weights, float[] irradiance, double[] data, double[] meanRgb, float[] albedo) {
        int m = active.length;
        double[] f = new double[m];
        double[] observed = new double[m];
        for (int v : visible) {
            for (int j = 0; j < m; j++) {
                double p = phi[active[j] * vertices + v];
                observed[j] += p * p;
            }
        }
        for (int c = 0; c < 3; c++) {
            DMatrixRMaj a = new DMatrixRMaj(m, m), b = new DMatrixRMaj(m, 1);
            for (int v : visible) {
                double e = irradiance[3 * v + c], w = weights[v];
                for (int j = 0; j < m; j++) {
                    f[j] = e * phi[active[j] * vertices + v];
                }
                for (int i = 0; i < m; i++) {
                    double wi = w * f[i];
                    b.data[i] += wi * data[3 * v + c];
                    for (int j = 0; j <= i; j++) {
                        a.data[m * i + j] += wi * f[j];
                    }
                }
            }
            double trace = 0;
            for (int i = 0; i < m; i++) {
                trace += a.data[(m + 1) * i];
            }
            double ridge = 1e-4 * trace / m + 1e-12;
            // a function seen over less than a quarter of its extent (the lid lines under sunglasses, seen only at
            // the occluder's rim) is held toward 0, plain skin, with up to the weight of all its vertices seeing skin:
            // it keeps the skin colour instead of taking the colour of whatever covers it
            double perVertex = a.data[0] / Math.max(1, visible.length);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < i; j++) {
                    a.data[m * j + i] = a.data[m * i + j];
                }
                double ext = extent[active[i]];
                double unseen = i == 0 ? 0 : Math.max(0, 1 - 4 * observed[i] / ext);
                a.data[(m + 1) * i] += ridge + unseen * unseen * ext * perVertex;
            }
            b.data[0] += ridge * meanRgb[c];
            DMatrixRMaj x = new DMatrixRMaj(m, 1);
            if (!solver.setA(a)) {
                continue;
            }
            solver.solve(b, x);
            for (int v = 0; v < vertices; v++) {
                double r = 0;
                for (int j = 0; j < m; j++) {
                    r += x.data[j] * phi[active[j] * vertices + v];
                }
                albedo[3 * v + c] = (float) Math.max(0, Math.min(1.5, r));
            }
        }
    }

    private static double[] mid(double[] a, double[] b) {
        return new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
    }

    /** 1 at distance <= -FEATHER / 2, 0 at >= FEATHER / 2, smooth in between. */
    private static double soft(double distance) {
        double t = Math.max(0, Math.min(1, 0.5 - distance / FEATHER));
        return t * t * (3 - 2 * t);
    }

    private static double gauss(double d, double sigma) {
        return Math.exp(-d * d / (2 * sigma * sigma));
    }

    private static double dist(double[] p, double x, double y, double z) {
        return Math.sqrt((p[0] - x) * (p[0] - x) + (p[1] - y) * (p[1] - y) + (p[2] - z) * (p[2] - z));
    }

    private static double segment(double[] a, double[] b, double x, double y, double z) {
        double dx = b[0] - a[0], dy = b[1] - a[1], dz = b[2] - a[2];
        double t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy + (z - a[2]) * dz) / (dx * dx + dy * dy + dz * dz)));
        double ex = x - a[0] - t * dx, ey = y - a[1] - t * dy, ez = z - a[2] - t * dz;
        return Math.sqrt(ex * ex + ey * ey + ez * ez);
    }

    private static double polyline(double[][] p, int from, int to, double x, double y, double z) {
        double best = Double.MAX_VALUE;
        for (int k = from; k < to; k++) {
            best = Math.min(best, segment(p[k], p[k + 1], x, y, z));
        }
        return best;
    }

    private static double loop(double[][] p, int from, int to, double x, double y, double z) {
        return Math.min(polyline(p, from, to, x, y, z), segment(p[to], p[from], x, y, z));
    }

    /** Distance from (x, y) to the boundary of a polygon (x, y interleaved). */
    static double distanceToPolygon(double[] poly, double x, double y) {
        double best = Double.MAX_VALUE;
        int n = poly.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double ax = poly[2 * j], ay = poly[2 * j + 1], dx = poly[2 * i] - ax, dy = poly[2 * i + 1] - ay;
            double t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
            best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
        }
        return best;
    }
}
