package io.face3d.fit.landmark;

import io.face3d.core.geom.Umeyama;
import io.face3d.core.Face3dException;
import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared contract of {@link LandmarkFitter}: exact data, noisy data, degenerate data. */
class LandmarkFitterContractTest {
    private static MorphableModel model;
    private static SyntheticFaces faces;

    @BeforeAll
    static void load() {
        model = TestModel.get();
        faces = new SyntheticFaces(model);
    }

    /**
     * Points exactly at the iBUG vertices with the clean noise model (sigma 0.5% IOD = 0.67 px here): the fit must
     * reproduce them to below that sigma. (A much smaller sigma leaves 157 unknowns against 136 equations almost
     * unregularised: the identity then hits its +-4 bounds; the prior is what makes 68 points well posed.)
     */
    @ParameterizedTest
    @ValueSource(doubles = {-40, 0, 30})
    void exactRecoveryOnNoiseFreePoints(double yaw) {
        Random rnd = new Random(11);
        double[] id = new double[model.identityCount()];
        for (int k = 0; k < id.length; k++) {
            id[k] = rnd.nextGaussian();
        }
        double[] ex = new double[model.expressionCount()];
        ex[model.expressionIndex("mouthSmile_L")] = 0.8;
        Pose truth = Pose.sop(Rotation.fromEulerDegrees(yaw, 10, -5), 1.5, 320, 310);
        double[] pts = new double[136];
        truth.project(model.evaluate(id, ex, model.landmarks68()), 68, pts);
        FitConfig cfg = FitConfig.plainBaseline(NoiseModel.CLEAN).withIterations(60, 1e-5);
        FitResult r = LandmarkFitter.create(model, cfg).fit(new LandmarkObservation(pts, null, null, 640, 640));
        // tolerance: RMS below the 0.67 px sigma; rotation within 3 degrees (the face's depth is what 68 points
        // constrain least, so yaw/pitch trade against identity depth modes)
        assertTrue(r.rmsResidual() < 0.67, "rms " + r.rmsResidual());
        assertTrue(Rotation.angleBetweenDegrees(r.pose().rotation(), truth.rotation()) < 3,
            "rotation " + r.pose());
        assertTrue(r.expression()[model.expressionIndex("mouthSmile_L")] > 0.4);
    }

    /** A perspective camera (focal given, and estimated) on exact perspective projections of a face. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void perspectiveCameraRecoversPose(boolean focalKnown) {
        Random rnd = new Random(21);
        double[] id = new double[model.identityCount()];
        for (int k = 0; k < id.length; k++) {
            id[k] = rnd.nextGaussian();
        }
        // a face 350 mm from a 800 px focal camera: strong perspective
        Pose truth = Pose.perspective(Rotation.fromEulerDegrees(25, -10, 5), 5, -3, -350, 800, 320, 240);
        double[] pts = new double[136];
        truth.project(model.evaluate(id, null, model.landmarks68()), 68, pts);
        FitConfig cfg = FitConfig.plainBaseline(NoiseModel.CLEAN)
            .withCamera(Pose.Camera.PERSPECTIVE, focalKnown ? 800 : Double.NaN);
        FitResult r = LandmarkFitter.create(model, cfg).fit(new LandmarkObservation(pts, null, null, 640, 480));
        assertEquals(Pose.Camera.PERSPECTIVE, r.pose().camera());
        assertTrue(r.rmsResidual() < 1.0, "rms " + r.rmsResidual());
        assertTrue(Rotation.angleBetweenDegrees(r.pose().rotation(), truth.rotation()) < 4, r.pose().toString());
        if (focalKnown) {
            assertEquals(-350, r.pose().tz(), 35);
        }
    }

    @Test
    void oneSidedSmileStaysOneSided() {
        double[] ex = new double[model.expressionCount()];
        ex[model.expressionIndex("mouthSmile_L")] = 0.9;
        Pose truth = Pose.sop(Rotation.fromEulerDegrees(15, 0, 0), 1.5, 320, 320);
        double[] pts = new double[136];
        truth.project(model.evaluate(null, ex, model.landmarks68()), 68, pts);
        FitResult r = LandmarkFitter.create(model, FitConfig.defaults().withNoise(NoiseModel.CLEAN))
            .fit(new LandmarkObservation(pts, null, null, 640, 640));
        double left = r.expression()[model.expressionIndex("mouthSmile_L")];
        double right = r.expression()[model.expressionIndex("mouthSmile_R")];
        assertTrue(left > 0.5 && right < 0.15, "smile L " + left + " R " + right);
    }

    /** Median dense face RMSE (mm, after similarity alignment) of a fit and of the mean face at dlib-like noise. */
    @Test
    void beatsTheMeanFaceAtDetectorNoise() {
        Random rnd = new Random(2024);
        LandmarkFitter fit = LandmarkFitter.create(model, FitConfig.defaults().withNoise(NoiseModel.DETECTOR_LIKE));
        int n = 30;
        double[] fitErr = new double[n], meanErr = new double[n];
        for (int i = 0; i < n; i++) {
            SyntheticFaces.Face f = faces.draw(rnd, NoiseModel.DETECTOR_LIKE, 4);
            FitResult r = fit.fit(f.observation());
            fitErr[i] = denseRmse(f.identity(), f.expression(), r.identity(), r.expression());
            meanErr[i] = denseRmse(f.identity(), f.expression(), null, null);
        }
        assertTrue(median(fitErr) < median(meanErr),
            "fit " + median(fitErr) + " mm vs mean face " + median(meanErr) + " mm");
    }

    /**
     * A detector whose points sit a constant model-space offset from the landmark vertices (its convention): told
     * the offsets ({@link DetectorBias}), the fit recovers the face; not told, it reads them as identity.
     */
    @Test
    void detectorBiasIsModelledNotReadAsIdentity() {
        Random rnd = new Random(11);
        double[] off = new double[3 * 68];
        for (int i = 3 * 17; i < off.length; i++) {
            off[i] = 2.0 * rnd.nextGaussian();
        }
        NoiseModel biased = new NoiseModel("test", 0.005, 0.005, 0.005, 0.005, 0.005, 0.005,
            new DetectorBias("test", off, new double[3 * 468]));
        LandmarkFitter aware = LandmarkFitter.create(model, FitConfig.defaults().withNoise(biased));
        LandmarkFitter naive = LandmarkFitter.create(model, FitConfig.defaults().withNoise(NoiseModel.CLEAN));
        int n = 12;
        double[] eAware = new double[n], eNaive = new double[n];
        int[] lm = model.landmarks68();
        for (int i = 0; i < n; i++) {
            SyntheticFaces.Face f = faces.draw(rnd, NoiseModel.CLEAN, 2);
            float[] v = model.evaluate(f.identity(), f.expression(), lm);
            for (int k = 3 * 17; k < v.length; k++) {
                v[k] += (float) off[k];
            }
            double[] uv = new double[136];
            f.pose().project(v, 68, uv);
            double[] pts = f.points(); // jaw: the outline, with noise
            System.arraycopy(uv, 34, pts, 34, 102);
            LandmarkObservation o = new LandmarkObservation(pts, null, null, 640, 640);
            FitResult a = aware.fit(o), b = naive.fit(o);
            eAware[i] = denseRmse(f.identity(), f.expression(), a.identity(), a.expression());
            eNaive[i] = denseRmse(f.identity(), f.expression(), b.identity(), b.expression());
        }
        assertTrue(median(eAware) < 0.7 * median(eNaive) && median(eAware) < 3.0,
            "with the bias " + median(eAware) + " mm, without " + median(eNaive) + " mm");
    }

    @Test
    void oneWrongLandmarkDoesNotRuinTheFit() {
        Random rnd = new Random(7);
        SyntheticFaces.Face f = faces.draw(rnd, NoiseModel.CLEAN, 0, 10);
        double[] bad = f.points();
        bad[2 * 30] += 0.5 * f.iodPx(); // nose tip moved by half the inter-ocular distance
        LandmarkObservation o = new LandmarkObservation(bad, null, null, 640, 640);
        FitConfig base = FitConfig.defaults().withNoise(NoiseModel.CLEAN);
        FitResult robust = LandmarkFitter.create(model, base).fit(o);
        FitResult plain = LandmarkFitter.create(model, base.withRobust(FitConfig.Robust.NONE)).fit(o);
        assertTrue(robust.weights()[30] < 0.5, "outlier weight " + robust.weights()[30]);
        double eRobust = denseRmse(f.identity(), f.expression(), robust.identity(), robust.expression());
        double ePlain = denseRmse(f.identity(), f.expression(), plain.identity(), plain.expression());
        assertTrue(eRobust < ePlain, "robust " + eRobust + " mm vs plain " + ePlain + " mm");
    }

    @Test
    void jointFitSharesIdentityAndSingleFitIsItsSpecialCase() {
        Random rnd = new Random(3);
        LandmarkFitter fitter = LandmarkFitter.create(model, FitConfig.defaults());
        double jointSum = 0, singleSum = 0;
        for (int person = 0; person < 3; person++) {
            double[] id = faces.draw(rnd, NoiseModel.DETECTOR_LIKE, 0, 0).identity();
            List<LandmarkObservation> obs = new ArrayList<>();
            for (double yaw : new double[] {-40, -20, 0, 20, 40}) {
                Pose p = Pose.sop(Rotation.fromEulerDegrees(yaw, 5, 0), 1.5, 320, 320);
                obs.add(faces.render(id, new double[model.expressionCount()], p, rnd, NoiseModel.DETECTOR_LIKE).observation());
            }
            JointFitResult joint = fitter.fitJoint(obs);
            for (FitResult r : joint.images()) {
                assertTrue(Arrays.equals(joint.identity(), r.identity()));
            }
            jointSum += denseRmse(id, null, joint.identity(), null);
            for (LandmarkObservation o : obs) {
                singleSum += denseRmse(id, null, fitter.fit(o).identity(), null) / obs.size();
            }
        }
        // one image through fitJoint is exactly fit()
        LandmarkObservation one = faces.draw(rnd, NoiseModel.DETECTOR_LIKE, 2).observation();
        assertTrue(Arrays.equals(fitter.fit(one).identity(), fitter.fitJoint(List.of(one)).identity()));
        assertTrue(jointSum < singleSum, "joint " + jointSum / 3 + " mm vs single " + singleSum / 3 + " mm");
    }

    @Test
    void coefficientsStayInBoundsAndDenseInputIsUsed() {
        Random rnd = new Random(5);
        SyntheticFaces.Face f = faces.draw(rnd, NoiseModel.DETECTOR_LIKE, 4);
        FitResult r = LandmarkFitter.create(model, FitConfig.defaults()).fit(f.denseObservation());
        for (double a : r.identity()) {
            assertTrue(Math.abs(a) <= 4);
        }
        for (double w : r.expression()) {
            assertTrue(w >= 0 && w <= 1);
        }
        assertEquals(68, r.residuals().length);
        assertTrue(r.rmsResidual() < 0.2 * f.iodPx(), "rms " + r.rmsResidual());
    }

    static Stream<Arguments> badInputs() {
        double[] good = new double[136];
        Random rnd = new Random(1);
        for (int i = 0; i < 136; i++) {
            good[i] = 200 + 100 * rnd.nextDouble();
        }
        double[] nan = good.clone();
        nan[17] = Double.NaN;
        double[] same = new double[136];
        Arrays.fill(same, 50);
        double[] line = new double[136];
        for (int i = 0; i < 68; i++) {
            line[2 * i] = 100 + 3 * i;
            line[2 * i + 1] = 50 + 2 * i;
        }
        double[] tiny = new double[136];
        for (int i = 0; i < 136; i++) {
            tiny[i] = 300 + 5 * rnd.nextDouble();
        }
        double[] far = good.clone();
        for (int i = 0; i < 136; i++) {
            far[i] += 5000;
        }
        return Stream.of(Arguments.of("fewer than 68", Arrays.copyOf(good, 100), "68 landmarks"),
            Arguments.of("NaN", nan, "NaN"), Arguments.of("all equal", same, "same position"),
            Arguments.of("collinear", line, "on a line"), Arguments.of("5 px face", tiny, "too small"),
            Arguments.of("far outside", far, "outside"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void degenerateInputGivesAClearMessage(String name, double[] points, String expected) {
        Face3dException e = assertThrows(Face3dException.class,
            () -> LandmarkFitter.create(model, FitConfig.defaults())
                .fit(new LandmarkObservation(points, null, null, 640, 480)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static double denseRmse(double[] idT, double[] exT, double[] idE, double[] exE) {
        float[] t = model.evaluate(idT, exT, Region.FACE), e = model.evaluate(idE, exE, Region.FACE);
        double[] td = new double[t.length], ed = new double[e.length];
        for (int i = 0; i < t.length; i++) {
            td[i] = t[i];
            ed[i] = e[i];
        }
        return Umeyama.alignedRms(ed, td);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
