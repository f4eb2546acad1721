package io.face3d.learn.mds;

import io.face3d.core.geom.Rotation;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameAlignmentTest {
    @ParameterizedTest
    @CsvSource({"0, 0, 0", "40, -20, 10", "-85, 25, -30", "89, 5, 20"})
    void depthOfARotatedFaceAndOfItsMirrorImageIsTheFacesDepth(double yaw, double pitch, double roll) {
        float[] m = TestModel.get().evaluate(null, null, TestModel.get().landmarks68());
        double[] face = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            face[i] = m[i];
        }
        double[] r = Rotation.fromEulerDegrees(yaw, pitch, roll);
        double[] cam = new double[face.length], xy = new double[136], z = new double[68];
        double mz = 0;
        for (int i = 0; i < 68; i++) {
            for (int a = 0; a < 3; a++) {
                cam[3 * i + a] = r[3 * a] * face[3 * i] + r[3 * a + 1] * face[3 * i + 1] + r[3 * a + 2] * face[3 * i + 2];
            }
            xy[2 * i] = 0.01 * cam[3 * i] + 3;
            xy[2 * i + 1] = 0.01 * cam[3 * i + 1] - 1;
            mz += cam[3 * i + 2] / 68;
        }
        for (int i = 0; i < 68; i++) {
            z[i] = 0.01 * (cam[3 * i + 2] - mz);
        }
        // the model-space face (another rotation, scale) and its mirror image must both give the true depth
        double[] mirrored = face.clone();
        for (int i = 0; i < 68; i++) {
            mirrored[3 * i] = -face[3 * i] * 2.5;
            mirrored[3 * i + 1] = face[3 * i + 1] * 2.5;
            mirrored[3 * i + 2] = face[3 * i + 2] * 2.5;
        }
        assertTrue(FrameAlignment.handedness(face) > 0 && FrameAlignment.handedness(mirrored) < 0);
        assertArrayEquals(z, FrameAlignment.depth(face, xy), 1e-6);
        assertArrayEquals(z, FrameAlignment.depth(mirrored, xy), 1e-6);
    }
}
