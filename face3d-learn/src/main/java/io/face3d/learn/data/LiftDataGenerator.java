package io.face3d.learn.data;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Synthetic 2D/3D landmark pairs from the morphable model: identity a ~ N(0, 1) per mode, a few random blendshapes
 * (ICT's are mostly one-sided, _L / _R), a random pose, a scaled orthographic or perspective camera with random
 * field of view, and Gaussian 2D noise. Face {@code i} of a data set is drawn from its own {@code Random} seeded by
 * (seed, i), so a data set is the same whatever the order or thread that draws it.
 */
public final class LiftDataGenerator {
    /** Typical width of a face in mm, to frame it in the virtual image. */
    private static final double FACE_WIDTH_MM = 150;
    /** Perspective camera distance range, mm. */
    private static final double MIN_DISTANCE_MM = 400, MAX_DISTANCE_MM = 1500;
    /** Largest angle between the optical axis and the direction of the face centre, degrees. */
    private static final double MAX_OFF_AXIS_DEGREES = 8;

    private final MorphableModel model;
    private final LiftDataConfig config;
    private final int[] landmarks;

    public LiftDataGenerator(MorphableModel model, LiftDataConfig config) {
        this.model = model;
        this.config = config;
        this.landmarks = model.landmarks68();
    }

    /** {@code count} faces of data set {@code seed}, drawn in parallel, in index order. */
    public List<LiftSample> generate(long seed, int count) {
        LiftSample[] out = new LiftSample[count];
        IntStream.range(0, count).parallel().forEach(i -> out[i] = sample(new Random(faceSeed(seed, i))));
        return new ArrayList<>(List.of(out));
    }

    /** Seed of face {@code index} of data set {@code seed} (a SplitMix64 finaliser, so nearby seeds differ). */
    static long faceSeed(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One face drawn from {@code rnd}. */
    public LiftSample sample(Random rnd) {
        double[] id = new double[model.identityCount()];
        for (int k = 0; k < id.length; k++) {
            id[k] = rnd.nextGaussian();
        }
        double[] ex = new double[model.expressionCount()];
        if (rnd.nextDouble() >= config.neutralFraction() && config.maxExpressions() > 0) {
            int active = 1 + rnd.nextInt(config.maxExpressions());
            for (int a = 0; a < active; a++) {
                ex[rnd.nextInt(ex.length)] = rnd.nextDouble();
            }
        }
        float[] p = model.evaluate(id, ex, landmarks);
        int n = landmarks.length;
        double[] model3d = new double[3 * n];
        double[] c = new double[3];
        for (int i = 0; i < 3 * n; i++) {
            model3d[i] = p[i];
            c[i % 3] += p[i] / n;
        }
        double yaw = uniform(rnd, config.maxYaw()), pitch = uniform(rnd, config.maxPitch()), roll = uniform(rnd, config.maxRoll());
        double[] r = Rotation.fromEulerDegrees(yaw, pitch, roll);
        // rotate about the landmarks' centroid, so the pose does not move the face in the image
        float[] centred = new float[3 * n];
        double[] camera3d = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double x = p[3 * i] - c[0], y = p[3 * i + 1] - c[1], z = p[3 * i + 2] - c[2];
            centred[3 * i] = (float) x;
            centred[3 * i + 1] = (float) y;
            centred[3 * i + 2] = (float) z;
            for (int a = 0; a < 3; a++) {
                camera3d[3 * i + a] = r[3 * a] * x + r[3 * a + 1] * y + r[3 * a + 2] * z;
            }
        }
        int w = config.imageSize();
        double frac = 0.25 + 0.45 * rnd.nextDouble(); // face width as a share of the image width
        boolean perspective = rnd.nextDouble() < config.perspectiveFraction();
        Pose pose;
        double fov = Double.NaN;
        if (perspective) {
            // a real camera distance (arm's length to a few metres), not just a framing: closer cameras distort the
            // face far more than photographs of faces do
            fov = config.minFov() + (config.maxFov() - config.minFov()) * rnd.nextDouble();
            double f = 0.5 * w / Math.tan(Math.toRadians(fov) / 2);
            double distance = Math.max(MIN_DISTANCE_MM + (MAX_DISTANCE_MM - MIN_DISTANCE_MM) * rnd.nextDouble(),
                f * FACE_WIDTH_MM / (0.8 * w));
            // the face centre within MAX_OFF_AXIS degrees of the optical axis: further off, a perspective image
            // sees the face from another direction than the camera's z, and the depth to recover is ill defined
            double reach = distance * Math.tan(Math.toRadians(MAX_OFF_AXIS_DEGREES));
            double tx = uniform(rnd, reach), ty = uniform(rnd, reach);
            pose = Pose.perspective(r, tx, ty, -distance, f, 0.5 * w, 0.5 * w);
            toViewingFrame(camera3d, tx, ty, -distance);
        } else {
            double s = frac * w / FACE_WIDTH_MM;
            double reach = 0.5 * (1 - frac) * w;
            pose = Pose.sop(r, s, 0.5 * w + uniform(rnd, reach), 0.5 * w + uniform(rnd, reach));
        }
        double[] uv = new double[2 * n];
        pose.project(centred, n, uv);
        double rms = Normalisation.of(uv).scale();
        double sigma = config.maxNoise() * rnd.nextDouble() * rms;
        for (int i = 0; i < uv.length; i++) {
            uv[i] += sigma * rnd.nextGaussian();
        }
        return new LiftSample(uv, camera3d, model3d, yaw, pitch, roll, perspective, fov);
    }

    /**
     * Rotates camera-space points (in place) by the smallest rotation that takes the direction of the face centre
     * t to the optical axis (0, 0, -1): the ground truth of a perspective view is the face as seen along its
     * viewing ray, the only frame a lifter given landmarks alone (no intrinsics) can recover.
     */
    static void toViewingFrame(double[] points, double tx, double ty, double tz) {
        double norm = Math.sqrt(tx * tx + ty * ty + tz * tz);
        double ax = tx / norm, ay = ty / norm, az = tz / norm;
        // axis = a x (0, 0, -1) = (-ay, ax, 0), angle = acos(a . (0, 0, -1)) = acos(-az)
        double sx = -ay, sy = ax, sin = Math.sqrt(sx * sx + sy * sy);
        if (sin < 1e-12) {
            return;
        }
        double[] rot = io.face3d.core.geom.Rotation.axisAngle(sx / sin, sy / sin, 0, Math.atan2(sin, -az));
        for (int i = 0; i < points.length / 3; i++) {
            double x = points[3 * i], y = points[3 * i + 1], z = points[3 * i + 2];
            for (int a = 0; a < 3; a++) {
                points[3 * i + a] = rot[3 * a] * x + rot[3 * a + 1] * y + rot[3 * a + 2] * z;
            }
        }
    }

    private static double uniform(Random rnd, double half) {
        return half * (2 * rnd.nextDouble() - 1);
    }
}
