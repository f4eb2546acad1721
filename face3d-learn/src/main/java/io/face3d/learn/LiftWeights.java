package io.face3d.learn;

import com.fasterxml.jackson.databind.JsonNode;
import io.face3d.learn.net.Mlp;
import io.face3d.learn.net.MlpFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The four lifting networks, shipped under {@value #RESOURCE} (written by {@code face3d train lift}; the JSON
 * header of each records the command, seed and data seed that made it).
 *
 * @param depth       136 normalised coordinates to 68 depths
 * @param canonical   autoencoder: 136 to the 136 coordinates of the frontal view
 * @param distance          CONTEXT pair features ({@link io.face3d.learn.data.PairFeatures}) to the normalised 3D
 *                          distance: the shipped Deep-MDS
 * @param distanceCanonical eq. 6 features of the canonical view only (the paper's network; ablation)
 * @param distanceRaw       eq. 6 features of the input view (ablation without the autoencoder)
 */
public record LiftWeights(Mlp depth, Mlp canonical, Mlp distance, Mlp distanceCanonical, Mlp distanceRaw) {
    public static final String RESOURCE = "/io/face3d/learn/weights";
    public static final String DEPTH = "depth";
    public static final String CANONICAL = "canonical";
    public static final String DISTANCE = "distance";
    public static final String DISTANCE_CANONICAL = "distance_canonical";
    public static final String DISTANCE_RAW = "distance_raw";

    private static LiftWeights shipped;

    /** The weights in the jar (loaded once). */
    public static synchronized LiftWeights shipped() {
        if (shipped == null) {
            shipped = new LiftWeights(MlpFiles.readResource(RESOURCE, DEPTH), MlpFiles.readResource(RESOURCE, CANONICAL),
                MlpFiles.readResource(RESOURCE, DISTANCE), MlpFiles.readResource(RESOURCE, DISTANCE_CANONICAL),
                MlpFiles.readResource(RESOURCE, DISTANCE_RAW));
        }
        return shipped;
    }

    /** Weights written by {@code face3d train lift -o DIR}. */
    public static LiftWeights read(Path dir) {
        return new LiftWeights(MlpFiles.read(dir, DEPTH), MlpFiles.read(dir, CANONICAL), MlpFiles.read(dir, DISTANCE),
            MlpFiles.read(dir, DISTANCE_CANONICAL), MlpFiles.read(dir, DISTANCE_RAW));
    }

    public void write(Path dir, JsonNode provenance) throws IOException {
        for (Mlp m : new Mlp[] {depth, canonical, distance, distanceCanonical, distanceRaw}) {
            MlpFiles.write(dir, m, provenance);
        }
    }
}
