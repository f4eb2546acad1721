package io.face3d.eval;

import io.face3d.core.mesh.Mesh;
import io.face3d.core.geom.Similarity;
import io.face3d.eval.distance.DistanceStats;
import io.face3d.eval.distance.SphereCrop;

/**
 * Result of comparing a predicted mesh with a ground truth, all distances in mm in the ground truth's frame.
 *
 * @param alignedWith     alignment used, e.g. "icp-scale+landmarks"
 * @param transform       maps the prediction onto the ground truth
 * @param crop            ball that cut the evaluated part out of both meshes, or null
 * @param evaluatedGt     the (cropped) ground truth
 * @param alignedPred     the whole prediction after {@code transform}
 * @param perVertexError  scan-to-mesh distance of every vertex of {@code evaluatedGt} to the aligned prediction
 * @param scanToMesh      summary of {@code perVertexError} (the NoW metric)
 * @param predToGt        area-sampled prediction (cropped) to ground-truth surface (MESH)
 * @param gtToPred        area-sampled ground truth to prediction surface (MESH)
 * @param hausdorff       symmetric Hausdorff distance
 * @param rmse            RMS of {@code perVertexError} (MICC style with crop nose:95)
 * @param samples         points sampled per surface for predToGt / gtToPred
 * @param icpIterations   ICP steps, 0 without ICP
 */
public record MeshEvaluation(String alignedWith, Similarity transform, SphereCrop crop, Mesh evaluatedGt,
                             Mesh alignedPred, double[] perVertexError, DistanceStats scanToMesh,
                             DistanceStats predToGt, DistanceStats gtToPred, double hausdorff, double rmse,
                             int samples, int icpIterations) {
}
