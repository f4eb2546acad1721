package io.face3d.fit.render;

import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Photo-like synthetic renders of model faces with known 3D truth, the benchmark data of the fitting, photometric,
 * occlusion and assessment work. Deterministic from a seed: identity ~ N(0, sigma^2), 0..n expressions (one-sided
 * ones included), a head pose, a perspective camera with a random field of view, SH lighting (ambient plus one
 * directional light, slightly tinted), a procedural skin albedo in UV space ({@link ProceduralSkin}), the whole
 * head with eyeballs (sclera, iris, pupil), mouth socket, gums and teeth, over a textured background
 * with a torso, supersampled, with sensor noise.
 *
 * <p>Image formation: pixel = 255 * albedo * E(n), E from {@link SphericalHarmonics} with Gouraud-interpolated
 * per-vertex irradiance and per-pixel albedo; the mouth interior and eye sockets get a fixed ambient-occlusion
 * factor. The lacrimal fluid, eye-blend and eye-occlusion meshes (transparent in the upstream shaders) are not drawn,
 * nor the eyelash strips (alpha-textured upstream; drawn opaque they read as thick eyeliner): the skin texture's
 * lid line stands for the lashes.
 */
public final class SyntheticFaceRenderer {
    private static final List<String[]> EXPRESSIONS = List.of(
        new String[] {"mouthSmile_L", "mouthSmile_R"}, new String[] {"mouthSmile_L"}, new String[] {"mouthSmile_R"},
        new String[] {"jawOpen"}, new String[] {"browInnerUp_L", "browInnerUp_R"}, new String[] {"browOuterUp_L"},
        new String[] {"browOuterUp_R"}, new String[] {"browDown_L", "browDown_R"}, new String[] {"eyeBlink_L"},
        new String[] {"eyeBlink_R"}, new String[] {"eyeSquint_L", "eyeSquint_R"}, new String[] {"mouthFrown_L"},
        new String[] {"mouthFrown_R"}, new String[] {"mouthPucker"}, new String[] {"mouthStretch_L"},
        new String[] {"mouthStretch_R"}, new String[] {"cheekPuff_L", "cheekPuff_R"}, new String[] {"noseSneer_L"},
        new String[] {"mouthLeft"}, new String[] {"mouthRight"}, new String[] {"eyeWide_L", "eyeWide_R"},
        new String[] {"mouthUpperUp_L"}, new String[] {"mouthDimple_R"}, new String[] {"mouthRollLower"});

    /** Face centre the camera aims at, model space (between the eyes and the mouth, inside the head). */
    private static final double[] AIM = {0, 5, 70};
    private static final int SKIN_TEXTURE_SIZE = 512;

    private final MorphableModel model;
    private final SyntheticFaceConfig config;
    private final int[] triangles;
    private final int[] triangleUvs;
    private final float[] uvs;
    private final byte[] triangleParts;
    private final int[][] partTriangles;
    private final double[][] eyes;

    public SyntheticFaceRenderer(MorphableModel model, SyntheticFaceConfig config) {
        if (model.vertexCount(Region.HEAD) != HeadParts.EYELASHES.endVertex()) {
            throw new IllegalArgumentException("the synthetic renderer needs the ICT head topology (26719 vertices)");
        }
        this.model = model;
        this.config = config;
        Mesh head = model.mesh(null, null, Region.HEAD);
        triangles = head.triangles();
        triangleUvs = head.triangleUvs();
        uvs = head.uvs();
        int t = triangles.length / 3;
        triangleParts = new byte[t];
        partTriangles = new int[HeadParts.values().length][2];
        for (int[] r : partTriangles) {
            r[0] = Integer.MAX_VALUE;
        }
        for (int i = 0; i < t; i++) {
            int part = HeadParts.of(triangles[3 * i]).ordinal();
            triangleParts[i] = (byte) part;
            partTriangles[part][0] = Math.min(partTriangles[part][0], i);
            partTriangles[part][1] = Math.max(partTriangles[part][1], i + 1);
        }
        eyes = new double[][] {eyeFrame(HeadParts.SCLERA_LEFT, HeadParts.IRIS_LEFT),
            eyeFrame(HeadParts.SCLERA_RIGHT, HeadParts.IRIS_RIGHT)};
    }

    /** Centre, forward axis and radius of an eyeball on the mean face: {cx, cy, cz, ax, ay, az, radius}. */
    private double[] eyeFrame(HeadParts sclera, HeadParts iris) {
        float[] m = model.meanArray();
        double[] c = new double[3];
        int n = 0, front = sclera.firstVertex();
        for (int v = sclera.firstVertex(); v < iris.endVertex(); v++, n++) {
            for (int a = 0; a < 3; a++) {
                c[a] += m[3 * v + a];
            }
            if (m[3 * v + 2] > m[3 * front + 2]) {
                front = v;
            }
        }
        for (int a = 0; a < 3; a++) {
            c[a] /= n;
        }
        double ax = m[3 * front] - c[0], ay = m[3 * front + 1] - c[1], az = m[3 * front + 2] - c[2];
        double r = Math.sqrt(ax * ax + ay * ay + az * az);
        return new double[] {c[0], c[1], c[2], ax / r, ay / r, az / r, r};
    }

    public SyntheticFaceConfig config() {
        return config;
    }

    /** The face of a seed. */
    public SyntheticFace render(long seed) {
        return render(seed, null, null);
    }

    /**
     * The face of a seed with a given identity and expression (null: drawn from the seed): everything else (skin,
     * light, camera, pose, background, noise) is the seed's, so one seed with several expressions photographs one
     * subject in several postures, as a clinic does.
     */
    public SyntheticFace render(long seed, double[] givenIdentity, double[] givenExpression) {
        return render(seed, givenIdentity, givenExpression, null);
    }

    /**
     * What a caller sets instead of the seed's draws (null fields, or a null look: the seed's). The seed's random
     * sequence is drawn in full either way, so the rest of a seed's face does not change with the look.
     *
     * @param skin       albedo texture of the face and head tiles (e.g. texels taken from a photograph)
     * @param fovDegrees horizontal field of view (NaN: the seed's 30-55 degrees); a few degrees is a telephoto,
     *                   nearly scaled-orthographic view
     * @param light      27 SH coefficients ({@link SphericalHarmonics} order)
     * @param turnDegrees yaw, pitch, roll added to the seed's head pose (null: none), e.g. a head drifting during a
     *                    clip; the camera still aims at the same point of the face
     */
    public record Look(UvTexture skin, double fovDegrees, double[] light, double[] turnDegrees) {
        public Look(UvTexture skin, double fovDegrees, double[] light) {
            this(skin, fovDegrees, light, null);
        }

        /** Only a turn added to the seed's head pose. */
        public static Look turned(double yaw, double pitch, double roll) {
            return new Look(null, Double.NaN, null, new double[] {yaw, pitch, roll});
        }

        public Look {
            if (turnDegrees != null && (turnDegrees.length != 3 || !Double.isFinite(turnDegrees[0])
                || !Double.isFinite(turnDegrees[1]) || !Double.isFinite(turnDegrees[2]))) {
                throw new IllegalArgumentException("turnDegrees must hold finite yaw, pitch, roll");
            }
            if (!Double.isNaN(fovDegrees) && !(fovDegrees > 0.5 && fovDegrees < 120)) {
                throw new IllegalArgumentException("field of view must be in (0.5, 120) degrees, got " + fovDegrees);
            }
            if (light != null && light.length != 27) {
                throw new IllegalArgumentException("light must hold 27 SH coefficients");
            }
        }
    }

    /**
     * {@link #render(long, double[], double[])} with the skin, field of view and light of {@code look} where given, and
     * its turn added to the head pose.
     */
    public SyntheticFace render(long seed, double[] givenIdentity, double[] givenExpression, Look look) {
        Random rnd = new Random(seed);
        double[] identity = new double[model.identityCount()];
        for (int k = 0; k < identity.length; k++) {
            identity[k] = Math.max(-3, Math.min(3, config.identitySigma() * rnd.nextGaussian()));
        }
        double[] expression = new double[model.expressionCount()];
        int active = rnd.nextInt(config.maxExpressions() + 1);
        for (int i = 0; i < active; i++) {
            double w = 0.2 + 0.8 * rnd.nextDouble();
            for (String name : EXPRESSIONS.get(rnd.nextInt(EXPRESSIONS.size()))) {
                int k = model.expressionIndex(name);
                if (k >= 0) {
                    expression[k] = Math.min(1, Math.max(expression[k], name.equals("jawOpen") ? 0.5 * w : w));
                }
            }
        }
        if (givenIdentity != null) {
            identity = givenIdentity.clone();
        }
        if (givenExpression != null) {
            expression = givenExpression.clone();
        }
        double yaw = (2 * rnd.nextDouble() - 1) * config.maxYaw();
        double pitch = (2 * rnd.nextDouble() - 1) * config.maxPitch();
        double roll = (2 * rnd.nextDouble() - 1) * config.maxRoll();
        ProceduralSkin.Params skin = ProceduralSkin.Params.random(rnd);
        double[] light = randomLight(rnd);
        if (look != null && look.light() != null) {
            light = look.light().clone();
        }
        double[] eyeColour = randomEyeColour(rnd);
        double[] background = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
        long noiseSeed = rnd.nextLong();

        int w = config.width(), h = config.height();
        double fov = Math.toRadians(30 + 25 * rnd.nextDouble());
        if (look != null && !Double.isNaN(look.fovDegrees())) {
            fov = Math.toRadians(look.fovDegrees());
        }
        double focal = w / 2.0 / Math.tan(fov / 2);
        double faceFraction = config.minFaceWidth() + (config.maxFaceWidth() - config.minFaceWidth()) * rnd.nextDouble();
        double distance = focal * 185 / (faceFraction * w);
        if (look != null && look.turnDegrees() != null) {
            yaw += look.turnDegrees()[0];
            pitch += look.turnDegrees()[1];
            roll += look.turnDegrees()[2];
        }
        double[] r = Rotation.fromEulerDegrees(yaw, pitch, roll);
        double ox = (rnd.nextDouble() - 0.5) * 0.2 * w * distance / focal;
        double oy = (rnd.nextDouble() - 0.5) * 0.2 * h * distance / focal;
        double tx = ox - (r[0] * AIM[0] + r[1] * AIM[1] + r[2] * AIM[2]);
        double ty = oy - (r[3] * AIM[0] + r[4] * AIM[1] + r[5] * AIM[2]);
        double tz = -distance - (r[6] * AIM[0] + r[7] * AIM[1] + r[8] * AIM[2]);
        Pose pose = Pose.perspective(r, tx, ty, tz, focal, w / 2.0, h / 2.0);

        UvTexture texture = look != null && look.skin() != null ? look.skin()
            : ProceduralSkin.texture(model, skin, SKIN_TEXTURE_SIZE);
        float[] shape = model.evaluate(identity, expression, Region.HEAD);
        RgbImage image = shade(shape, pose, light, texture, skin, eyeColour, background, noiseSeed);

        int faceVertices = model.vertexCount(Region.FACE);
        Mesh faceMesh = model.mesh(identity, expression, Region.FACE);
        float[] albedo = vertexAlbedo(texture, faceMesh, faceVertices);
        int[] lmIdx = model.landmarks68();
        float[] lmPts = new float[3 * 68];
        for (int k = 0; k < 68; k++) {
            System.arraycopy(shape, 3 * lmIdx[k], lmPts, 3 * k, 3);
        }
        double[] landmarks = new double[136];
        pose.project(lmPts, 68, landmarks);
        return new SyntheticFace(image, pose, identity, expression, light, albedo, texture, landmarks, faceMesh, seed);
    }

    /** Albedo of each vertex: the texture at the vertex's first UV. */
    private static float[] vertexAlbedo(UvTexture texture, Mesh mesh, int vertices) {
        float[] out = new float[3 * vertices];
        boolean[] done = new boolean[vertices];
        int[] tri = mesh.triangles(), triUv = mesh.triangleUvs();
        float[] uv = mesh.uvs();
        for (int k = 0; k < tri.length; k++) {
            int v = tri[k];
            if (!done[v]) {
                texture.sample(uv[2 * triUv[k]], uv[2 * triUv[k] + 1], out, 3 * v);
                done[v] = true;
            }
        }
        return out;
    }

    private static double[] randomLight(Random rnd) {
        double[] l = new double[27];
        // ambient + directional peak stays near 1.2, so bright skin (albedo ~0.86) seldom clips at 255
        double ambient = 0.45 + 0.25 * rnd.nextDouble(), strength = 0.25 + 0.25 * rnd.nextDouble();
        double az = Math.toRadians(-70 + 140 * rnd.nextDouble()), el = Math.toRadians(-10 + 60 * rnd.nextDouble());
        double dx = Math.sin(az) * Math.cos(el), dy = Math.sin(el), dz = Math.cos(az) * Math.cos(el);
        double warm = 0.06 * rnd.nextGaussian();
        for (int c = 0; c < 3; c++) {
            double tint = c == 0 ? 1 + warm : c == 2 ? 1 - warm : 1;
            l[9 * c] += ambient * SphericalHarmonics.UNIT_AMBIENT * tint;
            SphericalHarmonics.addDirectional(dx, dy, dz, strength * tint, l, 9 * c);
        }
        return l;
    }

    private static double[] randomEyeColour(Random rnd) {
        double[][] colours = {{0.25, 0.13, 0.06}, {0.35, 0.2, 0.08}, {0.2, 0.3, 0.4}, {0.3, 0.35, 0.2}, {0.12, 0.07, 0.04}};
        return colours[rnd.nextInt(colours.length)];
    }

    private RgbImage shade(float[] shape, Pose pose, double[] light, UvTexture texture, ProceduralSkin.Params skin,
                            double[] eyeColour, double[] bg, long noiseSeed) {
        int ss = config.supersampling(), w = config.width(), h = config.height(), sw = w * ss, sh = h * ss;
        Pose big = Pose.perspective(pose.rotation(), pose.tx(), pose.ty(), pose.tz(), pose.focal() * ss,
            pose.cx() * ss, pose.cy() * ss);
        int vertices = shape.length / 3;
        float[] normals = new float[3 * vertices];
        SphericalHarmonics.rotateNormals(new Mesh(shape, triangles).vertexNormals(), vertices, pose.rotation(), normals);
        float[] irradiance = new float[3 * vertices];
        SphericalHarmonics.irradiance(normals, vertices, light, irradiance);

        Rasterizer r = new Rasterizer(sw, sh);
        r.begin(shape, vertices, big);
        r.draw(triangles, 0, partTriangles[HeadParts.IRIS_RIGHT.ordinal()][1]);
        r.finish();

        float[] out = new float[3 * sw * sh];
        ValueNoise noise = new ValueNoise(noiseSeed);
        background(out, sw, sh, bg, noise, big, skin);
        int[] ids = r.triangleIds();
        float[] b0 = r.barycentric0(), b1 = r.barycentric1();
        float[] alb = new float[3];
        float[] mean = model.meanArray();
        for (int i = 0; i < sw * sh; i++) {
            int t = ids[i];
            if (t < 0) {
                continue;
            }
            float w0 = b0[i], w1 = b1[i], w2 = 1 - w0 - w1;
            int a = triangles[3 * t], b = triangles[3 * t + 1], c = triangles[3 * t + 2];
            HeadParts part = HeadParts.values()[triangleParts[t]];
            double occlusion = 1;
            switch (part) {
                case FACE, HEAD_AND_NECK -> {
                    int ua = triangleUvs[3 * t], ub = triangleUvs[3 * t + 1], uc = triangleUvs[3 * t + 2];
                    texture.sample(w0 * uvs[2 * ua] + w1 * uvs[2 * ub] + w2 * uvs[2 * uc],
                        w0 * uvs[2 * ua + 1] + w1 * uvs[2 * ub + 1] + w2 * uvs[2 * uc + 1], alb, 0);
                }
                case SCLERA_LEFT, IRIS_LEFT, SCLERA_RIGHT, IRIS_RIGHT -> {
                    double px = w0 * mean[3 * a] + w1 * mean[3 * b] + w2 * mean[3 * c];
                    double py = w0 * mean[3 * a + 1] + w1 * mean[3 * b + 1] + w2 * mean[3 * c + 1];
                    double pz = w0 * mean[3 * a + 2] + w1 * mean[3 * b + 2] + w2 * mean[3 * c + 2];
                    boolean left = part == HeadParts.SCLERA_LEFT || part == HeadParts.IRIS_LEFT;
                    eye(eyes[left ? 0 : 1], px, py, pz, eyeColour, noise, alb);
                    occlusion = 0.85;
                }
                case TEETH -> {
                    set(alb, 0.88, 0.85, 0.76);
                    occlusion = 0.6;
                }
                case GUMS_AND_TONGUE -> {
                    set(alb, 0.62, 0.26, 0.26);
                    occlusion = 0.45;
                }
                case MOUTH_SOCKET -> {
                    set(alb, 0.4, 0.14, 0.13);
                    occlusion = 0.3;
                }
                case EYE_SOCKET_LEFT, EYE_SOCKET_RIGHT -> {
                    // the lid margin and conjunctiva seen between lid and eyeball: reddened skin
                    double[] sk = skin.skin();
                    set(alb, 0.9 * sk[0], 0.6 * sk[1], 0.6 * sk[2]);
                    occlusion = 0.75;
                }
                default -> set(alb, 0.5, 0.5, 0.5);
            }
            for (int k = 0; k < 3; k++) {
                double e = w0 * irradiance[3 * a + k] + w1 * irradiance[3 * b + k] + w2 * irradiance[3 * c + k];
                out[3 * i + k] = (float) (255 * alb[k] * Math.max(0, e) * occlusion);
            }
        }
        return finish(out, sw, sh, ss, noiseSeed);
    }

    private static void set(float[] c, double r, double g, double b) {
        c[0] = (float) r;
        c[1] = (float) g;
        c[2] = (float) b;
    }

    /** Sclera, iris with radial fibres and a limbal ring, and pupil, by the angle from the eye's forward axis. */
    private static void eye(double[] e, double x, double y, double z, double[] iris, ValueNoise noise, float[] out) {
        double dx = x - e[0], dy = y - e[1], dz = z - e[2];
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double cos = (dx * e[3] + dy * e[4] + dz * e[5]) / len;
        double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
        double irisAngle = Math.toDegrees(Math.asin(Math.min(1, 6.0 / e[6])));
        double pupilAngle = 0.38 * irisAngle;
        if (angle < pupilAngle) {
            set(out, 0.02, 0.02, 0.025);
        } else if (angle < irisAngle) {
            double radial = (angle - pupilAngle) / (irisAngle - pupilAngle);
            double phi = Math.atan2(dy * e[5] - dz * e[4], dx);
            double fibre = 0.75 + 0.25 * noise.at(phi * 12, radial * 3, 5);
            double ring = radial > 0.8 ? 1 - 2.5 * (radial - 0.8) : 1;
            double inner = radial < 0.25 ? 1.25 : 1;
            set(out, iris[0] * fibre * ring * inner, iris[1] * fibre * ring * inner, iris[2] * fibre * ring * inner);
        } else {
            double pink = Math.max(0, Math.min(1, (angle - 40) / 40));
            set(out, 0.82, 0.78 - 0.1 * pink, 0.74 - 0.12 * pink);
        }
    }

    /**
     * Background: a vertical gradient between two colours with low-frequency variation, a few soft rectangles
     * (furniture, frames), a darker floor band and a torso in a shirt colour under the neck.
     */
    private static void background(float[] out, int w, int h, double[] bg, ValueNoise noise, Pose pose,
                                   ProceduralSkin.Params skin) {
        double hue = bg[0] * 2 * Math.PI;
        double[] top = {0.55 + 0.3 * Math.cos(hue), 0.55 + 0.3 * Math.cos(hue - 2.1), 0.55 + 0.3 * Math.cos(hue + 2.1)};
        double[] bottom = {top[0] * (0.4 + 0.4 * bg[1]), top[1] * (0.4 + 0.4 * bg[1]), top[2] * (0.45 + 0.4 * bg[1])};
        Random rnd = new Random(Double.doubleToLongBits(bg[2]));
        int rects = 2 + rnd.nextInt(4);
        double[][] rect = new double[rects][7];
        for (double[] q : rect) {
            q[0] = rnd.nextDouble() * w;
            q[1] = rnd.nextDouble() * h;
            q[2] = (0.1 + 0.3 * rnd.nextDouble()) * w;
            q[3] = (0.1 + 0.5 * rnd.nextDouble()) * h;
            for (int c = 0; c < 3; c++) {
                q[4 + c] = 0.15 + 0.7 * rnd.nextDouble();
            }
        }
        double[] shirt = {0.1 + 0.7 * bg[3], 0.1 + 0.6 * rnd.nextDouble(), 0.1 + 0.6 * rnd.nextDouble()};
        // torso: an ellipse 2 x 230 mm wide whose top (y = -160 mm) overlaps the neck's cut
        double[] base = new double[2];
        pose.project(new float[] {0, -300, -30}, 1, base);
        double[] shoulderScale = new double[2];
        pose.project(new float[] {230, -300, -30}, 1, shoulderScale);
        double rx = Math.abs(shoulderScale[0] - base[0]) + 1e-3, ry = 0.62 * rx;
        double scale = w / 8.0;
        for (int y = 0; y < h; y++) {
            double fy = (double) y / h;
            for (int x = 0; x < w; x++) {
                double n = 0.08 * noise.fractal(x / scale, y / scale, 1.5, 3);
                double[] c = new double[3];
                for (int k = 0; k < 3; k++) {
                    c[k] = (top[k] + (bottom[k] - top[k]) * fy) * (1 + n);
                }
                for (double[] q : rect) {
                    double ex = Math.max(0, Math.abs(x - q[0]) - q[2] / 2), ey = Math.max(0, Math.abs(y - q[1]) - q[3] / 2);
                    double a = 0.7 * Math.exp(-(ex * ex + ey * ey) / (0.0004 * w * w));
                    for (int k = 0; k < 3; k++) {
                        c[k] += (q[4 + k] - c[k]) * a;
                    }
                }
                double ex = (x - base[0]) / rx, ey = (y - base[1]) / ry;
                double e = ex * ex + ey * ey;
                if (y > base[1] - ry && e < 1.2) {
                    double a = ProceduralSkin.smoothstep(1.05, 0.95, e);
                    double fold = 0.85 + 0.15 * noise.at(x / (scale / 3), y / (scale / 2), 4.5) - 0.25 * Math.abs(ex);
                    for (int k = 0; k < 3; k++) {
                        c[k] += (shirt[k] * fold - c[k]) * a;
                    }
                }
                for (int k = 0; k < 3; k++) {
                    out[3 * (y * w + x) + k] = (float) (255 * Math.max(0, Math.min(1, c[k])));
                }
            }
        }
    }

    /** Box-downsamples the supersampled image and adds Gaussian sensor noise. */
    private RgbImage finish(float[] big, int sw, int sh, int ss, long seed) {
        int w = config.width(), h = config.height();
        float[] out = new float[3 * w * h];
        Random rnd = new Random(seed ^ 0x5DEECE66DL);
        float inv = 1f / (ss * ss);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < 3; k++) {
                    float s = 0;
                    for (int dy = 0; dy < ss; dy++) {
                        for (int dx = 0; dx < ss; dx++) {
                            s += big[3 * ((y * ss + dy) * sw + x * ss + dx) + k];
                        }
                    }
                    out[3 * (y * w + x) + k] = s * inv + (float) (config.noiseSigma() * rnd.nextGaussian());
                }
            }
        }
        return RgbImage.fromFloats(w, h, out);
    }

    /** Writes the faces of seeds {@code first .. first + count - 1} as PNG (and their landmarks drawn) to a folder. */
    public static void main(String[] args) {
        java.nio.file.Path dir = java.nio.file.Path.of(args.length > 0 ? args[0] : "/tmp/face3d-render");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        long first = args.length > 2 ? Long.parseLong(args[2]) : 1;
        MorphableModel model = MorphableModel.load(io.face3d.core.assets.ModelAssets.defaults().locateIct());
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults());
        for (long s = first; s < first + count; s++) {
            SyntheticFace f = renderer.render(s);
            Images.writePng(f.image(), dir.resolve("synthetic_" + s + ".png"));
            byte[] marked = f.image().rgb().clone();
            for (int k = 0; k < 68; k++) {
                int x = (int) f.landmarks()[2 * k], y = (int) f.landmarks()[2 * k + 1];
                for (int d = -1; d <= 1; d++) {
                    plot(marked, f.image().width(), f.image().height(), x + d, y);
                    plot(marked, f.image().width(), f.image().height(), x, y + d);
                }
            }
            Images.writePng(new RgbImage(f.image().width(), f.image().height(), marked), dir.resolve("synthetic_" + s + "_landmarks.png"));
            System.out.println(dir.resolve("synthetic_" + s + ".png") + " " + f.pose() + " expression "
                + Arrays.toString(Arrays.stream(f.expression()).filter(v -> v > 0).toArray()));
        }
    }

    private static void plot(byte[] rgb, int w, int h, int x, int y) {
        if (x >= 0 && y >= 0 && x < w && y < h) {
            int i = 3 * (y * w + x);
            rgb[i] = 0;
            rgb[i + 1] = (byte) 255;
            rgb[i + 2] = 0;
        }
    }
}
