package io.face3d.fit.render;

import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.util.Random;

/**
 * A procedural skin albedo in the ICT UV space (tiles 0 and 1: face and head), for photo-like synthetic renders.
 * Every texel is located on the mean face (its "material" position, mm) by rasterising the UV layout, and its
 * colour is a function of that position: a skin tone with low-frequency blotches and per-texel pore noise,
 * redder cheeks, nose and ears, lips inside the mean face's outer lip contour (iBUG 48-59), brows along the brow
 * landmarks (17-21, 22-26), a lid line along the upper eyelids, dark nostrils, and hair above a hairline that
 * comes down behind the ears. Features are placed from the mean face's landmarks, so they follow the model's
 * correspondence under any identity and expression. Deterministic from {@link Params}.
 */
public final class ProceduralSkin {
    /**
     * @param skin     base skin albedo (linear RGB in [0, 1])
     * @param hair     hair and brow colour
     * @param lips     lip colour
     * @param hairline height (mm, model y) of the hairline on the forehead's midline
     * @param browGain brow density in [0, 1]
     * @param blotch   amplitude of low-frequency tone variation
     * @param pores    amplitude of per-texel noise
     * @param seed     seed of the noise fields
     */
    public record Params(double[] skin, double[] hair, double[] lips, double hairline, double browGain, double blotch,
                         double pores, long seed) {
        /** Random plausible parameters: tones from light to dark, hair from black to blond or grey. */
        public static Params random(Random rnd) {
            double t = rnd.nextDouble();
            double[] light = {0.86, 0.66, 0.55}, dark = {0.36, 0.23, 0.16};
            double[] skin = new double[3];
            double warm = 0.04 * rnd.nextGaussian();
            for (int c = 0; c < 3; c++) {
                skin[c] = light[c] + t * (dark[c] - light[c]);
            }
            skin[0] += warm;
            skin[2] -= warm;
            double[][] hairs = {{0.05, 0.04, 0.035}, {0.18, 0.11, 0.06}, {0.32, 0.2, 0.1}, {0.55, 0.42, 0.25},
                {0.45, 0.44, 0.43}, {0.1, 0.07, 0.05}};
            double[] hair = hairs[rnd.nextInt(hairs.length)].clone();
            double[] lips = {skin[0] * 0.82, skin[1] * 0.52, skin[2] * 0.56};
            return new Params(skin, hair, lips, 82 + 14 * rnd.nextDouble(), 0.6 + 0.4 * rnd.nextDouble(),
                0.05 + 0.05 * rnd.nextDouble(), 0.03 + 0.04 * rnd.nextDouble(), rnd.nextLong());
        }
    }

    private final Params p;
    private final ValueNoise noise;
    private final double[][] lm;

    private ProceduralSkin(MorphableModel model, Params params) {
        this.p = params;
        this.noise = new ValueNoise(params.seed());
        float[] mean = model.meanArray();
        int[] idx = model.landmarks68();
        lm = new double[68][];
        for (int k = 0; k < 68; k++) {
            lm[k] = new double[] {mean[3 * idx[k]], mean[3 * idx[k] + 1], mean[3 * idx[k] + 2]};
        }
    }

    /**
     * Builds the albedo texture ({@code 2 size x size} texels) of the face and head UV tiles.
     */
    public static UvTexture texture(MorphableModel model, Params params, int size) {
        return new ProceduralSkin(model, params).build(model, size);
    }

    private UvTexture build(MorphableModel model, int size) {
        int w = UvTexture.TILES * size, h = size;
        var mesh = model.mesh(null, null, Region.HEAD);
        int[] tri = mesh.triangles(), triUv = mesh.triangleUvs();
        float[] uvs = mesh.uvs(), mean = mesh.positions();
        int uvCount = uvs.length / 2;
        // material position of every UV coordinate = mean-face position of its vertex
        float[] material = new float[3 * uvCount];
        float[] planar = new float[3 * uvCount];
        int skinTriangles = 0;
        for (int t = 0; t < tri.length / 3; t++) {
            if (tri[3 * t] >= HeadParts.HEAD_AND_NECK.endVertex()) {
                break;
            }
            skinTriangles = t + 1;
        }
        for (int k = 0; k < 3 * skinTriangles; k++) {
            int uv = triUv[k], v = tri[k];
            for (int a = 0; a < 3; a++) {
                material[3 * uv + a] = mean[3 * v + a];
            }
        }
        for (int i = 0; i < uvCount; i++) {
            planar[3 * i] = uvs[2 * i] / UvTexture.TILES * w;
            planar[3 * i + 1] = uvs[2 * i + 1] * h;
        }
        Rasterizer r = new Rasterizer(w, h).cullBackFaces(false);
        r.render(planar, uvCount, triUv, skinTriangles, Pose.sop(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 1, 0, h));
        float[] pos = new float[3 * w * h];
        r.interpolate(triUv, material, 3, pos);
        float[] rgb = new float[3 * w * h];
        int[] ids = r.triangleIds();
        double[] c = new double[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (ids[i] < 0) {
                    continue;
                }
                colour(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2], x, y, c);
                for (int k = 0; k < 3; k++) {
                    rgb[3 * i + k] = (float) Math.max(0, Math.min(1, c[k]));
                }
            }
        }
        dilate(ids, rgb, w, h, 4);
        return new UvTexture(w, h, rgb);
    }

    /** Fills uncovered texels near charts with their covered neighbours, so bilinear lookups at seams stay clean. */
    private static void dilate(int[] ids, float[] rgb, int w, int h, int passes) {
        boolean[] filled = new boolean[w * h];
        for (int i = 0; i < w * h; i++) {
            filled[i] = ids[i] >= 0;
        }
        for (int pass = 0; pass < passes; pass++) {
            boolean[] next = filled.clone();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (filled[i]) {
                        continue;
                    }
                    int n = 0;
                    float r = 0, g = 0, b = 0;
                    for (int d = 0; d < 4; d++) {
                        int xx = x + (d == 0 ? 1 : d == 1 ? -1 : 0), yy = y + (d == 2 ? 1 : d == 3 ? -1 : 0);
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h && filled[yy * w + xx]) {
                            int j = 3 * (yy * w + xx);
                            r += rgb[j];
                            g += rgb[j + 1];
                            b += rgb[j + 2];
                            n++;
                        }
                    }
                    if (n > 0) {
                        rgb[3 * i] = r / n;
                        rgb[3 * i + 1] = g / n;
                        rgb[3 * i + 2] = b / n;
                        next[i] = true;
                    }
                }
            }
            filled = next;
        }
    }

    private void colour(double x, double y, double z, int tx, int ty, double[] out) {
        double[] s = p.skin();
        double blotch = p.blotch() * noise.fractal(x / 18, y / 18, z / 18, 3);
        double pore = p.pores() * noise.hash(tx, ty, 7) + 0.5 * p.pores() * noise.at(x * 1.3, y * 1.3, z * 1.3);
        double shade = 1 + blotch + pore;
        double red = 0.05 * (gauss(x, y, z, -42, 2, 98, 16) + gauss(x, y, z, 42, 2, 98, 16))
            + 0.06 * gauss(x, y, z, 0, 4, 131, 10);
        boolean ear = Math.abs(x) > 62 && y > -25 && y < 45 && z > -35 && z < 40;
        if (ear) {
            red += 0.05;
            shade *= 0.93;
        }
        for (int c = 0; c < 3; c++) {
            out[c] = s[c] * shade * (c == 0 ? 1 + red : 1 - 0.6 * red);
        }
        // lips: inside the outer lip contour of the mean face, softened over 1.2 mm
        if (z > 90 && y < -15 && y > -55) {
            double d = signedDistanceToPolygon(x, y, 48, 59);
            double a = smoothstep(1.2, -1.2, d);
            if (a > 0) {
                double lipNoise = 1 + 0.06 * noise.at(x * 0.8, y * 3, 3);
                for (int c = 0; c < 3; c++) {
                    out[c] = mix(out[c], p.lips()[c] * lipNoise * (1 + 0.5 * pore), a);
                }
            }
        }
        // brows: a band above the brow landmarks, thicker at the inner end, with hair strokes
        if (z > 60 && y > 35 && y < 80) {
            double a = Math.max(brow(x, y, 17), brow(x, y, 22));
            if (a > 0) {
                double strokes = 0.5 + 0.5 * noise.at(x * 1.5 - y * 0.4, y * 6, 11);
                a *= p.browGain() * (0.6 + 0.4 * strokes);
                for (int c = 0; c < 3; c++) {
                    out[c] = mix(out[c], 0.6 * p.hair()[c], a);
                }
            }
        }
        // lid line and upper-lid shadow (lash line) along 36-39 and 42-45
        if (z > 60 && y > 20 && y < 50) {
            double d = Math.min(polylineDistance(x, y, 36, 39), polylineDistance(x, y, 42, 45));
            double line = Math.exp(-d * d / 0.6);
            double shadow = 0.15 * Math.exp(-d * d / 10);
            for (int c = 0; c < 3; c++) {
                out[c] *= (1 - 0.8 * line) * (1 - shadow);
            }
            // lower lid: a faint darker line along 39-40-41-36 and 45-46-47-42
            double dl = Math.min(lowerLidDistance(x, y, 36), lowerLidDistance(x, y, 42));
            for (int c = 0; c < 3; c++) {
                out[c] *= 1 - 0.3 * Math.exp(-dl * dl / 0.6);
            }
        }
        // nostrils: dark ellipsoids under the nose, between the alar points (31, 35) and the base (33)
        for (int side = 0; side < 2; side++) {
            double[] a = lm[side == 0 ? 31 : 35], b = lm[33];
            double nx = a[0] + 0.45 * (b[0] - a[0]), ny = a[1] + 1.0, nz = a[2] + 0.3 * (b[2] - a[2]);
            double e = sq((x - nx) / 4.0) + sq((y - ny) / 2.5) + sq((z - nz) / 4.5);
            double dark = Math.exp(-e * 1.5);
            for (int c = 0; c < 3; c++) {
                out[c] *= 1 - 0.85 * dark;
            }
        }
        // hair: above the hairline on the forehead, coming down behind the ears at the back of the head
        double hairline = p.hairline() - Math.max(0, 95 - z) * 0.55 - 0.004 * x * x;
        boolean behindEar = z < -5 && y > -40;
        double ha = behindEar ? smoothstep(-60, -30, y) : smoothstep(hairline - 2, hairline + 3, y);
        ha = Math.max(ha, smoothstep(hairline - 2, hairline + 3, y));
        if (ear) {
            ha *= smoothstep(-5, -20, z);
        }
        if (ha > 0) {
            double strand = 0.7 + 0.3 * noise.at(x * 0.3, y * 2.5, z * 0.3) + 0.15 * noise.hash(tx, ty, 3);
            for (int c = 0; c < 3; c++) {
                out[c] = mix(out[c], p.hair()[c] * strand, ha);
            }
        }
    }

    private double brow(double x, double y, int first) {
        // distance to the brow polyline raised by 2 mm; half-thickness 4.5 mm inner to 2.5 mm outer
        double best = Double.MAX_VALUE, thick = 3;
        for (int k = first; k < first + 4; k++) {
            double[] a = lm[k], b = lm[k + 1];
            double[] st = segment(x, y - 2, a[0], a[1], b[0], b[1]);
            if (st[0] < best) {
                best = st[0];
                double along = (k - first + st[1]) / 4.0;        // 0 at the first point, 1 at the last
                double inner = first == 17 ? along : 1 - along;   // 1 at the brow's inner end (21 or 22)
                thick = 2.5 + 2.0 * inner;
            }
        }
        return smoothstep(thick + 0.8, thick - 0.8, best);
    }

    private double polylineDistance(double x, double y, int from, int to) {
        double best = Double.MAX_VALUE;
        for (int k = from; k < to; k++) {
            best = Math.min(best, segment(x, y, lm[k][0], lm[k][1], lm[k + 1][0], lm[k + 1][1])[0]);
        }
        return best;
    }

    private double lowerLidDistance(double x, double y, int first) {
        int[] chain = {first + 3, first + 4, first + 5, first};
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            double[] a = lm[chain[k]], b = lm[chain[k + 1]];
            best = Math.min(best, segment(x, y, a[0], a[1], b[0], b[1])[0]);
        }
        return best;
    }

    /** {distance, parameter along a-b in [0, 1]} from (x, y) to the segment a-b. */
    private static double[] segment(double x, double y, double ax, double ay, double bx, double by) {
        double dx = bx - ax, dy = by - ay;
        double t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy);
        t = Math.max(0, Math.min(1, t));
        return new double[] {Math.hypot(x - ax - t * dx, y - ay - t * dy), t};
    }

    /** Signed distance (negative inside) to the closed polygon of landmarks [from, to] in the model's x-y plane. */
    private double signedDistanceToPolygon(double x, double y, int from, int to) {
        boolean inside = false;
        double best = Double.MAX_VALUE;
        for (int k = from; k <= to; k++) {
            double[] a = lm[k], b = lm[k == to ? from : k + 1];
            if ((a[1] > y) != (b[1] > y) && x < a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1])) {
                inside = !inside;
            }
            best = Math.min(best, segment(x, y, a[0], a[1], b[0], b[1])[0]);
        }
        return inside ? -best : best;
    }

    private static double gauss(double x, double y, double z, double cx, double cy, double cz, double sigma) {
        return Math.exp(-(sq(x - cx) + sq(y - cy) + sq(z - cz)) / (2 * sigma * sigma));
    }

    static double smoothstep(double e0, double e1, double x) {
        double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
        return t * t * (3 - 2 * t);
    }

    private static double mix(double a, double b, double t) {
        return a + (b - a) * t;
    }

    private static double sq(double v) {
        return v * v;
    }
}
