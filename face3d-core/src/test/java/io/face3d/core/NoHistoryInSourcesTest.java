package io.face3d.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History lives in git, not in the code: no source file, README or decision note mentions a work session or an
 * issue by number (the examples in this test's own text). CONVENTIONS.md is the given contract, copied verbatim.
 */
class NoHistoryInSourcesTest {
    private static final Pattern HISTORY = Pattern.compile("(?i)\\b(session|issue)s?\\s*#?\\d+");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".idea");
    private static final List<String> TEXT = List.of(".java", ".md", ".jte", ".sh", ".py", ".js", ".html", ".xml", ".cmd");

    @Test
    void noSourceOrReadmeMentionsASessionOrAnIssueNumber() throws IOException {
        Path repo = Path.of(System.getProperty("face3d.repo", "..")).toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path f : (Iterable<Path>) files.filter(NoHistoryInSourcesTest::checked)::iterator) {
                String name = f.getFileName().toString();
                if (name.equals("CONVENTIONS.md") || name.equals("NoHistoryInSourcesTest.java") || !Files.isRegularFile(f)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    if (HISTORY.matcher(lines.get(i)).find()) {
                        found.add(repo.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "say what the code does, not which session or issue it came from:\n"
            + String.join("\n", found));
    }

    @Test
    void thePatternFindsSessionAndIssueNumbers() {
        for (String s : List.of("added in session 4", "see issue 17", "Issue #17 asked", "(sessions 3-5)")) {
            assertTrue(HISTORY.matcher(s).find(), s);
        }
        for (String s : List.of("sign-in sessions end after 12 h", "the session's CSRF token", "issues: none")) {
            assertFalse(HISTORY.matcher(s).find(), s);
        }
    }

    private static boolean checked(Path p) {
        for (Path part : p) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return false;
            }
        }
        String name = p.getFileName().toString();
        return TEXT.stream().anyMatch(name::endsWith);
    }
}
