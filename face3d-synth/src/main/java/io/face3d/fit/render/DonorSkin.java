package io.face3d.fit.render;

import io.face3d.core.geom.Pose;
import io.face3d.core.image.RgbImage;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * An albedo texture taken from a real photograph (the "donor"): the model fitted to the photo (pose, identity,
 * expression given), every texel of the face and head UV tiles mapped to its point on the fitted mesh, projected
 * into the photo and sampled there where the mesh is visible and faces the camera; texels the photo does not
 * show are sampled at the mirrored point of the face (the model's mirror map, same barycentric coordinates); what
 * neither side shows is filled from neighbouring texels. The donor's own shading is divided out coarsely (an
 * order-2 SH irradiance per channel fitted to the visible face with a constant albedo, normalised to mean 1), so
 * pores, make-up, brows, lash lines and the hairline's strands stay in the texture, as do the shading errors of
 * a fit that is not the donor's true shape: what a photo has and a smooth albedo model does not.
 */
public final class DonorSkin {
    private static final double MIN_FACING = 0.3;

    private DonorSkin() {
    }

    /**
     * The texture ({@code 2 size x size} texels).
     *
     * @param photo      the donor photograph
     * @param pose       the fitted camera and head pose (photo pixels)
     * @param identity   fitted identity coefficients
     * @param expression fitted expression weights
     */
    public static UvTexture fromPhoto(MorphableModel model, RgbImage photo, Pose pose, double[] identity,
                                      double[] expression, int size) {
        Mesh head = model.mesh(identity, expression, Region.HEAD);
        int[] tri = head.triangles(), triUv = head.triangleUvs();
        float[] uvs = head.uvs(), shape = head.positions();
        int n = shape.length / 3;
        int skinTriangles = 0;
        for (int t = 0; t < tri.length / 3 && tri[3 * t] < HeadParts.HEAD_AND_NECK.endVertex(); t++) {
            skinTriangles = t + 1;
        }
        // which vertices the photo shows: visible in a raster of the skin and eyeballs, facing the camera
        float[] normals = new float[3 * n];
        SphericalHarmonics.rotateNormals(head.vertexNormals(), n, pose.rotation(), normals);
        Rasterizer view = new Rasterizer(photo.width(), photo.height());
        view.render(shape, n, tri, tri.length / 3, pose);
        boolean[] vis = view.visibility();
        float[] screen = view.screenPositions().clone();
        boolean[] ok = new boolean[n];
        float[] colour = new float[3 * n];
        double[] c = new double[3];
        for (int v = 0; v < HeadParts.HEAD_AND_NECK.endVertex(); v++) {
            ok[v] = vis[v] && normals[3 * v + 2] > MIN_FACING && sample(photo, screen[2 * v], screen[2 * v + 1], c);
            for (int k = 0; k < 3; k++) {
                colour[3 * v + k] = (float) c[k];
            }
        }
        float[] shading = shading(model, normals, ok, colour, n);
        // texel -> triangle and barycentric coordinates, by rasterising the UV charts 
        int w = UvTexture.TILES * size, h = size;
        Rasterizer charts = UvTexture.charts(uvs, triUv, skinTriangles, size);
        int[] ids = charts.triangleIds();
        float[] b0 = charts.barycentric0(), b1 = charts.barycentric1();
        int[] mirror = model.mirrorMap().toArray();
        float[] rgb = new float[3 * w * h];
        int[] filled = new int[w * h];
        java.util.Arrays.fill(filled, -1);
        double[] mean = new double[3];
        int meanCount = 0;
        for (int i = 0; i < w * h; i++) {
            int t = ids[i];
            if (t < 0) {
                continue;
            }
            int a = tri[3 * t], b = tri[3 * t + 1], d = tri[3 * t + 2];
            float w0 = b0[i], w1 = b1[i];
            if (!texel(photo, screen, shading, ok, a, b, d, w0, w1, rgb, 3 * i)) {
                int ma = mirror[a], mb = mirror[b], md = mirror[d];
                if (ma < 0 || mb < 0 || md < 0 || !texel(photo, screen, shading, ok, ma, mb, md, w0, w1, rgb, 3 * i)) {
                    continue;
                }
            }
            filled[i] = 0;
            for (int k = 0; k < 3; k++) {
                mean[k] += rgb[3 * i + k];
            }
            meanCount++;
        }
        // holes (the back of the head, under the chin): grown in from their neighbours, the rest the mean colour
        ProceduralSkin.dilate(filled, rgb, w, h, 48);
        for (int i = 0; i < w * h; i++) {
            boolean empty = rgb[3 * i] == 0 && rgb[3 * i + 1] == 0 && rgb[3 * i + 2] == 0;
            if (ids[i] >= 0 && empty) {
                for (int k = 0; k < 3; k++) {
                    rgb[3 * i + k] = (float) (mean[k] / Math.max(1, meanCount));
                }
            }
        }
        ProceduralSkin.dilate(ids, rgb, w, h, 4);
        return new UvTexture(w, h, rgb);
    }

    /** One texel from triangle (a, b, d) of the photo, if all three vertices are shown: colour / shading. */
    private static boolean texel(RgbImage photo, float[] screen, float[] shading, boolean[] ok, int a, int b, int d,
                                 float w0, float w1, float[] out, int off) {
        if (!ok[a] || !ok[b] || !ok[d]) {
            return false;
        }
        float w2 = 1 - w0 - w1;
        double x = w0 * screen[2 * a] + w1 * screen[2 * b] + w2 * screen[2 * d];
        double y = w0 * screen[2 * a + 1] + w1 * screen[2 * b + 1] + w2 * screen[2 * d + 1];
        double[] c = new double[3];
        if (!sample(photo, x, y, c)) {
            return false;
        }
        for (int k = 0; k < 3; k++) {
            double e = w0 * shading[3 * a + k] + w1 * shading[3 * b + k] + w2 * shading[3 * d + k];
            out[off + k] = (float) Math.max(0, Math.min(1, c[k] / Math.max(0.25, e)));
        }
        return true;
    }

    /**
     * Per-vertex relative shading of the donor: per channel the SH irradiance that best explains the visible face
     * vertices' colours with one albedo (least squares, ridge), divided by its mean over them.
     */
    private static float[] shading(MorphableModel model, float[] normals, boolean[] ok, float[] colour, int n) {
        int face = model.vertexCount(Region.FACE);
        double[] light = new double[27];
        double[] basis = new double[9];
        for (int ch = 0; ch < 3; ch++) {
            DMatrixRMaj a = new DMatrixRMaj(9, 9), rhs = new DMatrixRMaj(9, 1);
            for (int v = 0; v < face; v++) {
                if (!ok[v]) {
                    continue;
                }
                SphericalHarmonics.basis(normals[3 * v], normals[3 * v + 1], normals[3 * v + 2], basis, 0);
                for (int i = 0; i < 9; i++) {
                    rhs.data[i] += basis[i] * colour[3 * v + ch];
                    for (int j = 0; j < 9; j++) {
                        a.data[9 * i + j] += basis[i] * basis[j];
                    }
                }
            }
            double trace = 0;
            for (int i = 0; i < 9; i++) {
                trace += a.data[10 * i];
            }
            for (int i = 0; i < 9; i++) {
                a.data[10 * i] += 1e-3 * trace + 1e-9;
            }
            LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.chol(9);
            DMatrixRMaj x = new DMatrixRMaj(9, 1);
            if (s.setA(a)) {
                s.solve(rhs, x);
            }
            // the fitted coefficients are the SH basis weights; turn them into the irradiance convention
            for (int i = 0; i < 9; i++) {
                light[9 * ch + i] = x.data[i];
            }
        }
        float[] e = new float[3 * n];
        for (int v = 0; v < n; v++) {
            SphericalHarmonics.basis(normals[3 * v], normals[3 * v + 1], normals[3 * v + 2], basis, 0);
            for (int ch = 0; ch < 3; ch++) {
                double sum = 0;
                for (int i = 0; i < 9; i++) {
                    sum += basis[i] * light[9 * ch + i];
                }
                e[3 * v + ch] = (float) sum;
            }
        }
        double[] mean = new double[3];
        int count = 0;
        for (int v = 0; v < face; v++) {
            if (ok[v]) {
                for (int ch = 0; ch < 3; ch++) {
                    mean[ch] += e[3 * v + ch];
                }
                count++;
            }
        }
        for (int v = 0; v < n; v++) {
            for (int ch = 0; ch < 3; ch++) {
                e[3 * v + ch] = (float) (e[3 * v + ch] * count / Math.max(1e-9, mean[ch]));
            }
        }
        return e;
    }

    /** Bilinear photo colour at (x, y) (pixel centres at +0.5) in [0, 1]; false outside. */
    static boolean sample(RgbImage img, double x, double y, double[] out) {
        double fx = x - 0.5, fy = y - 0.5;
        int x0 = (int) Math.floor(fx), y0 = (int) Math.floor(fy);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= img.width() || y0 + 1 >= img.height()) {
            return false;
        }
        double ax = fx - x0, ay = fy - y0;
        for (int c = 0; c < 3; c++) {
            double top = (1 - ax) * img.get(x0, y0, c) + ax * img.get(x0 + 1, y0, c);
            double bottom = (1 - ax) * img.get(x0, y0 + 1, c) + ax * img.get(x0 + 1, y0 + 1, c);
            out[c] = ((1 - ay) * top + ay * bottom) / 255.0;
        }
        return true;
    }
}
