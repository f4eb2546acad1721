package io.face3d.eval.align;

import io.face3d.core.geom.Similarity;
import io.face3d.core.mesh.Mesh;
import io.face3d.eval.distance.TriangleBvh;

/**
 * Brings a predicted mesh onto a ground truth. Implementations: {@link IdentityAligner}, {@link ProcrustesAligner},
 * {@link IcpAligner}; built by {@link SurfaceAligners#create}.
 */
public interface SurfaceAligner {

    /**
     * @param pred          the predicted mesh
     * @param predSurface   index over {@code pred}
     * @param gt            the (cropped) ground truth
     * @param gtFull        the whole ground truth, in its vertex order (for vertex correspondence)
     * @param predLandmarks corresponding points on pred (x, y, z flattened), or null
     * @param gtLandmarks   the same points on gt, or null
     */
    record Input(Mesh pred, TriangleBvh predSurface, Mesh gt, Mesh gtFull, double[] predLandmarks,
                 double[] gtLandmarks) {
        public boolean hasLandmarks() {
            return predLandmarks != null && gtLandmarks != null;
        }
    }

    /**
     * @param transform   maps the prediction onto the ground truth
     * @param description how, e.g. "icp+landmarks"
     * @param iterations  ICP steps, 0 for closed-form alignments
     */
    record Alignment(Similarity transform, String description, int iterations) {
    }

    Alignment align(Input input);
}
