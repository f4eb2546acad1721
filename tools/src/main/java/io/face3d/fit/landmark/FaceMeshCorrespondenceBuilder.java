package io.face3d.fit.landmark;

import io.face3d.core.geom.Umeyama;
import io.face3d.core.geom.Similarity;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the FaceMesh-to-ICT correspondence shipped as {@link DenseCorrespondence#RESOURCE}; run once:
 * <pre>
 *   java -cp ... io.face3d.fit.landmark.FaceMeshCorrespondenceBuilder \
 *        ../shared/models/mediapipe-face-geometry/canonical_face_model.obj OUT.txt
 * </pre>
 * 1. Twenty-one points identified on both faces by their anatomy (eye corners, mouth corners, lip midpoints, nose
 * tip and bridge, subnasale, chin, brow ends; FaceMesh indices from its published mesh map, iBUG indices from
 * CONVENTIONS.md) give a similarity transform of the canonical face (cm) onto the ICT mean (mm) (Umeyama).
 * 2. Five rounds of similarity ICP refine it on all 468 points against their nearest narrow-face-area vertices.
 * 3. Each FaceMesh point takes its nearest narrow-face-area vertex of the ICT mean.
 */
public final class FaceMeshCorrespondenceBuilder {
    /** FaceMesh index, iBUG index pairs. */
    static final int[][] ANCHORS = {
        {33, 36}, {133, 39}, {362, 42}, {263, 45}, {61, 48}, {291, 54}, {0, 51}, {17, 57}, {13, 62}, {14, 66},
        {78, 60}, {308, 64}, {152, 8}, {4, 30}, {168, 27}, {2, 33}, {70, 17}, {300, 26}, {105, 19}, {334, 24},
        {6, 28}};

    private FaceMeshCorrespondenceBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FaceMeshCorrespondenceBuilder canonical_face_model.obj OUT.txt");
            System.exit(2);
        }
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        double[] canon = readObjVertices(Paths.get(args[0]));
        int[] corr = build(model, canon);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Paths.get(args[1])))) {
            w.println("# MediaPipe FaceMesh point (line order, 0-467) -> ICT-FaceKit vertex; made by");
            w.println("# io.face3d.fit.landmark.FaceMeshCorrespondenceBuilder from canonical_face_model.obj:");
            w.println("# anchor similarity + 5 rounds of similarity ICP, then the nearest narrow-face-area vertex");
            for (int v : corr) {
                w.println(v);
            }
        }
    }

    static int[] build(MorphableModel model, double[] canon) {
        int n = canon.length / 3;
        float[] mean = model.meanArray();
        int nv = model.vertexCount(Region.NARROW);
        int[] lm = model.landmarks68();
        double[] src = new double[3 * ANCHORS.length], dst = new double[3 * ANCHORS.length];
        for (int i = 0; i < ANCHORS.length; i++) {
            for (int a = 0; a < 3; a++) {
                src[3 * i + a] = canon[3 * ANCHORS[i][0] + a];
                dst[3 * i + a] = mean[3 * lm[ANCHORS[i][1]] + a];
            }
        }
        Similarity t = Umeyama.estimate(src, dst, true);
        int[] nearest = new int[n];
        for (int round = 0; round <= 5; round++) {
            double[] moved = t.apply(canon);
            double[] target = new double[3 * n];
            for (int i = 0; i < n; i++) {
                double best = Double.MAX_VALUE;
                for (int v = 0; v < nv; v++) {
                    double dx = moved[3 * i] - mean[3 * v], dy = moved[3 * i + 1] - mean[3 * v + 1];
                    double dz = moved[3 * i + 2] - mean[3 * v + 2];
                    double d = dx * dx + dy * dy + dz * dz;
                    if (d < best) {
                        best = d;
                        nearest[i] = v;
                    }
                }
                for (int a = 0; a < 3; a++) {
                    target[3 * i + a] = mean[3 * nearest[i] + a];
                }
            }
            if (round < 5) {
                t = Umeyama.estimate(canon, target, true);
            }
        }
        return nearest;
    }

    static double[] readObjVertices(Path obj) throws IOException {
        List<double[]> v = new ArrayList<>();
        for (String line : Files.readAllLines(obj)) {
            if (line.startsWith("v ")) {
                String[] p = line.trim().split("\\s+");
                v.add(new double[] {Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])});
            }
        }
        double[] out = new double[3 * v.size()];
        for (int i = 0; i < v.size(); i++) {
            System.arraycopy(v.get(i), 0, out, 3 * i, 3);
        }
        return out;
    }
}
