package io.face3d.eval;

import io.face3d.core.geom.Rotation;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import io.face3d.core.geom.Similarity;
import io.face3d.eval.bench.AnalyticMeshes;
import io.face3d.eval.distance.SphereCrop;
import io.face3d.eval.landmarks.LandmarkSets;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NoW protocol on a real face topology (ICT full face area): landmark Procrustes, NoW crop, scaled ICP. */
class RealFaceEvaluationTest {

    private static double[] landmarks(Mesh mesh, int[] vertices) {
        double[] out = new double[3 * vertices.length];
        for (int i = 0; i < vertices.length; i++) {
            for (int k = 0; k < 3; k++) {
                out[3 * i + k] = mesh.positions()[3 * vertices[i] + k];
            }
        }
        return out;
    }

    @Test
    void nowProtocolRecoversAMovedScaledFace() {
        MorphableModel model = TestModel.get();
        Random random = new Random(21);
        double[] id = new double[model.identityCount()];
        for (int i = 0; i < id.length; i++) {
            id[i] = random.nextGaussian();
        }
        Mesh face = model.mesh(id, null, Region.FACE);
        Mesh gt = face.withPositions(face.positions().clone());
        Similarity move = new Similarity(0.004, Rotation.fromEulerDegrees(25, -10, 5), new double[] {320, 240, 0});
        Mesh pred = face.withPositions(move.apply(face.positions())); // pixel-scaled and posed, like a fitter's output
        double[] lmGt = landmarks(gt, model.landmarks68());
        double[] lmPred = landmarks(pred, model.landmarks68());
        MeshEvaluation e = new MeshEvaluator(EvalConfig.defaults(AlignMode.ICP_SCALE).withSamples(20_000))
            .evaluate(pred, gt, LandmarkSets.toNow7(lmPred), lmGt);
        assertEquals("icp-scale+landmarks", e.alignedWith());
        SphereCrop now = SphereCrop.now(LandmarkSets.toNow7(lmGt));
        assertEquals(now.radius(), e.crop().radius(), 1e-9);
        assertTrue(e.evaluatedGt().vertexCount() < gt.vertexCount());
        assertEquals(1 / 0.004, e.transform().scale(), 1e-3 / 0.004);
        // float32 pixel coordinates near 320 px carry 3e-5 px of rounding, i.e. 0.008 mm once scaled back by 250.
        assertTrue(e.scanToMesh().max() < 0.01, "max " + e.scanToMesh().max());
        assertTrue(e.hausdorff() < 0.01, "hausdorff " + e.hausdorff());

        // The same with 0.1 mm scanner noise on the ground truth: the mean scan-to-mesh distance is E|N(0, 0.1)|.
        Mesh noisy = AnalyticMeshes.withNormalNoise(gt, 0.1, 5);
        MeshEvaluation n = new MeshEvaluator(EvalConfig.defaults(AlignMode.ICP_SCALE).withSamples(20_000))
            .evaluate(pred, noisy, lmPred, landmarks(noisy, model.landmarks68()));
        assertEquals(0.1 * Math.sqrt(2 / Math.PI), n.scanToMesh().mean(), 0.01);
        assertEquals(0.1, n.rmse(), 0.01);
    }
}
