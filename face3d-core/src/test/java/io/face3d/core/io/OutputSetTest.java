package io.face3d.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One input's outputs appear together or not at all; what a killed run left is removed by the next. */
class OutputSetTest {
    @TempDir
    Path dir;

    @Test
    void nothingAppearsUntilCommitThenEverything() throws IOException {
        try (OutputSet set = OutputSet.open(dir, "face")) {
            AtomicFiles.writeString(set.dir().resolve("face.obj"), "v 0 0 0\n");
            AtomicFiles.writeString(set.dir().resolve("face.json"), "{}");
            assertEquals(List.of(), visible());
            set.commit();
        }
        assertEquals(List.of("face.json", "face.obj"), visible());
        assertEquals(List.of(), hidden(), "the staging folder is gone");
    }

    @Test
    void aFailedInputLeavesNothing() throws IOException {
        try (OutputSet set = OutputSet.open(dir, "face")) {
            AtomicFiles.writeString(set.dir().resolve("face.obj"), "v 0 0 0\n");
            // the input fails here: no commit
        }
        assertEquals(List.of(), visible());
        assertEquals(List.of(), hidden());
    }

    @Test
    void commitReplacesAPlantedSymlinkInsteadOfWritingThroughIt() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep");
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("face.json"), victim);
        try (OutputSet set = OutputSet.open(out, "face")) {
            AtomicFiles.writeString(set.dir().resolve("face.json"), "{}");
            set.commit();
        }
        assertEquals("keep", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(out.resolve("face.json")));
    }

    /** A process id that no longer runs: a child started and waited for. */
    @Test
    void staleTemporariesOfADeadProcessAreRemovedLiveOnesKept() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Files.writeString(dir.resolve(".face3d-p" + dead + "-abc-face.obj"), "truncated");
        Files.createDirectories(dir.resolve(".face3d-p" + dead + "-def-face").resolve("inner"));
        Path live = Files.writeString(dir.resolve(AtomicFiles.temporaryName("other.obj")), "in progress");
        Path user = Files.writeString(dir.resolve(".face3d-notes"), "a user's file outside the namespace");
        assertEquals(2, AtomicFiles.removeStale(dir));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(user));
        assertEquals(2, hidden().size());
    }

    private List<String> visible() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private List<String> hidden() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }
}
