package io.face3d.eval;

import io.face3d.core.Face3dException;
import io.face3d.core.geom.Rotation;
import io.face3d.core.mesh.Mesh;
import io.face3d.eval.align.IcpConfig;
import io.face3d.core.geom.Similarity;
import io.face3d.eval.bench.AnalyticMeshes;
import io.face3d.eval.distance.MeshGeometry;
import io.face3d.eval.distance.SphereCrop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Analytic answers: tolerances are the evaluation's bar (2% or 0.05 mm) unless a tighter one is stated.
 */
class MeshEvaluatorTest {
    private static final double MM = 0.05;

    private static MeshEvaluation evaluate(AlignMode mode, Mesh pred, Mesh gt) {
        return new MeshEvaluator(EvalConfig.defaults(mode).withSamples(40_000)).evaluate(pred, gt, null, null);
    }

    private static void assertNear(double truth, double got, String what) {
        assertEquals(truth, got, Math.max(MM, 0.02 * Math.abs(truth)), what);
    }

    /** Concentric spheres in different tessellations: every distance is the difference of the radii. */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2, 7})
    void concentricSpheres(double gap) {
        Mesh gt = AnalyticMeshes.icoSphere(60, 3, -2, 100, 5);
        Mesh pred = AnalyticMeshes.uvSphere(60 + gap, 3, -2, 100, 160, 320);
        MeshEvaluation e = evaluate(AlignMode.NONE, pred, gt);
        assertNear(gap, e.hausdorff(), "hausdorff");
        for (var s : new io.face3d.eval.distance.DistanceStats[] {e.predToGt(), e.gtToPred(), e.scanToMesh()}) {
            assertNear(gap, s.mean(), "mean");
            assertNear(gap, s.rms(), "rms");
            assertNear(gap, s.median(), "median");
            assertNear(gap, s.max(), "max");
        }
        assertNear(gap, e.rmse(), "rmse");
    }

    /** A plane and its offset copy, tessellated differently: every distance is the offset. */
    @Test
    void planeAndOffset() {
        Mesh gt = AnalyticMeshes.heightField(-50, 50, -50, 50, 41, 37, (x, y) -> 0, 0.8, 3);
        Mesh pred = AnalyticMeshes.heightField(-50, 50, -50, 50, 23, 29, (x, y) -> 3.5, 0.8, 4);
        MeshEvaluation e = evaluate(AlignMode.NONE, pred, gt);
        assertNear(3.5, e.hausdorff(), "hausdorff");
        assertNear(3.5, e.predToGt().mean(), "pred to gt mean");
        assertNear(3.5, e.gtToPred().rms(), "gt to pred rms");
        assertNear(3.5, e.scanToMesh().max(), "scan to mesh max");
    }

    /**
     * A Gaussian bump of height h on a plane against the flat plane: max = h, and the area-weighted mean of the
     * bumpy surface's distances is the integral of f sqrt(1 + |grad f|^2) over the integral of sqrt(1 + |grad f|^2),
     * evaluated here by a 2000 x 2000 midpoint rule.
     */
    @Test
    void bumpOfKnownHeight() {
        double h = 6, sigma = 9;
        DoubleBinaryOperator f = AnalyticMeshes.bump(h, sigma, 4, -3);
        Mesh gt = AnalyticMeshes.heightField(-40, 40, -40, 40, 161, 161, f, 0.6, 5);
        Mesh pred = AnalyticMeshes.heightField(-40, 40, -40, 40, 9, 13, (x, y) -> 0, 0.5, 6);
        MeshEvaluation e = evaluate(AlignMode.NONE, pred, gt);
        double num = 0, den = 0;
        int n = 2000;
        double step = 80.0 / n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = -40 + (i + 0.5) * step, y = -40 + (j + 0.5) * step;
                double z = f.applyAsDouble(x, y);
                double gx = -z * (x - 4) / (sigma * sigma), gy = -z * (y + 3) / (sigma * sigma);
                double w = Math.sqrt(1 + gx * gx + gy * gy);
                num += z * w;
                den += w;
            }
        }
        assertNear(h, e.hausdorff(), "hausdorff");
        assertNear(h, e.scanToMesh().max(), "max");
        assertNear(num / den, e.gtToPred().mean(), "area-weighted mean");
        // Every point of the flat prediction lies on or under the bump: its distance to it is at most h.
        assertTrue(e.predToGt().max() <= h + MM);
    }

    private static Mesh face(int nx, int ny, double jitter, long seed) {
        return AnalyticMeshes.heightField(-60, 60, -75, 75, nx, ny, AnalyticMeshes.faceRelief(), jitter, seed);
    }

    /** Largest distance between where the aligned prediction's vertices are and where they belong. */
    private static double vertexError(Mesh aligned, Mesh truth) {
        double worst = 0;
        float[] a = aligned.positions(), t = truth.positions();
        for (int i = 0; i < a.length; i += 3) {
            double dx = a[i] - t[i], dy = a[i + 1] - t[i + 1], dz = a[i + 2] - t[i + 2];
            worst = Math.max(worst, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        return worst;
    }

    /** Same tessellation, moved rigidly: ICP puts every vertex back to 1e-3 mm. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void icpRecoversARigidCopyExactly(long seed) {
        java.util.Random random = new java.util.Random(seed);
        Mesh truth = face(61, 75, 0.7, seed);
        Similarity move = new Similarity(1, Rotation.fromEulerDegrees(12 * random.nextGaussian(),
            8 * random.nextGaussian(), 8 * random.nextGaussian()), new double[] {6 * random.nextGaussian(),
            6 * random.nextGaussian(), 6 * random.nextGaussian()});
        Mesh pred = truth.withPositions(move.apply(truth.positions()));
        MeshEvaluation e = evaluate(AlignMode.ICP, pred, truth);
        assertTrue(vertexError(e.alignedPred(), truth) < 1e-3, "vertex error " + vertexError(e.alignedPred(), truth));
        assertTrue(e.hausdorff() < 1e-3);
        assertEquals(1, e.transform().scale(), 0);
    }

    /**
     * The hard case: the scan is a noisy (0.1 mm along the normals, a good structured-light scanner), differently
     * tessellated copy covering only the central 55% of the prediction's area, and the prediction is moved (and
     * scaled); rigid ICP puts it back to under 0.05 mm RMS over the scanned part, icp-scale under 0.1 mm.
     */
    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void icpRecoversPartialNoisyCopies(long seed) {
        java.util.Random random = new java.util.Random(seed);
        Mesh truthPred = face(81, 101, 0.7, seed);
        Mesh scan = AnalyticMeshes.partialScan(120, 150, 0.1, seed + 100, seed);
        double[] r = Rotation.fromEulerDegrees(10 * random.nextGaussian(), 6 * random.nextGaussian(), 6 * random.nextGaussian());
        double[] t = {4 * random.nextGaussian(), 4 * random.nextGaussian(), 4 * random.nextGaussian()};
        Mesh rigid = truthPred.withPositions(new Similarity(1, r, t).apply(truthPred.positions()));
        MeshEvaluation e = evaluate(AlignMode.ICP, rigid, scan);
        assertTrue(AnalyticMeshes.partialScanRms(e.alignedPred(), truthPred) < 0.05, "rigid error " + AnalyticMeshes.partialScanRms(e.alignedPred(), truthPred));
        assertNear(0.1 * Math.sqrt(2 / Math.PI), e.scanToMesh().mean(), "mean |N(0, 0.1)|");

        Mesh scaled = truthPred.withPositions(new Similarity(1.12, r, t).apply(truthPred.positions()));
        MeshEvaluation es = evaluate(AlignMode.ICP_SCALE, scaled, scan);
        assertTrue(AnalyticMeshes.partialScanRms(es.alignedPred(), truthPred) < 0.1, "scaled error " + AnalyticMeshes.partialScanRms(es.alignedPred(), truthPred));
        assertEquals(1 / 1.12, es.transform().scale(), 2e-3);
    }

    /** Procrustes on shared topology undoes a similarity; with 7 landmarks it starts ICP. */
    @Test
    void procrustesAndLandmarkInitialisation() {
        Mesh truth = face(41, 51, 0.5, 9);
        Similarity move = new Similarity(0.9, Rotation.fromEulerDegrees(70, -20, 15), new double[] {30, -10, 200});
        Mesh pred = truth.withPositions(move.apply(truth.positions()));
        MeshEvaluation e = evaluate(AlignMode.PROCRUSTES, pred, truth);
        assertEquals("procrustes+vertices", e.alignedWith());
        assertTrue(vertexError(e.alignedPred(), truth) < 1e-3);

        // A 70 degree turn is beyond plain ICP's basin; 7 landmarks (exact on both) bring it home.
        int[] lmVertices = {1500, 1510, 1530, 1540, 1000, 600, 620};
        double[] gtLm = new double[21], predLm = new double[21];
        for (int i = 0; i < 7; i++) {
            for (int k = 0; k < 3; k++) {
                gtLm[3 * i + k] = truth.positions()[3 * lmVertices[i] + k];
                predLm[3 * i + k] = pred.positions()[3 * lmVertices[i] + k];
            }
        }
        MeshEvaluation l = new MeshEvaluator(EvalConfig.defaults(AlignMode.ICP_SCALE).withSamples(20_000)
            .withCrop(CropSpec.NONE)).evaluate(pred, truth, predLm, gtLm);
        assertEquals("icp-scale+landmarks", l.alignedWith());
        assertTrue(vertexError(l.alignedPred(), truth) < 1e-3);
    }

    @Test
    void noseCropKeepsTheBallAroundTheHighestPoint() {
        Mesh gt = face(61, 75, 0.5, 12);
        Mesh pred = face(47, 59, 0.5, 13);
        MeshEvaluation e = new MeshEvaluator(EvalConfig.defaults(AlignMode.NONE).withSamples(10_000)
            .withCrop(CropSpec.nose(40))).evaluate(pred, gt, null, null);
        SphereCrop crop = e.crop();
        assertEquals(40, crop.radius(), 0);
        assertTrue(crop.center()[2] > 55, "nose at the top of the relief");
        for (boolean inside : crop.inside(e.evaluatedGt().positions())) {
            assertTrue(inside);
        }
        assertTrue(e.evaluatedGt().vertexCount() < gt.vertexCount() / 2);
    }

    @Test
    void nowMaskFollowsTheReference() {
        // Outer eyes 90 mm apart, nose 40 mm under the inner-eye midpoint: radius 1.4 * (90 + 40) / 2 = 91.
        double[] now7 = {-45, 0, 0, -15, 0, 0, 15, 0, 0, 45, 0, 0, 0, -40, 10, -25, -70, 0, 25, -70, 0};
        SphereCrop c = SphereCrop.now(now7);
        assertEquals(1.4 * (90 + Math.sqrt(1600 + 100)) / 2, c.radius(), 1e-12);
        assertEquals(-40 + 0.3 * 40, c.center()[1], 1e-12);
    }

    @Test
    void degenerateInputsAreUserErrors() {
        Mesh good = face(21, 25, 0.5, 1);
        Mesh empty = new Mesh(new float[0], new int[0]);
        Mesh single = new Mesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2});
        Face3dException a = assertThrows(Face3dException.class, () -> evaluate(AlignMode.ICP, empty, good));
        assertTrue(a.getMessage().contains("PRED mesh is empty"), a.getMessage());
        Face3dException b = assertThrows(Face3dException.class, () -> evaluate(AlignMode.ICP, good, single));
        assertTrue(b.getMessage().contains("GT mesh has 1 triangle"), b.getMessage());
        Mesh far = good.withPositions(Similarity.translation(5000, 0, 0).apply(good.positions()));
        Face3dException c = assertThrows(Face3dException.class, () -> evaluate(AlignMode.NONE, far, good));
        assertTrue(c.getMessage().contains("do not overlap"), c.getMessage());
        assertThrows(Face3dException.class, () -> evaluate(AlignMode.PROCRUSTES, face(11, 13, 0.5, 1), good));
        assertThrows(Face3dException.class, () -> new MeshEvaluator(EvalConfig.defaults(AlignMode.NONE)
            .withCrop(CropSpec.NOW)).evaluate(good, good, null, null));
        assertThrows(Face3dException.class, () -> new MeshEvaluator(EvalConfig.defaults(AlignMode.NONE))
            .evaluate(good, good, new double[21], null));
        Mesh flat = new Mesh(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0}, new int[] {0, 1, 2, 1, 2, 3});
        assertTrue(MeshGeometry.nonDegenerateTriangles(flat) == 0);
        assertThrows(Face3dException.class, () -> evaluate(AlignMode.NONE, flat, good));
    }
}
