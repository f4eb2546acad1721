package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Faces drawn from the model and seen by a simulated detector, for the ablation benchmarks and the tests:
 * identity ~ N(0, I); 0-4 expressions (from {@link #EXPRESSIONS}, mostly one-sided) at weights U(0.2, 1); yaw
 * U(-60, 60), pitch U(-25, 25), roll U(-20, 20) degrees; a SOP camera with scale U(1, 2) px/mm in a 640 x 640
 * image; Gaussian landmark noise with the per-group sigmas of a {@link NoiseModel}.
 *
 * <p>Jaw points 0-16 are marked where a detector marks them, on the outline: from the projection of the iBUG jaw
 * vertex along the outward normal of the projected jaw chain to where the face's outline crosses that line
 * (landmark marching, Zhu et al. 2015: the outermost projected jaw-band vertex within 1.5 mm of the line, its
 * distance along the line), or the iBUG vertex itself where nothing lies further out. The fitter uses the same
 * rule ({@link JawContour#march}) as its model of a detector's jaw, so on these faces its jaw correspondence is
 * exact when its shape is. The main fit benchmark marks its jaw with {@link JawConventionFaces} instead, by
 * conventions written independently of the fitter.
 */
public final class SyntheticFaces {
    /** Expressions drawn: clinically relevant ones, one-sided where the model has sides. */
    public static final List<String> EXPRESSIONS = List.of("mouthSmile_L", "mouthSmile_R", "eyeBlink_L", "eyeBlink_R",
        "browInnerUp_L", "browInnerUp_R", "browOuterUp_L", "browOuterUp_R", "browDown_L", "browDown_R", "jawOpen",
        "mouthFrown_L", "mouthFrown_R", "mouthPucker", "mouthStretch_L", "mouthStretch_R", "cheekSquint_L",
        "cheekSquint_R", "eyeSquint_L", "eyeSquint_R", "mouthUpperUp_L", "mouthUpperUp_R", "mouthLowerDown_L",
        "mouthLowerDown_R", "noseSneer_L", "noseSneer_R", "eyeWide_L", "eyeWide_R", "mouthLeft", "mouthRight");
    public static final int IMAGE_SIZE = 640;

    private final MorphableModel model;
    private final JawContour band;
    private final int[] bandVertices;
    private final int[] landmarks;

    /**
     * One synthetic face.
     *
     * @param identity    true identity
     * @param expression  true expression weights
     * @param pose        true camera
     * @param points      the detector's 68 points (noisy, jaw on the outline)
     * @param clean       the same without noise
     * @param dense       468 FaceMesh-like points (noisy, z pixel-scaled), via the shipped correspondence
     * @param iodPx       s * IOD of the mean face: the unit of the noise
     */
    public record Face(double[] identity, double[] expression, Pose pose, double[] points, double[] clean,
                       double[] dense, double iodPx) {
        public LandmarkObservation observation() {
            return new LandmarkObservation(points, null, null, IMAGE_SIZE, IMAGE_SIZE);
        }

        public LandmarkObservation denseObservation() {
            return new LandmarkObservation(points, null, dense, IMAGE_SIZE, IMAGE_SIZE);
        }
    }

    public SyntheticFaces(MorphableModel model) {
        this.model = model;
        this.band = new JawContour(model);
        this.bandVertices = band.band();
        this.landmarks = model.landmarks68();
    }

    /** IOD of the mean face in mm (outer eye corners). */
    public double meanIod() {
        float[] m = model.meanArray();
        int a = 3 * landmarks[36], b = 3 * landmarks[45];
        return Math.sqrt(sq(m[a] - m[b]) + sq(m[a + 1] - m[b + 1]) + sq(m[a + 2] - m[b + 2]));
    }

    private static double sq(double v) {
        return v * v;
    }

    /** A random face with the class comment's distribution; maxExpressions 0 gives neutral faces. */
    public Face draw(Random rnd, NoiseModel noise, int maxExpressions) {
        double yaw = -60 + 120 * rnd.nextDouble();
        return draw(rnd, noise, maxExpressions, yaw);
    }

    public Face draw(Random rnd, NoiseModel noise, int maxExpressions, double yaw) {
        double[] id = new double[model.identityCount()];
        for (int k = 0; k < id.length; k++) {
            id[k] = rnd.nextGaussian();
        }
        double[] ex = new double[model.expressionCount()];
        int count = maxExpressions == 0 ? 0 : rnd.nextInt(maxExpressions + 1);
        for (int j = 0; j < count; j++) {
            ex[model.expressionIndex(EXPRESSIONS.get(rnd.nextInt(EXPRESSIONS.size())))] = 0.2 + 0.8 * rnd.nextDouble();
        }
        double pitch = -25 + 50 * rnd.nextDouble(), roll = -20 + 40 * rnd.nextDouble();
        double s = 1 + rnd.nextDouble();
        Pose pose = Pose.sop(Rotation.fromEulerDegrees(yaw, pitch, roll), s,
            IMAGE_SIZE / 2.0 + 20 * rnd.nextGaussian(), IMAGE_SIZE / 2.0 + 20 * rnd.nextGaussian());
        return render(id, ex, pose, rnd, noise);
    }

    /**
     * Like {@link #draw(Random, NoiseModel, int)} but through a perspective camera: focal {@code focal} px, principal
     * point at the image centre, face 350-900 mm away (strong to mild perspective), up to 30 mm off axis.
     */
    public Face drawPerspective(Random rnd, NoiseModel noise, int maxExpressions, double focal) {
        Face sop = draw(rnd, null, maxExpressions);
        double[] e = sop.pose().eulerDegrees();
        double dist = 350 + 550 * rnd.nextDouble();
        Pose pose = Pose.perspective(Rotation.fromEulerDegrees(e[0], e[1], e[2]), 30 * (2 * rnd.nextDouble() - 1),
            30 * (2 * rnd.nextDouble() - 1), -dist, focal, IMAGE_SIZE / 2.0, IMAGE_SIZE / 2.0);
        return render(sop.identity(), sop.expression(), pose, rnd, noise);
    }

    /** The detector's view of a given face (noise == null: no noise). */
    public Face render(double[] id, double[] ex, Pose pose, Random rnd, NoiseModel noise) {
        double[] clean = new double[136];
        pose.project(model.evaluate(id, ex, landmarks), 68, clean);
        float[] bandPos = model.evaluate(id, ex, bandVertices);
        double[] bandUv = new double[2 * bandVertices.length];
        pose.project(bandPos, bandVertices.length, bandUv);
        int[] marched = new int[17];
        double[] normal = new double[34];
        band.march(clean, bandUv, JawContour.MARCH_HALF_WIDTH * pose.scale(), marched, normal);
        double[] jaw = Arrays.copyOf(clean, 34);
        for (int k = 0; k < 17; k++) {
            if (marched[k] >= 0) {
                // where the outline crosses the marching line: the outermost vertex's distance along the line
                double along = (bandUv[2 * marched[k]] - clean[2 * k]) * normal[2 * k]
                    + (bandUv[2 * marched[k] + 1] - clean[2 * k + 1]) * normal[2 * k + 1];
                jaw[2 * k] += along * normal[2 * k];
                jaw[2 * k + 1] += along * normal[2 * k + 1];
            }
        }
        System.arraycopy(jaw, 0, clean, 0, 34);
        double iodPx = pose.scale() * meanIod();
        double[] noisy = clean.clone();
        if (noise != null) {
            for (int i = 0; i < 68; i++) {
                double sd = noise.sigma68(i) * iodPx;
                noisy[2 * i] += sd * rnd.nextGaussian();
                noisy[2 * i + 1] += sd * rnd.nextGaussian();
            }
        }
        double[] dense = null;
        int[] corr = DenseCorrespondence.ictVertices();
        if (corr.length == 468) {
            float[] p = model.evaluate(id, ex, corr);
            double[] uv = new double[936];
            pose.project(p, 468, uv);
            double[] r = pose.rotation();
            dense = new double[3 * 468];
            for (int i = 0; i < 468; i++) {
                double cz = r[6] * p[3 * i] + r[7] * p[3 * i + 1] + r[8] * p[3 * i + 2];
                double sd = noise == null ? 0 : noise.dense() * iodPx;
                dense[3 * i] = uv[2 * i] + sd * rnd.nextGaussian();
                dense[3 * i + 1] = uv[2 * i + 1] + sd * rnd.nextGaussian();
                dense[3 * i + 2] = -pose.scale() * cz + 3 * sd * rnd.nextGaussian();
            }
        }
        return new Face(id, ex, pose, noisy, clean, dense, iodPx);
    }
}
