package io.face3d.fit.photometric;

import io.face3d.core.image.Images;
import io.face3d.core.geom.Pose;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.mesh.MeshIO;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.render.Rasterizer;
import io.face3d.core.image.RgbImage;
import io.face3d.fit.render.SphericalHarmonics;
import io.face3d.fit.render.UvTexture;

import java.nio.file.Path;

/**
 * What a photometric refinement produces besides its numbers: the model rendered over the photo, the residual map,
 * and a textured mesh (OBJ + MTL + PNG) whose texture is sampled from the photo through the ICT UVs. Texels whose
 * surface point is hidden in the photo (or seen at a grazing angle) take the photo colour at the mirrored point
 * (the counterpart vertices of {@link io.face3d.core.model.MirrorMap}, same barycentrics) when that is visible, else the fitted albedo
 * times the light's mean (order-0) irradiance; no blending at those seams. With an occlusion mask, occluded pixels
 * count as hidden and the seam around them is feathered (see {@link #texture(PhotometricResult, RgbImage, int, boolean[])}). The face area's UVs span tiles u in [0, 2): the texture is 2:1 and the OBJ's u is halved.
 */
public final class PhotometricOutputs {
    /** Smallest cosine between a texel's normal and the direction to the camera for sampling the photo. */
    static final double GRAZING = 0.35;

    private final MorphableModel model;
    private final int[] mirror;
    private final int[] triangles;

    public PhotometricOutputs(MorphableModel model, int[] mirror) {
        this.model = model;
        this.mirror = mirror;
        this.triangles = model.triangles(Region.FACE);
    }

    /** The fitted face area in model space (mm) with the model's UVs. */
    public Mesh mesh(PhotometricResult r) {
        return model.mesh(r.identity(), r.expression(), Region.FACE);
    }

    private Rasterizer render(PhotometricResult r, RgbImage photo, float[] shape) {
        Rasterizer ras = new Rasterizer(photo.width(), photo.height());
        ras.render(shape, shape.length / 3, triangles, triangles.length / 3, r.pose());
        return ras;
    }

    /** Per-vertex model colour (albedo x irradiance, [0, 1]) of a fit over the face-area shape {@code shape}. */
    public float[] vertexColours(PhotometricResult r, float[] shape) {
        int n = shape.length / 3;
        float[] normals = new float[3 * n];
        SphericalHarmonics.rotateNormals(new Mesh(shape, triangles).vertexNormals(), n, r.pose().rotation(), normals);
        float[] e = new float[3 * n];
        SphericalHarmonics.irradiance(normals, n, r.light(), e);
        for (int i = 0; i < e.length; i++) {
            e[i] *= r.albedo()[i];
        }
        return e;
    }

    /** The rendered face (Gouraud albedo x SH irradiance) composited over the photo. */
    public RgbImage renderOverPhoto(PhotometricResult r, RgbImage photo) {
        float[] shape = model.evaluate(r.identity(), r.expression(), Region.FACE);
        Rasterizer ras = render(r, photo, shape);
        float[] colour = new float[3 * photo.width() * photo.height()];
        ras.interpolate(triangles, vertexColours(r, shape), 3, colour);
        byte[] out = photo.rgb().clone();
        int[] ids = ras.triangleIds();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= 0) {
                for (int c = 0; c < 3; c++) {
                    out[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(255 * colour[3 * i + c])));
                }
            }
        }
        return new RgbImage(photo.width(), photo.height(), out);
    }

    /**
     * The residual map: inside the projected face, ||photo - rendering|| (RGB, 0..255 scale) x 4 as grey levels,
     * clipped at 255; outside, the photo darkened to a quarter.
     */
    public RgbImage residualMap(PhotometricResult r, RgbImage photo) {
        float[] shape = model.evaluate(r.identity(), r.expression(), Region.FACE);
        Rasterizer ras = render(r, photo, shape);
        float[] colour = new float[3 * photo.width() * photo.height()];
        ras.interpolate(triangles, vertexColours(r, shape), 3, colour);
        byte[] in = photo.rgb(), out = new byte[in.length];
        int[] ids = ras.triangleIds();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                for (int c = 0; c < 3; c++) {
                    out[3 * i + c] = (byte) ((in[3 * i + c] & 0xff) / 4);
                }
                continue;
            }
            double s = 0;
            for (int c = 0; c < 3; c++) {
                double d = (in[3 * i + c] & 0xff) - 255 * colour[3 * i + c];
                s += d * d;
            }
            int g = (int) Math.min(255, 4 * Math.sqrt(s));
            out[3 * i] = (byte) g;
            out[3 * i + 1] = (byte) g;
            out[3 * i + 2] = (byte) g;
        }
        return new RgbImage(photo.width(), photo.height(), out);
    }

    /** The UV texture ({@code 2 size x size}) sampled from the photo, hidden texels from the mirror side or the albedo. */
    public UvTexture texture(PhotometricResult r, RgbImage photo, int size) {
        return texture(r, photo, size, null);
    }

    /**
     * As {@link #texture(PhotometricResult, RgbImage, int)}, with the photo pixels flagged in {@code excluded}
     * (an occlusion mask, photo width x height; null = none) treated as hidden: such texels take the mirrored side
     * where it is visible and not excluded, else the albedo. At the seam between photo texels and texels filled
     * because of the mask, a feathered (alpha) blend: alpha = 1 on photo texels, 0 on filled ones, box-blurred
     * (radius size / 128, two passes: about a triangular kernel) and lowered only (filled texels stay filled), so
     * photo texels next to the occluder fade into the fill over a few texels.
     */
    public UvTexture texture(PhotometricResult r, RgbImage photo, int size, boolean[] excluded) {
        float[] shape = model.evaluate(r.identity(), r.expression(), Region.FACE);
        Rasterizer ras = render(r, photo, shape);
        Mesh mesh = model.mesh(r.identity(), r.expression(), Region.FACE);
        int[] triUv = mesh.triangleUvs();
        float[] uvs = mesh.uvs();
        int w = UvTexture.TILES * size, h = size, uvCount = uvs.length / 2;
        float[] planar = new float[3 * uvCount];
        for (int i = 0; i < uvCount; i++) {
            planar[3 * i] = uvs[2 * i] / UvTexture.TILES * w;
            planar[3 * i + 1] = uvs[2 * i + 1] * h;
        }
        Rasterizer uvRaster = new Rasterizer(w, h).cullBackFaces(false);
        uvRaster.render(planar, uvCount, triUv, triUv.length / 3, Pose.sop(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 1, 0, h));
        int[] ids = uvRaster.triangleIds();
        float[] b0 = uvRaster.barycentric0(), b1 = uvRaster.barycentric1();
        double ambient = 0;
        double[] mean = new double[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = r.light()[9 * c] / SphericalHarmonics.UNIT_AMBIENT;
            ambient += mean[c] / 3;
        }
        float[] normals = new float[shape.length];
        SphericalHarmonics.rotateNormals(new Mesh(shape, triangles).vertexNormals(), shape.length / 3,
            r.pose().rotation(), normals);
        float[] rgb = new float[3 * w * h];
        float[] fill = excluded == null ? null : new float[3 * w * h];
        float[] alpha = excluded == null ? null : new float[w * h];
        double[] p = new double[3], col = new double[3], direct = new double[3];
        for (int i = 0; i < w * h; i++) {
            int t = ids[i];
            if (t < 0) {
                if (alpha != null) {
                    alpha[i] = 1; // neutral outside the charts
                }
                continue;
            }
            double w0 = b0[i], w1 = b1[i], w2 = 1 - w0 - w1;
            int a = triangles[3 * t], b = triangles[3 * t + 1], c = triangles[3 * t + 2];
            boolean seen = samplePhoto(r.pose(), ras, photo, excluded, shape, normals, a, b, c, w0, w1, w2, p, direct);
            boolean masked = !seen && excluded != null
                && samplePhoto(r.pose(), ras, photo, null, shape, normals, a, b, c, w0, w1, w2, p, col);
            boolean found = (!seen || excluded != null) && samplePhoto(r.pose(), ras, photo, excluded, shape, normals,
                mirror[a], mirror[b], mirror[c], w0, w1, w2, p, col);
            for (int k = 0; k < 3; k++) {
                float f = found ? (float) col[k]
                    : (float) Math.min(1, (w0 * r.albedo()[3 * a + k] + w1 * r.albedo()[3 * b + k] + w2 * r.albedo()[3 * c + k]) * mean[k]);
                rgb[3 * i + k] = seen ? (float) direct[k] : f;
                if (fill != null) {
                    fill[3 * i + k] = f;
                }
            }
            if (alpha != null) {
                alpha[i] = masked ? 0 : 1; // only texels filled because of the mask take part in the seam blend
            }
        }
        if (alpha != null) {
            int radius = Math.max(1, size / 128);
            float[] soft = boxBlur(boxBlur(alpha, w, h, radius), w, h, radius);
            for (int i = 0; i < w * h; i++) {
                float a = Math.min(alpha[i], soft[i]);
                if (ids[i] >= 0 && a < 1) {
                    for (int k = 0; k < 3; k++) {
                        rgb[3 * i + k] = a * rgb[3 * i + k] + (1 - a) * fill[3 * i + k];
                    }
                }
            }
        }
        return new UvTexture(w, h, rgb);
    }

    /** Separable box blur of a one-channel image (radius r, clamped at the borders). */
    static float[] boxBlur(float[] in, int w, int h, int r) {
        float[] tmp = new float[in.length], out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                int n = 0;
                for (int d = Math.max(0, x - r); d <= Math.min(w - 1, x + r); d++, n++) {
                    s += in[y * w + d];
                }
                tmp[y * w + x] = s / n;
            }
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                float s = 0;
                int n = 0;
                for (int d = Math.max(0, y - r); d <= Math.min(h - 1, y + r); d++, n++) {
                    s += tmp[d * w + x];
                }
                out[y * w + x] = s / n;
            }
        }
        return out;
    }

    /**
     * The photo with the rendered face composited over the occluded pixels (a de-occluded photo): inside the
     * mask the model's rendering, feathered into the photo over a few pixels at the mask's edge (box-blurred mask
     * as alpha, raised only, so the occluder never shows through).
     */
    public RgbImage completedPhoto(PhotometricResult r, RgbImage photo, boolean[] occluded) {
        RgbImage rendered = renderOverPhoto(r, photo);
        int w = photo.width(), h = photo.height();
        float[] alpha = new float[w * h];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = occluded[i] ? 1 : 0;
        }
        float[] soft = boxBlur(alpha, w, h, Math.max(1, Math.min(w, h) / 256));
        byte[] out = photo.rgb().clone(), ren = rendered.rgb();
        for (int i = 0; i < alpha.length; i++) {
            float a = Math.max(alpha[i], soft[i]);
            if (a > 0) {
                for (int c = 0; c < 3; c++) {
                    out[3 * i + c] = (byte) Math.round(a * (ren[3 * i + c] & 0xff) + (1 - a) * (out[3 * i + c] & 0xff));
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /**
     * Photo colour ([0, 1]) of the surface point at barycentrics (w0, w1, w2) of vertices a, b, c if it is visible
     * and faces the camera at more than {@link #GRAZING} (grazing texels would take the background or hair).
     */
    private static boolean samplePhoto(Pose pose, Rasterizer ras, RgbImage photo, boolean[] excluded, float[] shape, float[] normals,
                                       int a, int b, int c, double w0, double w1, double w2, double[] p, double[] out) {
        for (int k = 0; k < 3; k++) {
            p[k] = w0 * shape[3 * a + k] + w1 * shape[3 * b + k] + w2 * shape[3 * c + k];
        }
        double[] r = pose.rotation();
        double xc = r[0] * p[0] + r[1] * p[1] + r[2] * p[2], yc = r[3] * p[0] + r[4] * p[1] + r[5] * p[2];
        double zc = r[6] * p[0] + r[7] * p[1] + r[8] * p[2];
        double nx = w0 * normals[3 * a] + w1 * normals[3 * b] + w2 * normals[3 * c];
        double ny = w0 * normals[3 * a + 1] + w1 * normals[3 * b + 1] + w2 * normals[3 * c + 1];
        double nz = w0 * normals[3 * a + 2] + w1 * normals[3 * b + 2] + w2 * normals[3 * c + 2];
        double facing;
        if (pose.camera() == Pose.Camera.PERSPECTIVE) {
            double vx = xc + pose.tx(), vy = yc + pose.ty(), vz = zc + pose.tz();
            facing = -(nx * vx + ny * vy + nz * vz) / Math.sqrt((vx * vx + vy * vy + vz * vz) * (nx * nx + ny * ny + nz * nz) + 1e-12);
        } else {
            facing = nz / Math.sqrt(nx * nx + ny * ny + nz * nz + 1e-12);
        }
        if (facing < GRAZING) {
            return false;
        }
        double u, v, depth;
        if (pose.camera() == Pose.Camera.PERSPECTIVE) {
            double z = zc + pose.tz();
            if (z >= 0) {
                return false;
            }
            u = pose.cx() - pose.focal() * (xc + pose.tx()) / z;
            v = pose.cy() + pose.focal() * (yc + pose.ty()) / z;
            depth = z;
        } else {
            u = pose.scale() * xc + pose.tx();
            v = pose.ty() - pose.scale() * yc;
            depth = zc;
        }
        int x = (int) Math.floor(u), y = (int) Math.floor(v);
        if (x < 0 || y < 0 || x >= photo.width() || y >= photo.height()
            || (excluded != null && excluded[y * photo.width() + x])) {
            return false;
        }
        float key = ras.depthBuffer()[y * photo.width() + x];
        if (key == Float.NEGATIVE_INFINITY) {
            return false;
        }
        double surface = pose.camera() == Pose.Camera.PERSPECTIVE ? -1.0 / key : key;
        if (surface - depth > 1.5) {
            return false;
        }
        for (int k = 0; k < 3; k++) {
            out[k] = photo.get(x, y, k) / 255.0;
        }
        return true;
    }

    /**
     * Writes {@code name.obj}, {@code name.mtl} and {@code name_texture.png} into a folder: the fitted face area in
     * model space with the photo texture.
     */
    public void writeTexturedMesh(PhotometricResult r, RgbImage photo, Path dir, String name, int textureSize) {
        writeTexturedMesh(r, photo, dir, name, textureSize, null);
    }

    /** As above, occluded photo pixels ({@code excluded}, may be null) treated as hidden (see {@link #texture}). */
    public void writeTexturedMesh(PhotometricResult r, RgbImage photo, Path dir, String name, int textureSize,
                                  boolean[] excluded) {
        Mesh mesh = mesh(r);
        UvTexture tex = texture(r, photo, textureSize, excluded);
        String png = name + "_texture.png";
        Images.writePng(tex.toPixels(), dir.resolve(png));
        // The texture image holds UvTexture.TILES charts side by side; OBJ's u spans the whole image.
        float[] uv = mesh.uvs().clone();
        for (int i = 0; i < uv.length; i += 2) {
            uv[i] /= UvTexture.TILES;
        }
        MeshIO.write(new Mesh(mesh.positions(), mesh.triangles(), uv, mesh.triangleUvs(), null, png),
            dir.resolve(name + ".obj"));
    }
}
