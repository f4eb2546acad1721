package io.face3d.api;

import io.face3d.core.mesh.Mesh;
import io.face3d.core.mesh.MeshIO;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps README.md's Java example true: the lines between the markers are the README's, verbatim. */
class ReadmeExampleTest {
    @Test
    void readmeExampleCompilesRunsAndWritesTheSmilingFace() throws IOException {
        Path examples = Path.of(System.getProperty("face3d.repo", "."), "examples");
        // README example begin
        Face3d face3d = Face3d.create(Face3d.Config.defaults());
        MorphableModel model = face3d.model();                        // ICT-FaceKit, millimetres
        double[] identity = new double[model.identityCount()];        // 100 shape coefficients, ~N(0, 1)
        double[] expression = new double[model.expressionCount()];    // 57 blendshape weights in [0, 1]
        identity[0] = 1.5;
        expression[model.expressionIndex("mouthSmile_L")] = 0.8;      // smile on the subject's left only
        Mesh face = model.mesh(identity, expression, Region.FACE);    // full face area, model space
        Path obj = Path.of(System.getProperty("java.io.tmpdir"), "smile.obj");
        MeshIO.write(face, obj);

        RgbImage photo = Images.read(examples.resolve("astronaut.png"));     // detect, landmark, fit a photo
        for (Reconstructor.Face r : face3d.reconstruct(photo)) {                 // production settings
            double[] yawPitchRoll = r.fit().pose().eulerDegrees();
            double smile = r.fit().expression()[model.expressionIndex("mouthSmile_L")];
            MeshIO.write(model.mesh(r.fit().identity(), r.fit().expression(), Region.FACE), obj);
        }
        // README example end

        try {
            List<String> lines = Files.readAllLines(obj);
            assertEquals(1, face3d.reconstruct(photo).size());
            assertEquals(9409, lines.stream().filter(l -> l.startsWith("v ")).count());
            assertEquals(18460, lines.stream().filter(l -> l.startsWith("f ")).count());
            // the smile moves the subject's left (+x) side more than the right
            float[] neutral = model.evaluate(identity, null, Region.FACE);
            // (the file now holds the astronaut's face; `face` is still the synthetic smile)
            float[] p = face.positions();
            double left = 0, right = 0;
            for (int v = 0; v < p.length / 3; v++) {
                double d = Math.abs(p[3 * v] - neutral[3 * v]) + Math.abs(p[3 * v + 1] - neutral[3 * v + 1])
                    + Math.abs(p[3 * v + 2] - neutral[3 * v + 2]);
                if (neutral[3 * v] > 5) {
                    left += d;
                } else if (neutral[3 * v] < -5) {
                    right += d;
                }
            }
            assertTrue(left > 3 * right, "left " + left + " right " + right);
        } finally {
            Files.deleteIfExists(obj);
        }
    }
}
