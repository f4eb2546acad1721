package io.face3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.fit.landmark.SyntheticFaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Schema-L files of synthetic people ({@link SyntheticFaces}: each photo its own pose, yaw up to 60 degrees, and
 * expressions), named {@code p<person>_<photo>.json}, for the cluster tests and the speed measurement:
 * {@code java -cp ... io.face3d.cli.SyntheticLandmarkFiles DIR PEOPLE PHOTOS SEED}.
 */
final class SyntheticLandmarkFiles {
    private SyntheticLandmarkFiles() {
    }

    static void write(Path dir, int people, int photos, NoiseModel noise, long seed) throws IOException {
        MorphableModel model = TestModel.get();
        SyntheticFaces faces = new SyntheticFaces(model);
        Random rnd = new Random(seed);
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(dir);
        for (int p = 0; p < people; p++) {
            double[] id = new double[model.identityCount()];
            for (int k = 0; k < id.length; k++) {
                id[k] = rnd.nextGaussian();
            }
            for (int q = 0; q < photos; q++) {
                SyntheticFaces.Face f = faces.draw(rnd, noise, 4);
                double[] pts = faces.render(id, f.expression(), f.pose(), rnd, noise).points();
                ObjectNode root = json.createObjectNode();
                root.putNull("image");
                root.put("width", SyntheticFaces.IMAGE_SIZE);
                root.put("height", SyntheticFaces.IMAGE_SIZE);
                ObjectNode face = root.putArray("faces").addObject();
                ArrayNode a = face.putArray("points");
                for (int i = 0; i < 68; i++) {
                    a.addArray().add(pts[2 * i]).add(pts[2 * i + 1]);
                }
                json.writeValue(dir.resolve(String.format(Locale.ROOT, "p%03d_%d.json", p, q)).toFile(), root);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), NoiseModel.CLEAN,
            Long.parseLong(args[3]));
    }
}
