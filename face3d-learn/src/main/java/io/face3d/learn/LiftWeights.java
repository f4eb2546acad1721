package io.face3d.learn;

import com.fasterxml.jackson.databind.JsonNode;
import io.face3d.learn.net.Mlp;
import io.face3d.learn.net.MlpFiles;

import io.face3d.core.Face3dException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lifting networks and their mean-face prior, shipped under {@value #RESOURCE} (written by {@code face3d train lift}; the JSON
 * header of each records the command, seed and data seed that made it).
 *
 * @param depth       136 normalised coordinates and the aligned mean face's 68 depths to 68 depth corrections
 * @param canonical   autoencoder: 136 to the 136 coordinates of the frontal view
 * @param distance          CONTEXT pair features ({@link io.face3d.learn.data.PairFeatures}) to the correction of the
 *                          baseline normalised 3D distance: the shipped Deep-MDS
 * @param distanceEncoder   the face encoder trained with {@code distance}: 204 values (normalised x, y and the
 *                          aligned mean face's depth) to the code in every pair's row
 * @param distanceCanonical eq. 6 features of the canonical view only (the paper's network; ablation)
 * @param distanceRaw       eq. 6 features of the input view (ablation without the autoencoder)
 * @param prior             the mean face the residual networks start from
 */
public record LiftWeights(Mlp depth, Mlp canonical, Mlp distance, Mlp distanceEncoder, Mlp distanceCanonical, Mlp distanceRaw,
                          MeanFacePrior prior) {
    public static final String RESOURCE = "/io/face3d/learn/weights";
    public static final String DEPTH = "depth";
    public static final String CANONICAL = "canonical";
    public static final String DISTANCE = "distance";
    public static final String DISTANCE_ENCODER = "distance_encoder";
    public static final String DISTANCE_CANONICAL = "distance_canonical";
    public static final String DISTANCE_RAW = "distance_raw";

    private static LiftWeights shipped;

    /** The weights in the jar (loaded once). */
    public static synchronized LiftWeights shipped() {
        if (shipped == null) {
            shipped = new LiftWeights(MlpFiles.readResource(RESOURCE, DEPTH), MlpFiles.readResource(RESOURCE, CANONICAL),
                MlpFiles.readResource(RESOURCE, DISTANCE), MlpFiles.readResource(RESOURCE, DISTANCE_ENCODER),
                MlpFiles.readResource(RESOURCE, DISTANCE_CANONICAL),
                MlpFiles.readResource(RESOURCE, DISTANCE_RAW), readPrior(RESOURCE + "/" + MeanFacePrior.FILE));
        }
        return shipped;
    }

    /** Weights written by {@code face3d train lift -o DIR}. */
    public static LiftWeights read(Path dir) {
        return new LiftWeights(MlpFiles.read(dir, DEPTH), MlpFiles.read(dir, CANONICAL), MlpFiles.read(dir, DISTANCE),
            MlpFiles.read(dir, DISTANCE_ENCODER), MlpFiles.read(dir, DISTANCE_CANONICAL), MlpFiles.read(dir, DISTANCE_RAW), readPrior(dir.resolve(MeanFacePrior.FILE)));
    }

    private static MeanFacePrior readPrior(String resource) {
        try (InputStream in = LiftWeights.class.getResourceAsStream(resource)) {
            return MeanFacePrior.read(in, resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static MeanFacePrior readPrior(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return MeanFacePrior.read(in, file.toString());
        } catch (IOException e) {
            throw new Face3dException("cannot read " + file + " (" + e.getMessage() + "): retrain with face3d train lift -o "
                + file.getParent());
        }
    }

    public void write(Path dir, JsonNode provenance) throws IOException {
        for (Mlp m : new Mlp[] {depth, canonical, distance, distanceEncoder, distanceCanonical, distanceRaw}) {
            MlpFiles.write(dir, m, provenance);
        }
        prior.write(dir);
    }
}
