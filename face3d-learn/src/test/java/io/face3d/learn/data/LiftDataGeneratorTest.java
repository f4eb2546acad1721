package io.face3d.learn.data;

import io.face3d.core.testing.TestModel;
import io.face3d.learn.mds.FrameAlignment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiftDataGeneratorTest {
    private final LiftDataGenerator generator = new LiftDataGenerator(TestModel.get(), LiftDataConfig.defaults());

    @Test
    void sameSeedSameFacesOtherSeedOtherFaces() {
        List<LiftSample> a = generator.generate(7, 20), b = generator.generate(7, 20), c = generator.generate(8, 20);
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(a.get(i).points2d(), b.get(i).points2d(), 0);
            assertArrayEquals(a.get(i).camera3d(), b.get(i).camera3d(), 0);
        }
        assertFalse(java.util.Arrays.equals(a.get(0).points2d(), c.get(0).points2d()));
    }

    @Test
    void posesCoverTheRangesAndBothCameras() {
        List<LiftSample> s = generator.generate(3, 400);
        assertTrue(s.stream().allMatch(x -> Math.abs(x.yaw()) <= 90 && Math.abs(x.pitch()) <= 30 && Math.abs(x.roll()) <= 30));
        assertTrue(s.stream().anyMatch(x -> x.yaw() > 80) && s.stream().anyMatch(x -> x.yaw() < -80));
        long persp = s.stream().filter(LiftSample::perspective).count();
        assertTrue(persp > 150 && persp < 250, "about half perspective: " + persp);
        // every face is a face, not its mirror image, and is centred inside the (virtual) image
        for (LiftSample x : s) {
            assertTrue(FrameAlignment.handedness(x.camera3d()) > 0, "mirrored face " + x);
            Normalisation n = Normalisation.of(x.points2d());
            assertTrue(n.cu() > 0 && n.cu() < 1000 && n.cv() > 0 && n.cv() < 1000, "outside the image: " + x);
            assertTrue(n.scale() > 20, "face too small: " + n.scale());
        }
    }

    @Test
    void noiseFreeOrthographicInputIsTheCameraSpaceFaceInNormalisedUnits() {
        LiftDataGenerator sop = new LiftDataGenerator(TestModel.get(),
            new LiftDataConfig(90, 30, 30, 0, 20, 70, 0, 0.25, 4, 1000));
        for (LiftSample s : sop.generate(5, 10)) {
            double[] xy = Normalisation.of(s.points2d()).apply(s.points2d());
            double[] z = LiftTargets.depth(s.camera3d());
            // the same scale: the 3D x, y normalised like the input equal the input; depth in those units
            double[] c = s.camera3d().clone();
            double[] back = new double[136];
            for (int i = 0; i < 68; i++) {
                back[2 * i] = c[3 * i];
                back[2 * i + 1] = -c[3 * i + 1];
            }
            assertArrayEquals(Normalisation.of(back).apply(back), xy, 1e-6); // points were centred in float
            assertEquals(0, java.util.Arrays.stream(z).sum(), 1e-9);
        }
    }

    @Test
    void distancesAndCanonicalViewAreNormalised() {
        LiftSample s = generator.generate(9, 1).get(0);
        double[] d = LiftTargets.distances(s.camera3d());
        assertEquals(Pairs.count(68), d.length);
        assertArrayEquals(d, LiftTargets.distances(s.model3d()), 1e-9); // rotation does not change distances
        double[] v = LiftTargets.canonicalView(s.model3d());
        double ss = 0;
        for (double x : v) {
            ss += x * x;
        }
        assertEquals(68, ss, 1e-9);
        assertTrue(v[2 * 45] > v[2 * 36], "subject's left eye corner to the image right in the frontal view");
    }
}
