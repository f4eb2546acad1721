package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.fit.landmark.NoiseModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterCommandTest {
    private static int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void clustersSyntheticLandmarkFilesAndListsAFaceless(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in"), out = dir.resolve("out");
        SyntheticLandmarkFiles.write(in, 3, 3, NoiseModel.CLEAN, 5);
        Files.writeString(in.resolve("zz_noface.json"), "{\"image\": null, \"width\": 640, \"height\": 640, "
            + "\"faces\": []}");
        StringWriter err = new StringWriter();
        int status = run(err, "cluster", in.toString(), "--people", "3", "--noise", "clean", "--seed", "3", "-o",
            out.toString());
        assertEquals(2, status, err.toString()); // the faceless input: listed with person -1, exit 2

        List<String> csv = Files.readAllLines(out.resolve("assignment.csv"));
        assertEquals("input,person,distance,status", csv.get(0));
        assertEquals(11, csv.size());
        JsonNode json = new ObjectMapper().readTree(out.resolve("assignment.json").toFile());
        assertEquals(3, json.get("people").asInt());
        JsonNode inputs = json.get("inputs");
        assertEquals(10, inputs.size());
        Map<String, Integer> personOfPeople = new HashMap<>();
        for (JsonNode n : inputs) {
            String name = Path.of(n.get("input").asText()).getFileName().toString();
            if (name.startsWith("zz_noface")) {
                assertEquals(-1, n.get("person").asInt());
                assertTrue(n.get("distance").isNull());
                assertEquals("no face", n.get("status").asText());
                assertTrue(csv.stream().anyMatch(l -> l.contains("zz_noface.json,-1,")), String.join("\n", csv));
                continue;
            }
            // files p<person>_<photo>: every photo of a true person lands in one cluster, distinct per person
            String truePerson = name.substring(0, 4);
            int k = n.get("person").asInt();
            assertTrue(k >= 0 && k < 3);
            assertEquals(personOfPeople.computeIfAbsent(truePerson, x -> k), k, name);
            assertTrue(n.get("distance").asDouble() >= 0);
        }
        assertEquals(3, new java.util.HashSet<>(personOfPeople.values()).size());
        for (int k = 0; k < 3; k++) {
            Path p = out.resolve("person_" + k);
            JsonNode person = new ObjectMapper().readTree(p.resolve("person.json").toFile());
            assertEquals(100, person.get("faces").get(0).get("identity").size());
            assertTrue(Files.size(p.resolve("person.obj")) > 1000);
            assertNotNull(ImageIO.read(p.resolve("contact_sheet.png").toFile()));
        }
    }

    @Test
    void needsPeopleOrAuto(@TempDir Path dir) throws Exception {
        SyntheticLandmarkFiles.write(dir, 1, 2, NoiseModel.CLEAN, 1);
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "cluster", dir.toString(), "-o", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("--people K or --auto"), err.toString());
    }
}
