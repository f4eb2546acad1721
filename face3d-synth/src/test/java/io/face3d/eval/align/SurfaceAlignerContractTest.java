package io.face3d.eval.align;

import io.face3d.core.geom.Similarity;
import io.face3d.core.Face3dException;
import io.face3d.core.geom.Rotation;
import io.face3d.core.mesh.Mesh;
import io.face3d.eval.AlignMode;
import io.face3d.eval.bench.AnalyticMeshes;
import io.face3d.eval.distance.TriangleBvh;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared contract of every {@link SurfaceAligner}: perfect data -> the exact transform it can model (to 1e-3
 * mm); noisy data (0.1 mm) -> within 0.05 mm RMS rigid, 0.1 mm scaled; degenerate data -> a {@link Face3dException}.
 */
class SurfaceAlignerContractTest {
    private static final int[] LANDMARKS = {1500, 1510, 1530, 1540, 1000, 600, 620};

    /** The transform each aligner can represent: nothing, a similarity, a rigid motion, a similarity. */
    private static Similarity modelled(AlignMode mode, Random random) {
        double[] r = Rotation.fromEulerDegrees(8 * random.nextGaussian(), 5 * random.nextGaussian(), 5 * random.nextGaussian());
        double[] t = {3 * random.nextGaussian(), 3 * random.nextGaussian(), 3 * random.nextGaussian()};
        return switch (mode) {
            case NONE -> Similarity.identity();
            case ICP -> new Similarity(1, r, t);
            default -> new Similarity(0.9 + 0.2 * random.nextDouble(), r, t);
        };
    }

    private static double[] at(Mesh m, int[] vertices) {
        double[] out = new double[3 * vertices.length];
        for (int i = 0; i < vertices.length; i++) {
            for (int k = 0; k < 3; k++) {
                out[3 * i + k] = m.positions()[3 * vertices[i] + k];
            }
        }
        return out;
    }

    private static double rmsError(Similarity found, Mesh pred, Mesh truth) {
        float[] a = found.apply(pred.positions()), t = truth.positions();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - t[i]) * (a[i] - t[i]);
        }
        return Math.sqrt(sum / (a.length / 3));
    }

    private static SurfaceAligner.Alignment run(AlignMode mode, Mesh pred, Mesh gt, boolean landmarks) {
        SurfaceAligner aligner = SurfaceAligners.create(mode, IcpConfig.defaults(false));
        return aligner.align(new SurfaceAligner.Input(pred, new TriangleBvh(pred), gt, gt,
            landmarks ? at(pred, LANDMARKS) : null, landmarks ? at(gt, LANDMARKS) : null));
    }

    @ParameterizedTest
    @EnumSource(AlignMode.class)
    void perfectDataGivesTheExactTransform(AlignMode mode) {
        Random random = new Random(mode.ordinal() + 1);
        Mesh truth = AnalyticMeshes.heightField(-60, 60, -75, 75, 51, 61, AnalyticMeshes.faceRelief(), 0.6, 2);
        Similarity move = modelled(mode, random);
        Mesh pred = truth.withPositions(move.apply(truth.positions()));
        for (boolean landmarks : new boolean[] {false, true}) {
            SurfaceAligner.Alignment a = run(mode, pred, truth, landmarks);
            assertTrue(rmsError(a.transform(), pred, truth) < 1e-3, mode + " landmarks=" + landmarks);
        }
    }

    @ParameterizedTest
    @EnumSource(value = AlignMode.class, names = {"PROCRUSTES", "ICP", "ICP_SCALE"})
    void noisyDataStaysClose(AlignMode mode) {
        Random random = new Random(10 + mode.ordinal());
        Mesh truth = AnalyticMeshes.heightField(-60, 60, -75, 75, 81, 101, AnalyticMeshes.faceRelief(), 0.6, 3);
        Similarity move = modelled(mode, random);
        Mesh pred = truth.withPositions(move.apply(truth.positions()));
        Mesh noisy = AnalyticMeshes.withNormalNoise(truth, 0.1, 4);
        SurfaceAligner.Alignment a = run(mode, pred, noisy, mode == AlignMode.PROCRUSTES);
        // Procrustes sees noise only at its 7 landmarks; ICP averages it over thousands of points. The bar:
        // 0.05 mm rigid, 0.1 mm with scale.
        double bar = mode == AlignMode.PROCRUSTES ? 0.2 : mode == AlignMode.ICP ? 0.05 : 0.1;
        assertTrue(rmsError(a.transform(), pred, truth) < bar, mode + " " + rmsError(a.transform(), pred, truth));
    }

    @ParameterizedTest
    @EnumSource(value = AlignMode.class, names = {"PROCRUSTES", "ICP", "ICP_SCALE"})
    void degenerateDataIsAUserError(AlignMode mode) {
        Mesh truth = AnalyticMeshes.heightField(-60, 60, -75, 75, 21, 25, AnalyticMeshes.faceRelief(), 0.6, 3);
        double[] collinear = new double[21];
        for (int i = 0; i < 7; i++) {
            collinear[3 * i] = i;
        }
        SurfaceAligner aligner = SurfaceAligners.create(mode, IcpConfig.defaults(false));
        assertThrows(Face3dException.class, () -> aligner.align(new SurfaceAligner.Input(truth, new TriangleBvh(truth),
            truth, truth, collinear, collinear)));
        assertEquals(AlignMode.ICP_SCALE, AlignMode.parse("ICP-scale"));
    }
}
