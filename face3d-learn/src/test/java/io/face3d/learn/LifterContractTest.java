package io.face3d.learn;

import io.face3d.core.geom.Umeyama;
import io.face3d.core.geom.Similarity;
import io.face3d.core.Face3dException;
import io.face3d.core.testing.TestModel;
import io.face3d.learn.data.LiftDataConfig;
import io.face3d.learn.data.LiftDataGenerator;
import io.face3d.learn.data.LiftSample;
import io.face3d.learn.data.Normalisation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared suite every {@link Lifter} runs: x, y are the input's; on noise-free synthetic faces the 3D error
 * after similarity alignment (in outer inter-ocular distances) is below a stated bound and the depth correlates
 * with the truth; with noise it degrades gracefully; degenerate input raises a clear error.
 */
class LifterContractTest {
    static Stream<Lifter> lifters() {
        return Stream.of(Lifters.meanFaceDepth(TestModel.get()), Lifters.meanFaceAligned(TestModel.get()), Lifters.mds(),
            Lifters.regress());
    }

    private static List<LiftSample> faces(double noise) {
        return new LiftDataGenerator(TestModel.get(), LiftDataConfig.defaults().withNoise(noise)).generate(424242, 12);
    }

    /** Mean NME and mean depth correlation over faces. */
    private static double[] score(Lifter lifter, List<LiftSample> faces) {
        double nme = 0, corr = 0;
        for (LiftSample s : faces) {
            Lifted l = lifter.lift(s.points2d());
            // x, y are the input's, or a rigid shape's fitted to it: within 20% of the points' RMS radius
            double scale = Normalisation.of(s.points2d()).scale(), ss = 0;
            for (int i = 0; i < 68; i++) {
                double dx = s.points2d()[2 * i] - l.points3d()[3 * i], dy = s.points2d()[2 * i + 1] - l.points3d()[3 * i + 1];
                ss += dx * dx + dy * dy;
            }
            assertTrue(Math.sqrt(ss / 68) < 0.2 * scale, lifter.name() + " x, y far from the input");
            Similarity t = Umeyama.estimate(l.cameraFrame(), s.camera3d(), true);
            double[] a = new double[s.camera3d().length];
            for (int i = 0; i < a.length; i += 3) {
                t.apply(l.cameraFrame()[i], l.cameraFrame()[i + 1], l.cameraFrame()[i + 2], a, i);
            }
            nme += io.face3d.eval.landmarks.LandmarkMetrics.nmeInterOcular3d(a, s.camera3d()) / faces.size();
            corr += io.face3d.eval.landmarks.LandmarkMetrics.depthCorrelation(l.cameraFrame(), s.camera3d())
                / faces.size();
        }
        return new double[] {nme, corr};
    }

    @ParameterizedTest
    @MethodSource("lifters")
    void noiseFreeFacesAreRecovered(Lifter lifter) {
        double[] s = score(lifter, faces(0));
        assertTrue(s[0] < 0.06, lifter.name() + " NME " + s[0]);
        assertTrue(s[1] > 0.95, lifter.name() + " depth correlation " + s[1]);
    }

    @ParameterizedTest
    @MethodSource("lifters")
    void noisyFacesDegradeGracefully(Lifter lifter) {
        double[] s = score(lifter, faces(0.04));
        assertTrue(s[0] < 0.09, lifter.name() + " NME " + s[0]);
        assertTrue(s[1] > 0.9, lifter.name() + " depth correlation " + s[1]);
    }

    @ParameterizedTest
    @MethodSource("lifters")
    void degenerateInputIsAClearError(Lifter lifter) {
        assertThrows(Face3dException.class, () -> lifter.lift(new double[136]));
        assertThrows(Face3dException.class, () -> lifter.lift(new double[10]));
        double[] nan = faces(0).get(0).points2d().clone();
        nan[5] = Double.NaN;
        assertThrows(Face3dException.class, () -> lifter.lift(nan));
    }

    @ParameterizedTest
    @MethodSource("lifters")
    void depthIsInPixelsWithTheInputsScale(Lifter lifter) {
        LiftSample s = faces(0).get(1);
        double[] doubled = s.points2d().clone();
        for (int i = 0; i < doubled.length; i++) {
            doubled[i] = 2 * doubled[i] + 7;
        }
        double[] a = lifter.lift(s.points2d()).points3d(), b = lifter.lift(doubled).points3d();
        double scale = Normalisation.of(s.points2d()).scale();
        for (int i = 0; i < 68; i++) {
            assertEquals(2 * a[3 * i + 2], b[3 * i + 2], 1e-6 * scale);
        }
    }
}
