package io.face3d.fit.photometric;

import io.face3d.core.geom.Umeyama;
import io.face3d.core.Face3dException;
import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import io.face3d.fit.render.SyntheticFace;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotometricFitterTest {
    private static MorphableModel model;
    private static SyntheticFaceRenderer renderer;
    private static PhotometricFitter fitter;

    @BeforeAll
    static void setUp() {
        model = TestModel.get();
        renderer = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults().withSize(320, 320).withAngles(30, 15, 10));
        fitter = new PhotometricFitter(model, PhotometricConfig.perPhoto());
    }

    /**
     * Data that follow the fitter's own image formation exactly (constant albedo x SH irradiance of the true shape,
     * rendered by {@link PhotometricOutputs} over a photo), the true landmarks, a start with the first 10 identity
     * modes off by N(0, 0.5^2) and a weak prior (1e-3): the photometric loss falls by more than half, the landmarks
     * stay within 2 px and the face stays nearer the truth than the mean face. Exact recovery is not reached: with
     * any prior the optimum is biased toward the mean, and without one the 133 shape unknowns are not all
     * determined by one photo (measured: 1.45 mm at the start, 2.5 mm with prior 1e-3, 1.5 mm without).
     */
    @Test
    void modelConsistentDataImproveTheFitAndKeepItNearTheTruth() {
        SyntheticFace f = renderer.render(3);
        float[] albedo = new float[f.albedo().length];
        for (int i = 0; i < albedo.length; i++) {
            albedo[i] = new float[] {0.75f, 0.55f, 0.45f}[i % 3];
        }
        PhotometricResult truth = new PhotometricResult(f.pose(), f.identity(), f.expression(), f.light(), albedo,
            new double[] {0.75, 0.55, 0.45}, f.landmarks(), java.util.List.of(), 0);
        PhotometricOutputs out = new PhotometricOutputs(model, fitter.mirrorMap());
        var photo = out.renderOverPhoto(truth, f.image());
        double[] id = f.identity().clone(), ex = f.expression().clone();
        Random rnd = new Random(3);
        for (int k = 0; k < 10; k++) {
            id[k] += 0.5 * rnd.nextGaussian();
        }
        PhotometricFitter weakPrior = new PhotometricFitter(model, PhotometricConfig.perPhoto().withPrior(1e-3));
        PhotometricResult r = weakPrior.fit(photo, f.landmarks(), f.pose(), id, ex);
        float[] t = f.mesh().positions();
        double mean = Umeyama.alignedRms(model.evaluate(null, null, Region.FACE), t);
        double after = Umeyama.alignedRms(model.evaluate(r.identity(), r.expression(), Region.FACE), t);
        assertTrue(r.last().photometric() < 0.5 * r.first().photometric(),
            "photometric " + r.first().photometric() + " -> " + r.last().photometric());
        assertTrue(after < mean, "RMSE " + after + " mm vs mean face " + mean);
        assertTrue(r.last().landmarkRmsPx() < 2.0, "landmark RMS " + r.last().landmarkRmsPx());
        for (double w : r.expression()) {
            assertTrue(w >= 0 && w <= 1);
        }
    }

    @Test
    void refinementLowersPhotometricLossWithoutLosingTheLandmarks() {
        PhotometricFitter landmarkStage = new PhotometricFitter(model, PhotometricBenchSuite.landmarkStage());
        for (long seed : new long[] {4}) {
            SyntheticFace f = renderer.render(seed);
            Random rnd = new Random(seed);
            Pose startPose = PhotometricBenchSuite.perturb(f.pose(), rnd);
            double[] lm = PhotometricBenchSuite.noisyLandmarks(f, rnd, PhotometricBenchSuite.LANDMARK_NOISE);
            PhotometricResult start = landmarkStage.fit(f.image(), lm, startPose, null, null);
            PhotometricResult r = fitter.fit(f.image(), lm, start.pose(), start.identity(), start.expression());
            assertTrue(r.last().photometric() < r.first().photometric(), "photometric loss did not drop");
            // the landmarks it was given are noisy: judge the reprojected landmarks against the true ones. Per face
            // they can drift (this face: 2.7 -> 3.6 px; the bench reports the median change): no divergence
            double before = PhotometricBenchSuite.rms(start.fittedPoints(), f.landmarks());
            double after = PhotometricBenchSuite.rms(r.fittedPoints(), f.landmarks());
            assertTrue(after <= 1.5 * before + 0.5, "true-landmark error grew from " + before + " to " + after);
            // per face the refinement can lose (this 320 px face: 2.96 -> 4.55 mm; the bench measures the median on
            // 512 px faces and how many improve): here only divergence is ruled out
            double startRmse = Umeyama.alignedRms(model.evaluate(start.identity(), start.expression(), Region.FACE), f.mesh().positions());
            double refined = Umeyama.alignedRms(model.evaluate(r.identity(), r.expression(), Region.FACE), f.mesh().positions());
            assertTrue(refined < 2 * startRmse, "refined " + refined + " mm vs landmark stage " + startRmse);
            assertTrue(r.history().size() == 17, "2 levels x 8 iterations + final evaluation");
            for (double a : r.identity()) {
                assertTrue(Math.abs(a) < 4, "identity coefficient " + a + " beyond 4 sigma");
            }
        }
    }

    /** The analytic Jacobian of a vertex normal w.r.t. identity modes matches central differences of the mesh normals. */
    @Test
    void normalJacobianMatchesFiniteDifferences() {
        Random rnd = new Random(5);
        double[] id = new double[model.identityCount()];
        for (int k = 0; k < id.length; k++) {
            id[k] = 0.5 * rnd.nextGaussian();
        }
        int[] triangles = model.triangles(Region.FACE);
        float[] shape = model.evaluate(id, null, Region.FACE);
        int params = fitter.shapeParameterCount();
        int[] lm = model.landmarks68();
        double eps = 1e-2;
        for (int v : new int[] {lm[30], lm[8], lm[19], lm[3]}) {
            double[] jac = new double[3 * params];
            fitter.normalJacobian(shape, v, jac, 0);
            for (int k : new int[] {0, 7, 40, 79}) {
                double[] plus = id.clone(), minus = id.clone();
                plus[k] += eps;
                minus[k] -= eps;
                float[] np = new io.face3d.core.mesh.Mesh(model.evaluate(plus, null, Region.FACE), triangles).vertexNormals();
                float[] nm = new io.face3d.core.mesh.Mesh(model.evaluate(minus, null, Region.FACE), triangles).vertexNormals();
                for (int a = 0; a < 3; a++) {
                    double fd = (np[3 * v + a] - nm[3 * v + a]) / (2 * eps);
                    assertEquals(fd, jac[a * params + k], 2e-3, "vertex " + v + " mode " + k + " axis " + a);
                }
            }
        }
    }

    @Test
    void sameInputSameResult() {
        SyntheticFace f = renderer.render(6);
        PhotometricResult a = fitter.fit(f.image(), f.landmarks(), f.pose(), null, null);
        PhotometricResult b = fitter.fit(f.image(), f.landmarks(), f.pose(), null, null);
        assertTrue(Arrays.equals(a.identity(), b.identity()) && Arrays.equals(a.albedo(), b.albedo()));
    }

    @Test
    void badLandmarksAreRejectedWithAClearMessage() {
        SyntheticFace f = renderer.render(7);
        double[] nan = f.landmarks().clone();
        nan[10] = Double.NaN;
        Face3dException e = assertThrows(Face3dException.class, () -> fitter.fit(f.image(), nan, f.pose(), null, null));
        assertTrue(e.getMessage().contains("NaN"));
        assertThrows(Face3dException.class, () -> fitter.fit(f.image(), new double[10], f.pose(), null, null));
        double[] collapsed = new double[136];
        Arrays.fill(collapsed, 100);
        assertThrows(Face3dException.class, () -> fitter.fit(f.image(), collapsed, f.pose(), null, null));
    }

    @Test
    void configValidates() {
        assertThrows(IllegalArgumentException.class, () -> PhotometricConfig.defaults().withWeights(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> PhotometricConfig.defaults().withWeights(0, 0));
        assertThrows(IllegalArgumentException.class, () -> PhotometricConfig.defaults().withSchedule(0, 1, 1000));
        assertEquals(1.9, PhotometricConfig.defaults().photometric());
        assertEquals(1.6e-3, PhotometricConfig.defaults().landmark());
        assertEquals(3e-4, PhotometricConfig.defaults().prior());
        assertEquals(5, PhotometricConfig.defaults().textureVariance());
    }

    @Test
    void mirrorMapPairsLeftAndRightInsideTheFace() {
        int[] m = fitter.mirrorMap();
        int[] lm = model.landmarks68();
        assertEquals(lm[45], m[lm[36]]);
        assertEquals(lm[54], m[lm[48]]);
        assertEquals(lm[16], m[lm[0]]);
        for (int c : m) {
            assertTrue(c >= 0 && c < m.length);
        }
    }

    @Test
    void similarityAlignmentIsInvariantToSimilarities() {
        float[] a = model.evaluate(null, null, Region.NARROW);
        float[] b = new float[a.length];
        double[] r = io.face3d.core.geom.Rotation.fromEulerDegrees(20, -10, 5);
        for (int i = 0; i < a.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                b[i + k] = (float) (1.3 * (r[3 * k] * a[i] + r[3 * k + 1] * a[i + 1] + r[3 * k + 2] * a[i + 2]) + 10 * k);
            }
        }
        assertEquals(0, Umeyama.alignedRms(b, a), 1e-3);
    }
}
