package io.face3d.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.eval.MeshEvaluation;
import io.face3d.core.geom.Similarity;
import io.face3d.eval.distance.DistanceStats;

/**
 * Schema E of CONVENTIONS.md (the output of {@code face3d evaluate --json}), written in this one place. Required:
 * aligned_with, pred_to_gt and gt_to_pred {mean, rms, median, max} (area-sampled, MESH), hausdorff, rmse, samples.
 * Extra: scan_to_mesh (every evaluated ground-truth vertex, the NoW metric; rmse is its RMS), transform (maps PRED
 * onto GT), crop, icp_iterations, counts, units.
 */
final class SchemaE {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaE() {
    }

    static ObjectNode toJson(MeshEvaluation e, String pred, String gt, String heatmap) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("pred", pred);
        root.put("gt", gt);
        root.put("units", "mm");
        root.put("aligned_with", e.alignedWith());
        root.set("pred_to_gt", stats(e.predToGt()));
        root.set("gt_to_pred", stats(e.gtToPred()));
        root.put("hausdorff", e.hausdorff());
        root.put("rmse", e.rmse());
        root.put("samples", e.samples());
        root.set("scan_to_mesh", stats(e.scanToMesh()));
        Similarity t = e.transform();
        ObjectNode tr = root.putObject("transform");
        tr.put("scale", t.scale());
        ArrayNode rot = tr.putArray("rotation");
        double[] r = t.rotation();
        for (int i = 0; i < 3; i++) {
            ArrayNode row = rot.addArray();
            for (int j = 0; j < 3; j++) {
                row.add(r[3 * i + j]);
            }
        }
        ArrayNode tt = tr.putArray("translation");
        for (double v : t.translation()) {
            tt.add(v);
        }
        if (e.crop() == null) {
            root.putNull("crop");
        } else {
            ObjectNode c = root.putObject("crop");
            ArrayNode centre = c.putArray("center");
            for (double v : e.crop().center()) {
                centre.add(v);
            }
            c.put("radius", e.crop().radius());
        }
        root.put("icp_iterations", e.icpIterations());
        if (heatmap != null) {
            root.put("heatmap", heatmap);
        }
        return root;
    }

    static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of schema E could not be written", e);
        }
    }

    private static ObjectNode stats(DistanceStats s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("mean", s.mean());
        n.put("rms", s.rms());
        n.put("median", s.median());
        n.put("max", s.max());
        n.put("count", s.count());
        return n;
    }
}
