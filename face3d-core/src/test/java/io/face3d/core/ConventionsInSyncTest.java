package io.face3d.core;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The repository's CONVENTIONS.md is the public contract given beside it (../shared/CONVENTIONS.md): kept
 * byte-identical whenever that copy exists (on machines without it there is nothing to compare).
 */
class ConventionsInSyncTest {
    @Test
    void repositoryCopyEqualsTheSharedContract() throws IOException {
        Path repo = Path.of(System.getProperty("face3d.repo", ".."));
        Path shared = repo.resolve("..").resolve("shared").resolve("CONVENTIONS.md");
        Assumptions.assumeTrue(Files.isRegularFile(shared), "no ../shared/CONVENTIONS.md beside the repository");
        assertArrayEquals(Files.readAllBytes(shared), Files.readAllBytes(repo.resolve("CONVENTIONS.md")),
            "CONVENTIONS.md differs from ../shared/CONVENTIONS.md: copy it over");
    }
}
