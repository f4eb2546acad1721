package io.face3d.fit.render;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * What real photos have and a Lambertian model face with a smooth albedo does not, added to a
 * {@link SyntheticFaceRenderer} render: cast shadows of the directional light (the nose's on the cheek, the brow
 * ridge's; a shadow map rendered along the light), specular highlights (Blinn-Phong, strongest on the forehead and
 * nose), strands of hair over the forehead and temples, a colour cast (white balance gains) and JPEG compression.
 * Deterministic from the given random source.
 */
public final class PhotoArtefacts {
    private static final int SHADOW_MAP = 512;
    private static final double[][] HAIR = {{0.05, 0.04, 0.03}, {0.18, 0.11, 0.06}, {0.32, 0.21, 0.12},
        {0.62, 0.5, 0.33}, {0.55, 0.55, 0.55}, {0.35, 0.14, 0.07}};

    private final MorphableModel model;
    private final int[] triangles;
    private final int skinTriangles;
    private final float[] tZone;
    private final int[] hairRoots;
    private final int[] forehead;

    /**
     * One SH light and its parts.
     *
     * @param sh          27 SH coefficients (what the renderer shades with)
     * @param direction   unit vector towards the directional light, camera space
     * @param directional the directional light's strength per channel
     */
    public record Light(double[] sh, double[] direction, double[] directional) {
    }

    public PhotoArtefacts(MorphableModel model) {
        this.model = model;
        Mesh head = model.mesh(null, null, Region.HEAD);
        triangles = head.triangles();
        int t = 0;
        while (t < triangles.length / 3 && triangles[3 * t] < HeadParts.HEAD_AND_NECK.endVertex()) {
            t++;
        }
        skinTriangles = t;
        float[] m = model.meanArray();
        int face = model.vertexCount(Region.FACE);
        tZone = new float[face];
        double top = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < face; v++) {
            double x = m[3 * v];
            tZone[v] = (float) (0.35 + 0.65 * Math.exp(-x * x / (2 * 22 * 22)));
            if (m[3 * v + 2] > 40) {
                top = Math.max(top, m[3 * v + 1]);
            }
        }
        java.util.List<Integer> roots = new java.util.ArrayList<>(), front = new java.util.ArrayList<>();
        for (int v = 0; v < face; v++) {
            double x = m[3 * v], y = m[3 * v + 1], z = m[3 * v + 2];
            boolean upper = y > top - 60 && z > 0;
            if (upper) {
                front.add(v);
            }
            // the top of the forehead, and the temples beside the brows
            if ((y > top - 12 && z > 40) || (Math.abs(x) > 52 && y > top - 55 && y < top - 20 && z > 0)) {
                roots.add(v);
            }
        }
        hairRoots = roots.stream().mapToInt(Integer::intValue).toArray();
        forehead = front.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The renderer's light distribution (ambient + one slightly tinted directional light), with its parts. */
    public static Light randomLight(Random rnd) {
        double[] l = new double[27];
        double ambient = 0.4 + 0.3 * rnd.nextDouble(), strength = 0.25 + 0.35 * rnd.nextDouble();
        double az = Math.toRadians(-70 + 140 * rnd.nextDouble()), el = Math.toRadians(-10 + 60 * rnd.nextDouble());
        double[] d = {Math.sin(az) * Math.cos(el), Math.sin(el), Math.cos(az) * Math.cos(el)};
        double warm = 0.06 * rnd.nextGaussian();
        double[] dir = new double[3];
        for (int c = 0; c < 3; c++) {
            double tint = c == 0 ? 1 + warm : c == 2 ? 1 - warm : 1;
            l[9 * c] += ambient * SphericalHarmonics.UNIT_AMBIENT * tint;
            SphericalHarmonics.addDirectional(d[0], d[1], d[2], strength * tint, l, 9 * c);
            dir[c] = strength * tint;
        }
        return new Light(l, d, dir);
    }

    /**
     * The render with the artefacts.
     *
     * @param face  a render made with {@code light.sh()}
     * @param light its light
     */
    public RgbImage apply(SyntheticFace face, Light light, Random rnd) {
        Pose pose = face.pose();
        float[] shape = model.evaluate(face.identity(), face.expression(), Region.HEAD);
        int n = shape.length / 3;
        float[] normals = new float[3 * n];
        SphericalHarmonics.rotateNormals(new Mesh(shape, triangles).vertexNormals(), n, pose.rotation(), normals);
        float[] total = new float[3 * n], direct = new float[3 * n];
        SphericalHarmonics.irradiance(normals, n, light.sh(), total);
        double[] dl = new double[27];
        double[] d = light.direction();
        for (int c = 0; c < 3; c++) {
            SphericalHarmonics.addDirectional(d[0], d[1], d[2], light.directional()[c], dl, 9 * c);
        }
        SphericalHarmonics.irradiance(normals, n, dl, direct);
        boolean[] lit = shadowMap(shape, n, pose.rotation(), d);
        double shininess = 8 + 32 * rnd.nextDouble(), ks = 0.04 + 0.22 * rnd.nextDouble();
        double hx = d[0], hy = d[1], hz = d[2] + 1, hl = Math.sqrt(hx * hx + hy * hy + hz * hz);
        hx /= hl;
        hy /= hl;
        hz /= hl;
        int face3 = model.vertexCount(Region.FACE);
        float[] attr = new float[6 * n];
        for (int v = 0; v < n; v++) {
            for (int c = 0; c < 3; c++) {
                double e = Math.max(1e-3, total[3 * v + c]);
                double m = lit[v] ? 1 : Math.max(0.15, (e - Math.max(0, direct[3 * v + c])) / e);
                attr[6 * v + c] = (float) m;
                double ndoth = Math.max(0, normals[3 * v] * hx + normals[3 * v + 1] * hy + normals[3 * v + 2] * hz);
                double spec = lit[v] && v < face3 ? ks * tZone[v] * Math.pow(ndoth, shininess) : 0;
                attr[6 * v + 3 + c] = (float) (spec * light.directional()[c] / 0.4);
            }
        }
        RgbImage img = face.image();
        int w = img.width(), h = img.height();
        Rasterizer r = new Rasterizer(w, h);
        r.render(shape, n, triangles, skinTriangles, pose);
        float[] per = new float[6 * w * h];
        java.util.Arrays.fill(per, Float.NaN);
        r.interpolate(triangles, attr, 6, per);
        float[] px = img.toFloats();
        for (int i = 0; i < w * h; i++) {
            if (Float.isNaN(per[6 * i])) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                px[3 * i + c] = px[3 * i + c] * per[6 * i + c] + 255f * per[6 * i + 3 + c];
            }
        }
        hair(px, w, h, shape, r.visibility(), pose, rnd);
        double cast = 0.07;
        double[] gain = {1 + cast * rnd.nextGaussian(), 1 + cast * 0.5 * rnd.nextGaussian(), 1 + cast * rnd.nextGaussian()};
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < 3; c++) {
                px[3 * i + c] = (float) Math.max(0, Math.min(255, px[3 * i + c] * gain[c]));
            }
        }
        return jpeg(RgbImage.fromFloats(w, h, px), 45 + 47 * rnd.nextDouble());
    }

    /** Vertices lit by the directional light: visible in an orthographic raster along the light direction. */
    private boolean[] shadowMap(float[] shape, int n, double[] rotation, double[] d) {
        double[] up = Math.abs(d[1]) < 0.9 ? new double[] {0, 1, 0} : new double[] {1, 0, 0};
        double[] e1 = cross(up, d);
        normalise(e1);
        double[] e2 = cross(d, e1);
        double[] toLight = {e1[0], e1[1], e1[2], e2[0], e2[1], e2[2], d[0], d[1], d[2]};
        double[] rl = Rotation.multiply(toLight, rotation);
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < HeadParts.HEAD_AND_NECK.endVertex(); v++) {
            double x = rl[0] * shape[3 * v] + rl[1] * shape[3 * v + 1] + rl[2] * shape[3 * v + 2];
            double y = rl[3] * shape[3 * v] + rl[4] * shape[3 * v + 1] + rl[5] * shape[3 * v + 2];
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        double s = 0.95 * SHADOW_MAP / Math.max(maxX - minX, maxY - minY);
        Pose p = Pose.sop(rl, s, SHADOW_MAP / 2.0 - s * (minX + maxX) / 2, SHADOW_MAP / 2.0 + s * (minY + maxY) / 2);
        Rasterizer r = new Rasterizer(SHADOW_MAP, SHADOW_MAP);
        r.render(shape, n, triangles, skinTriangles, p);
        return r.visibility().clone();
    }

    /** Strands over the forehead and temples: curves on the surface, 1 mm in front of it, alpha-blended. */
    private void hair(float[] px, int w, int h, float[] shape, boolean[] visible, Pose pose, Random rnd) {
        if (rnd.nextDouble() < 0.15) {
            return;
        }
        int strands = 15 + rnd.nextInt(110);
        double[] colour = HAIR[rnd.nextInt(HAIR.length)];
        double brightness = 0.6 + 0.4 * rnd.nextDouble();
        float[] points = new float[3 * 16];
        double[] uv = new double[32];
        for (int s = 0; s < strands; s++) {
            int root = hairRoots[rnd.nextInt(hairRoots.length)];
            if (!visible[root]) {
                continue;
            }
            double x = shape[3 * root], y = shape[3 * root + 1];
            double length = 12 + 40 * rnd.nextDouble(), drift = (rnd.nextDouble() - 0.5) * 0.9;
            double bend = (rnd.nextDouble() - 0.5) * 0.04;
            double side = Math.abs(x) > 52 ? Math.signum(x) * 0.4 : 0;
            for (int k = 0; k < 16; k++) {
                double t = k / 15.0 * length;
                double px3 = x + (drift - side) * t + bend * t * t, py3 = y - t;
                int nearest = nearest(shape, px3, py3);
                points[3 * k] = (float) px3;
                points[3 * k + 1] = (float) py3;
                points[3 * k + 2] = shape[3 * nearest + 2] + 1;
            }
            pose.project(points, 16, uv);
            double width = 0.5 + 1.2 * rnd.nextDouble(), alpha = 0.55 + 0.4 * rnd.nextDouble();
            double shade = brightness * (0.8 + 0.4 * rnd.nextDouble());
            for (int k = 0; k + 1 < 16; k++) {
                segment(px, w, h, uv[2 * k], uv[2 * k + 1], uv[2 * k + 2], uv[2 * k + 3], width, alpha, colour, shade);
            }
        }
    }

    private int nearest(float[] shape, double x, double y) {
        int best = forehead[0];
        double bd = Double.POSITIVE_INFINITY;
        for (int v : forehead) {
            double dx = shape[3 * v] - x, dy = shape[3 * v + 1] - y;
            double dd = dx * dx + dy * dy;
            if (dd < bd) {
                bd = dd;
                best = v;
            }
        }
        return best;
    }

    private static void segment(float[] px, int w, int h, double ax, double ay, double bx, double by, double width,
                                double alpha, double[] colour, double shade) {
        int x0 = (int) Math.floor(Math.min(ax, bx) - width - 1), x1 = (int) Math.ceil(Math.max(ax, bx) + width + 1);
        int y0 = (int) Math.floor(Math.min(ay, by) - width - 1), y1 = (int) Math.ceil(Math.max(ay, by) + width + 1);
        double dx = bx - ax, dy = by - ay, len2 = Math.max(1e-9, dx * dx + dy * dy);
        for (int y = Math.max(0, y0); y <= Math.min(h - 1, y1); y++) {
            for (int x = Math.max(0, x0); x <= Math.min(w - 1, x1); x++) {
                double cx = x + 0.5, cy = y + 0.5;
                double t = Math.max(0, Math.min(1, ((cx - ax) * dx + (cy - ay) * dy) / len2));
                double dist = Math.hypot(cx - ax - t * dx, cy - ay - t * dy);
                double a = alpha * Math.max(0, Math.min(1, width / 2 + 0.5 - dist));
                if (a <= 0) {
                    continue;
                }
                int i = 3 * (y * w + x);
                for (int c = 0; c < 3; c++) {
                    px[i + c] = (float) ((1 - a) * px[i + c] + a * 255 * colour[c] * shade);
                }
            }
        }
    }

    /** JPEG round trip at a quality in [0, 100] (the JDK's encoder, 4:2:0). */
    public static RgbImage jpeg(RgbImage image, double quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam p = writer.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality((float) (quality / 100));
                writer.write(null, new IIOImage(Images.toBufferedImage(image), null, null), p);
            } finally {
                writer.dispose();
            }
            return Images.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static void normalise(double[] a) {
        double l = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        for (int i = 0; i < 3; i++) {
            a[i] /= l;
        }
    }
}
