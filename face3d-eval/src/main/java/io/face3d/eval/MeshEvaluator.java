package io.face3d.eval;

import io.face3d.core.Face3dException;
import io.face3d.core.mesh.Mesh;
import io.face3d.eval.align.IcpConfig;
import io.face3d.eval.align.IcpResult;
import io.face3d.eval.align.PointToPlaneIcp;
import io.face3d.eval.align.Similarity;
import io.face3d.eval.align.Umeyama;
import io.face3d.eval.distance.DistanceStats;
import io.face3d.eval.distance.MeshGeometry;
import io.face3d.eval.distance.PointToSurface;
import io.face3d.eval.distance.SphereCrop;
import io.face3d.eval.distance.SymmetricHausdorff;
import io.face3d.eval.distance.TriangleBvh;
import io.face3d.eval.landmarks.LandmarkSets;

import java.util.ArrayList;
import java.util.List;

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
        Similarity transform;
        String alignedWith = config.align().label();
        int iterations = 0;
        switch (config.align()) {
            case NONE -> transform = Similarity.identity();
            case PROCRUSTES -> {
                if (lm != null) {
                    transform = Umeyama.estimate(lm[0], lm[1], true);
                    alignedWith += "+landmarks";
                } else if (pred.vertexCount() == gt.vertexCount()) {
                    transform = Umeyama.estimate(toDouble(pred.positions()), toDouble(gt.positions()), true);
                    alignedWith += "+vertices";
                } else {
                    throw new Face3dException("procrustes needs corresponding points: give --landmarks-pred and "
                        + "--landmarks-gt, or meshes with the same vertex order, or use --align icp");
                }
            }
            default -> {
                boolean scale = config.align() == AlignMode.ICP_SCALE;
                List<Similarity> starts = new ArrayList<>();
                if (lm != null) {
                    starts.add(Umeyama.estimate(lm[0], lm[1], scale));
                    alignedWith += "+landmarks";
                } else {
                    starts.add(Similarity.identity());
                    double[] cp = centroid(pred.positions()), cg = centroid(gtEval.positions());
                    starts.add(Similarity.translation(cg[0] - cp[0], cg[1] - cp[1], cg[2] - cp[2]));
                }
                IcpConfig icpConfig = config.icp();
                if (icpConfig.withScale() != scale) {
                    icpConfig = new IcpConfig(scale, icpConfig.keepFraction(), icpConfig.maxIterations(),
                        icpConfig.maxSamples(), icpConfig.tolerance(), icpConfig.seed());
                }
                // The scan moves onto the predicted surface (scan-to-mesh, as NoW), so the index over the prediction
                // is built once and the prediction takes the inverse transform. With several starts, a coarse run
                // (few samples, loose tolerance) picks the start, then the full run refines it.
                Similarity start = starts.get(0);
                if (starts.size() > 1) {
                    PointToPlaneIcp coarse = new PointToPlaneIcp(new IcpConfig(scale, icpConfig.keepFraction(),
                        15, Math.min(icpConfig.maxSamples(), 800), 1e-3, icpConfig.seed()));
                    double bestRms = Double.POSITIVE_INFINITY;
                    for (Similarity candidate : starts) {
                        IcpResult r = coarse.align(gtEval.positions(), pred, predBvh, candidate.inverse());
                        double rmsInGt = r.trimmedRms() / r.transform().scale();
                        if (rmsInGt < bestRms) {
                            bestRms = rmsInGt;
                            start = r.transform().inverse();
                        }
                    }
                }
                IcpResult best = new PointToPlaneIcp(icpConfig).align(gtEval.positions(), pred, predBvh, start.inverse());
                transform = best.transform().inverse();
                iterations = best.iterations();
            }
        }

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
        return new MeshEvaluation(alignedWith, transform, crop, gtEval, aligned, perVertex, scanToMesh,
            h.aToB(), h.bToA(), h.hausdorff(), scanToMesh.rms(), h.aToB().count() + h.bToA().count(), iterations);
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

    private static double[] centroid(float[] p) {
        double[] c = new double[3];
        int n = p.length / 3;
        for (int i = 0; i < p.length; i += 3) {
            c[0] += p[i];
            c[1] += p[i + 1];
            c[2] += p[i + 2];
        }
        c[0] /= n;
        c[1] /= n;
        c[2] /= n;
        return c;
    }

    private static double[] toDouble(float[] p) {
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i];
        }
        return d;
    }
}
