package io.face3d.eval;

import io.face3d.core.Face3dException;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.geom.Similarity;
import io.face3d.eval.align.SurfaceAligner;
import io.face3d.eval.align.SurfaceAligners;
import io.face3d.eval.distance.DistanceStats;
import io.face3d.eval.distance.MeshGeometry;
import io.face3d.eval.distance.PointToSurface;
import io.face3d.eval.distance.SphereCrop;
import io.face3d.eval.distance.SymmetricHausdorff;
import io.face3d.eval.distance.TriangleBvh;
import io.face3d.eval.landmarks.LandmarkSets;

/**
 * Compares a predicted face mesh with a ground-truth scan the way the benchmarks do: crop the scan (NoW mask or a
 * ball around the nose), align the prediction (landmark Procrustes, then trimmed point-to-plane ICP of the scan
 * onto the predicted surface, as NoW's scan-to-mesh refinement), then measure the scan-to-mesh distance of every
 * scan vertex and the symmetric area-sampled distances of the MESH tool.
 */
public final class MeshEvaluator {
    /** A scan vertex farther than this fraction of the scan's diagonal from the prediction counts as not overlapping. */
    static final double OVERLAP_DISTANCE = 0.1;
    /** Below this fraction of overlapping scan vertices the comparison is refused. */
    static final double MIN_OVERLAP = 0.1;

    private final EvalConfig config;

    public MeshEvaluator(EvalConfig config) {
        this.config = config;
    }

    /**
     * @param pred            predicted mesh
     * @param gt              ground-truth mesh (scan)
     * @param predLandmarks   7 or 68 points x, y, z on the prediction, or null
     * @param gtLandmarks     the same points on the ground truth, or null
     */
    public MeshEvaluation evaluate(Mesh pred, Mesh gt, double[] predLandmarks, double[] gtLandmarks) {
        checkSurface(pred, "PRED");
        checkSurface(gt, "GT");
        if ((predLandmarks == null) != (gtLandmarks == null)) {
            throw new Face3dException("landmarks are needed for both meshes: give --landmarks-pred and --landmarks-gt");
        }
        double[][] lm = predLandmarks == null ? null : LandmarkSets.matched(predLandmarks, gtLandmarks);

        SphereCrop crop = crop(gt, gtLandmarks);
        Mesh gtEval = crop == null ? gt : crop.apply(gt);
        if (MeshGeometry.nonDegenerateTriangles(gtEval) < 2) {
            throw new Face3dException("the crop " + describe(crop) + " leaves no ground-truth surface: "
                + "check the landmarks or use a larger radius");
        }

        TriangleBvh predBvh = new TriangleBvh(pred);
        SurfaceAligner.Input input = new SurfaceAligner.Input(pred, predBvh, gtEval, gt, lm == null ? null : lm[0],
            lm == null ? null : lm[1]);
        SurfaceAligner.Alignment alignment = SurfaceAligners.create(config.align(), config.icp()).align(input);
        Similarity transform = alignment.transform();
        Mesh aligned = pred.withPositions(transform.apply(pred.positions()));
        TriangleBvh alignedBvh = new TriangleBvh(aligned);
        double[] perVertex = PointToSurface.distances(gtEval.positions(), alignedBvh);
        checkOverlap(gtEval, perVertex);
        DistanceStats scanToMesh = DistanceStats.of(perVertex);

        Mesh predEval = crop == null ? aligned : crop.apply(aligned);
        if (MeshGeometry.nonDegenerateTriangles(predEval) < 1) {
            throw new Face3dException("no part of the aligned prediction lies inside the crop " + describe(crop)
                + ": the meshes do not overlap; check units and alignment");
        }
        TriangleBvh predEvalBvh = crop == null ? alignedBvh : new TriangleBvh(predEval);
        SymmetricHausdorff h = SymmetricHausdorff.compute(predEval, predEvalBvh, gtEval, new TriangleBvh(gtEval),
            config.samples(), config.seed());
        return new MeshEvaluation(alignment.description(), transform, crop, gtEval, aligned, perVertex, scanToMesh,
            h.aToB(), h.bToA(), h.hausdorff(), scanToMesh.rms(), h.aToB().count() + h.bToA().count(),
            alignment.iterations());
    }

    private SphereCrop crop(Mesh gt, double[] gtLandmarks) {
        CropSpec spec = config.crop();
        if (spec == null) {
            spec = gtLandmarks == null ? CropSpec.NONE : CropSpec.NOW;
        }
        return switch (spec.kind()) {
            case NONE -> null;
            case NOW -> {
                if (gtLandmarks == null) {
                    throw new Face3dException("the NoW crop needs the ground-truth landmarks: give --landmarks-gt "
                        + "or use --crop nose:R");
                }
                yield SphereCrop.now(LandmarkSets.toNow7(gtLandmarks));
            }
            case NOSE -> new SphereCrop(gtLandmarks != null ? LandmarkSets.nose(gtLandmarks) : highestZ(gt),
                spec.radius());
        };
    }

    private static void checkSurface(Mesh mesh, String name) {
        if (mesh.vertexCount() == 0 || mesh.triangleCount() == 0) {
            throw new Face3dException(name + " mesh is empty (" + mesh.vertexCount() + " vertices, "
                + mesh.triangleCount() + " triangles): give a triangle mesh");
        }
        for (float v : mesh.positions()) {
            if (!Float.isFinite(v)) {
                throw new Face3dException(name + " mesh has a vertex that is not a finite number: repair the file");
            }
        }
        int good = MeshGeometry.nonDegenerateTriangles(mesh);
        if (good < 2) {
            int far = io.face3d.core.geom.Outliers.farthestAlone(mesh.positions(), 3);
            if (far >= 0 && mesh.triangleCount() >= 2) {
                float[] p = mesh.positions();
                throw new Face3dException(String.format(java.util.Locale.ROOT, "%s mesh has vertex %d at (%.4g, %.4g,"
                    + " %.4g), far from all the others, which makes them look flat: remove it or check the units",
                    name, far, p[3 * far], p[3 * far + 1], p[3 * far + 2]));
            }
            throw new Face3dException(name + " mesh has " + good + " triangle(s) of non-zero area: a surface "
                + "comparison needs a mesh of at least 2 triangles");
        }
    }

    private static void checkOverlap(Mesh gtEval, double[] perVertex) {
        double limit = OVERLAP_DISTANCE * Math.sqrt(MeshGeometry.diagonal2(gtEval.positions()));
        int near = 0;
        for (double d : perVertex) {
            if (d <= limit) {
                near++;
            }
        }
        if (near < MIN_OVERLAP * perVertex.length) {
            throw new Face3dException(String.format(java.util.Locale.ROOT,
                "the meshes do not overlap: only %.1f%% of ground-truth vertices lie within %.1f mm of the "
                    + "prediction; check both are in mm and show the same face, or use --align icp or landmarks",
                100.0 * near / perVertex.length, limit));
        }
    }

    private static String describe(SphereCrop crop) {
        return crop == null ? "none" : String.format(java.util.Locale.ROOT, "(radius %.1f mm)", crop.radius());
    }

    private static double[] highestZ(Mesh mesh) {
        float[] p = mesh.positions();
        int best = 0;
        for (int v = 1; v < mesh.vertexCount(); v++) {
            if (p[3 * v + 2] > p[3 * best + 2]) {
                best = v;
            }
        }
        return new double[] {p[3 * best], p[3 * best + 1], p[3 * best + 2]};
    }
}
