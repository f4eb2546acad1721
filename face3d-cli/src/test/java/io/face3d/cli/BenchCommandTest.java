package io.face3d.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {

    @Test
    void listsSuitesFromServiceLoader() {
        CliRun r = CliRun.run("bench", "--list");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("eval ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cli-test ")), r.out());
    }

    @Test
    void unknownSuiteNamesTheKnownOnes(@TempDir Path dir) {
        CliRun r = CliRun.run("bench", "nosuch", "-o", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown suite 'nosuch': known suites are "), r.err());
        assertTrue(r.err().contains("cli-test") && r.err().contains("eval"), r.err());
        assertEquals(2, CliRun.run("bench", "cli-test").status(), "no -o");
    }

    @Test
    void writesTheReportWithEachSuitesSection(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("bench", "cli-test", "-o", dir.toString(), "--seed", "42",
            "--size", "3");
        assertEquals(0, r.status(), r.err());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.startsWith("# face3d bench report"));
        assertTrue(report.contains("## cli-test\n\nseed 42 size 3"), report);
        assertTrue(r.err().contains("cli-test running"));
    }
}
