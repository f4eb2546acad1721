package io.face3d.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every figure in README.md's figure sections ("Current figures", "Measured figures", "Speed") stands next to the
 * command that produces it. A figure is a measured number: a decimal, a count "a/b" or "a of b", or a number with
 * a unit (%, mm, ms, s, px, MB, x). A command is code (in backticks) starting {@code face3d <word>} or
 * {@code ./face3d <word>}, {@code mvn} or {@code java}, or a {@code .sh} script. A table row with a figure must name
 * a command itself, in the table's header row or in its caption (the paragraph directly above the table; headings
 * of level 5 and deeper, which pasted bench reports use, are skipped). A paragraph with a figure must name one
 * itself or follow directly a paragraph or table that names one (its discussion). What is checked is that a
 * command is named there, not that it was run.
 */
class ReadmeFiguresTest {
    private static final Pattern FIGURE = Pattern.compile(
        "\\d+(\\.\\d+)?\\s?(%|mm\\b|ms\\b|px\\b|µs|MB\\b|s\\b|x\\b|frames/s)|\\b\\d+\\.\\d+\\b|\\b\\d+/\\d+\\b|\\b\\d+ of \\d+\\b");
    private static final Pattern COMMAND = Pattern.compile(
        "`(/usr/bin/time )?(\\./)?face3d [a-z]|`(mvn|java) |[\\w./-]+\\.sh\\b");
    private static final List<String> FIGURE_SECTIONS = List.of("## Current figures", "## Measured figures", "## Speed");

    /** A paragraph, a table or a heading, with its first line number (1-based). */
    private record Block(char kind, int line, List<String> lines) {
        String text() {
            return String.join(" ", lines);
        }

        boolean namesCommand() {
            return COMMAND.matcher(kind == 't' ? lines.get(0) : text()).find();
        }
    }

    @Test
    void everyFigureInTheReadmeNamesItsCommand() throws IOException {
        Path readme = Path.of(System.getProperty("face3d.repo", "..")).resolve("README.md");
        List<String> missing = uncommanded(Files.readAllLines(readme));
        assertTrue(missing.isEmpty(), "README figures without a command (add the command that produced them "
            + "to the row, the table's header or caption, or the paragraph):\n" + String.join("\n", missing));
    }

    @Test
    void aFigureRowWithoutACommandIsFound() {
        List<String> readme = List.of("# t", "## Measured figures", "",
            "Measured with `./face3d bench fit --seed 7`:", "",
            "| a | mm |", "|---|---|", "| x | 2.20 |", "",
            "The fit is 2.20 mm.", "",
            "| b | mm |", "|---|---|", "| y | 3.10 |", "| z | `face3d bench skin` 4.62 |", "",
            "##### sub-report", "",
            "| c | mm |", "|---|---|", "| w | 1.5 mm |", "",
            "A loose figure of 5.1 mm.", "",
            "## Model assets", "", "| e | 1.0 |", "|---|---|", "| f | 7.7 |");
        List<String> missing = uncommanded(readme);
        assertEquals(3, missing.size(), String.join("\n", missing));
        assertTrue(missing.get(0).startsWith("line 14:"), missing.get(0));
        assertTrue(missing.get(1).startsWith("line 21:"), missing.get(1));
        assertTrue(missing.get(2).startsWith("line 23:"), missing.get(2));
    }

    /** "line N: text" of each figure row or paragraph in the figure sections that names no command. */
    static List<String> uncommanded(List<String> readme) {
        List<Block> blocks = blocks(readme);
        List<String> missing = new ArrayList<>();
        boolean inFigures = false;
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            if (block.kind() == 'h') {
                String h = block.lines().get(0);
                if (h.startsWith("## ")) {
                    inFigures = FIGURE_SECTIONS.stream().anyMatch(h::startsWith);
                }
                continue;
            }
            if (!inFigures) {
                continue;
            }
            if (block.kind() == 'p') {
                Block above = b > 0 ? blocks.get(b - 1) : null;
                boolean continues = above != null && above.kind() != 'h' && commanded(blocks, b - 1);
                if (FIGURE.matcher(block.text()).find() && !block.namesCommand() && !continues) {
                    missing.add("line " + block.line() + ": " + block.text());
                }
                continue;
            }
            boolean tableCommanded = commanded(blocks, b);
            for (int r = 2; r < block.lines().size(); r++) {
                String row = block.lines().get(r);
                if (FIGURE.matcher(row).find() && !COMMAND.matcher(row).find() && !tableCommanded) {
                    missing.add("line " + (block.line() + r) + ": " + row);
                }
            }
        }
        return missing;
    }

    /** Whether block b names a command: a paragraph in its text, a table in its header row or its caption. */
    private static boolean commanded(List<Block> blocks, int b) {
        Block block = blocks.get(b);
        if (block.namesCommand() || block.kind() == 'p') {
            return block.namesCommand();
        }
        for (int c = b - 1; c >= 0; c--) {
            Block above = blocks.get(c);
            if (above.kind() == 'h' && above.lines().get(0).startsWith("#####")) {
                continue;
            }
            return above.kind() == 'p' && above.namesCommand();
        }
        return false;
    }

    /** Paragraphs ('p'), tables ('t') and headings ('h'); fenced code is left out. */
    private static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        Block current = null;
        boolean code = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("```")) {
                code = !code;
                current = null;
                continue;
            }
            if (code) {
                continue;
            }
            if (l.startsWith("#")) {
                blocks.add(new Block('h', i + 1, List.of(l)));
                current = null;
                continue;
            }
            char kind = l.startsWith("|") ? 't' : l.isBlank() ? ' ' : 'p';
            if (kind == ' ') {
                current = null;
            } else if (current != null && current.kind() == kind) {
                current.lines().add(l);
            } else {
                current = new Block(kind, i + 1, new ArrayList<>(List.of(l)));
                blocks.add(current);
            }
        }
        return blocks;
    }
}
