package io.face3d.cli;

import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Command inputs: files as given, folders replaced by the files they hold with the wanted extensions, leaving out
 * hidden files (face3d's own temporaries among them) and the files the command itself writes, so that running a
 * command with its output folder among its inputs does not feed it its own outputs.
 */
final class InputFiles {
    /** Photo extensions taken from folders (HEIC is listed so that it is reported, not silently passed over). */
    static final List<String> IMAGES = List.of("png", "jpg", "jpeg", "webp", "tif", "tiff", "heic", "heif");

    private InputFiles() {
    }

    /** Names a command writes beside its per-input JSON (a file matching is one of its own outputs). */
    static Predicate<Path> ownOutputsOf(String command) {
        List<String> suffixes = switch (command) {
            case "reconstruct" -> List.of("_overlay.png", "_rendered.png", "_residual.png", "_mask.png",
                "_completed.png", "_texture.png");
            case "cluster" -> List.of("contact_sheet.png", "assignment.json", "person.json");
            case "lift" -> List.of(".lift.json");
            default -> List.of();
        };
        return p -> {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return suffixes.stream().anyMatch(n::endsWith);
        };
    }

    static List<Path> expand(List<Path> inputs, List<String> extensions, String what) {
        return expand(inputs, extensions, what, p -> false);
    }

    /**
     * @param extensions lower-case extensions without the dot, e.g. png, jpg, jpeg
     * @param what       what the command does with them, for the error when there is nothing ("reconstruct")
     * @param own        the command's own outputs, left out of folders
     */
    static List<Path> expand(List<Path> inputs, List<String> extensions, String what, Predicate<Path> own) {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (p.toString().isEmpty()) {
                throw new Face3dException("an input is the empty string: give a file or folder path");
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> extensions.contains(extension(f)))
                        .filter(f -> !f.getFileName().toString().startsWith("."))
                        .filter(own.negate())
                        .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new Face3dException("cannot list folder " + p + " (" + e.getMessage() + "): check it is readable");
                }
            } else if (!Files.exists(p)) {
                throw new Face3dException("no such file or folder: " + p + ": check the path");
            } else {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new Face3dException("nothing to " + what + ": the folders given hold no ." + String.join(", .", extensions)
                + " files");
        }
        return out;
    }

    /** Refuses an empty output path ({@code -o ''} would otherwise write into the current folder). */
    static void requireOutput(Path out, String option) {
        if (out != null && out.toString().isBlank()) {
            throw new Face3dException(option + " is empty: give a folder or file name (\".\" for the current folder)");
        }
    }

    private static String extension(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
