package io.face3d.cli;

import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Command inputs: files as given, folders replaced by the files they hold with the wanted extensions. */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * @param extensions lower-case extensions without the dot, e.g. png, jpg, jpeg
     * @param what       what the command does with them, for the error when there is nothing ("reconstruct")
     */
    static List<Path> expand(List<Path> inputs, List<String> extensions, String what) {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> extensions.contains(extension(f))).sorted().forEach(out::add);
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

    private static String extension(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
