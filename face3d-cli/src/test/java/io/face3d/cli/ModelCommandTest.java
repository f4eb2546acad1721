package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void infoJsonHasTheContractFigures() throws Exception {
        assertEquals(0, run("model", "info", "--json"), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertEquals(26719, j.get("vertex_count").asInt());
        assertEquals(100, j.get("identity_modes").asInt());
        assertEquals(57, j.get("expression_names").size());
        assertEquals("mouthSmile_L", j.get("expression_names").get(45).asText());
        assertEquals(68, j.get("landmarks_ibug68").size());
        assertEquals(9409, j.at("/regions/face/vertices").asInt());
        assertEquals(0, j.at("/mirror/unpaired_vertices").asInt());
        assertTrue(j.get("source").asText().endsWith("ict-face-light"));
    }

    @Test
    void infoTextAndMissingSubcommand() {
        assertEquals(0, run("model", "info"));
        assertTrue(out.toString().contains("identity modes   100"), out.toString());
        assertEquals(2, run("model"));
        assertTrue(err.toString().contains("face3d model info [--json]"), err.toString());
    }
}
