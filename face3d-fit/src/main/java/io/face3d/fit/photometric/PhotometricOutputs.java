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
 * count as hidden ({@link #textureLayers}; the blend around them is {@code io.face3d.fit.occlusion.FaceCompletion}'s). The face area's UVs span tiles u in [0, 2): the texture is 2:1 and the OBJ's u is halved.
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
        TextureLayers t = textureLayers(r, photo, size, null);
        return new UvTexture(t.width(), t.height(), t.rgb());
    }

    /**
     * The texture before any seam blending, for completion around an occluder ({@code io.face3d.fit.occlusion}).
     *
     * @param width   texture width ({@link UvTexture#TILES} x size)
     * @param height  texture height (size)
     * @param rgb     interleaved [0, 1]: the photo where the texel is seen, else its fill
     * @param fill    interleaved [0, 1]: what a hidden texel takes (the mirrored side's photo colour where that is
     *                seen and not excluded, else the fitted albedo x the light's mean irradiance), on every texel
     * @param masked  texels that are visible in the photo but fall on an excluded pixel (filled because of the mask)
     * @param charted texels inside the UV charts
     */
    public record TextureLayers(int width, int height, float[] rgb, float[] fill, boolean[] masked, boolean[] charted) {
    }

    /**
     * The texture layers of a fit: photo pixels flagged in {@code excluded} (an occlusion mask, photo width x height;
     * null = none) count as hidden.
     */
    public TextureLayers textureLayers(PhotometricResult r, RgbImage photo, int size, boolean[] excluded) {
        float[] shape = model.evaluate(r.identity(), r.expression(), Region.FACE);
        Rasterizer ras = render(r, photo, shape);
        Mesh mesh = model.mesh(r.identity(), r.expression(), Region.FACE);
        int[] triUv = mesh.triangleUvs();
        float[] uvs = mesh.uvs();
        int w = UvTexture.TILES * size, h = size;
        Rasterizer uvRaster = UvTexture.charts(uvs, triUv, triUv.length / 3, size);
        int[] ids = uvRaster.triangleIds();
        float[] b0 = uvRaster.barycentric0(), b1 = uvRaster.barycentric1();
        double[] mean = new double[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = r.light()[9 * c] / SphericalHarmonics.UNIT_AMBIENT;
        }
        float[] normals = new float[shape.length];
        SphericalHarmonics.rotateNormals(new Mesh(shape, triangles).vertexNormals(), shape.length / 3,
            r.pose().rotation(), normals);
        float[] rgb = new float[3 * w * h], fill = new float[3 * w * h];
        boolean[] masked = new boolean[w * h], charted = new boolean[w * h];
        double[] p = new double[3], col = new double[3], direct = new double[3];
        for (int i = 0; i < w * h; i++) {
            int t = ids[i];
            if (t < 0) {
                continue;
            }
            charted[i] = true;
            double w0 = b0[i], w1 = b1[i], w2 = 1 - w0 - w1;
            int a = triangles[3 * t], b = triangles[3 * t + 1], c = triangles[3 * t + 2];
            boolean seen = samplePhoto(r.pose(), ras, photo, excluded, shape, normals, a, b, c, w0, w1, w2, p, direct);
            masked[i] = !seen && excluded != null
                && samplePhoto(r.pose(), ras, photo, null, shape, normals, a, b, c, w0, w1, w2, p, col);
            boolean found = samplePhoto(r.pose(), ras, photo, excluded, shape, normals,
                mirror[a], mirror[b], mirror[c], w0, w1, w2, p, col);
            for (int k = 0; k < 3; k++) {
                float f = found ? (float) col[k]
                    : (float) Math.min(1, (w0 * r.albedo()[3 * a + k] + w1 * r.albedo()[3 * b + k] + w2 * r.albedo()[3 * c + k]) * mean[k]);
                fill[3 * i + k] = f;
                rgb[3 * i + k] = seen ? (float) direct[k] : f;
            }
        }
        return new TextureLayers(w, h, rgb, fill, masked, charted);
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
        writeTexturedMesh(r, texture(r, photo, textureSize), dir, name);
    }

    /** As above with a texture made elsewhere (e.g. completed around an occluder). */
    public void writeTexturedMesh(PhotometricResult r, UvTexture tex, Path dir, String name) {
        Mesh mesh = mesh(r);
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
