package io.face3d.core.io;

import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every file face3d writes goes through here: into a hidden sibling first, renamed into place when complete, so
 * an interrupted or failed write never leaves a partial file under the real name (CONVENTIONS: nothing is written
 * on failure). The one place that turns an {@link IOException} into the user's one-line message.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file given its (temporary) path. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Creates the parent folders, lets {@code content} fill a hidden sibling of {@code target}, then renames it
     * over {@code target}. A {@link Face3dException} thrown by {@code content} passes through unchanged.
     */
    public static void write(Path target, Content content) {
        Path tmp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = temporarySibling(dir, target.getFileName().toString());
            content.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Face3dException("cannot write " + target + " (" + oneLine(e) + "): check that the folder is "
                + "writable and the disk has space");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the file is hidden and named as ours
                }
            }
        }
    }

    public static void writeString(Path target, String text) {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** Writes a PNG (JDK ImageIO). */
    public static void writePng(java.awt.image.BufferedImage image, Path target) {
        write(target, tmp -> {
            if (!javax.imageio.ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer for this image type");
            }
        });
    }

    /**
     * A new empty hidden file in {@code dir}. Not {@link Files#createTempFile}: that makes the file readable by its
     * owner only, and the rename would hand that on to the user's file; this one gets the usual permissions.
     */
    private static Path temporarySibling(Path dir, String name) throws IOException {
        while (true) {
            Path p = dir.resolve(temporaryName(name));
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                // another writer drew the same name: draw again
            }
        }
    }

    /**
     * A hidden name in face3d's temporary namespace: {@code .face3d-p<pid>-<random>-<name>}. The writer's process id
     * lets {@link #removeStale} tell the leftovers of a killed run from the files of a run still going.
     */
    static String temporaryName(String name) {
        return PREFIX + "p" + ProcessHandle.current().pid() + "-"
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + "-" + name;
    }

    static final String PREFIX = ".face3d-";

    /**
     * Removes what killed runs left in {@code dir}: temporary files and staging folders ({@code .face3d-p<pid>-...})
     * of processes that no longer run. Those of a live process (another run writing here) are left alone. Returns
     * how many were removed; a folder that does not exist or cannot be listed is no error (nothing to clean).
     */
    public static int removeStale(Path dir) {
        int removed = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var entries = Files.newDirectoryStream(dir, PREFIX + "p*")) {
            for (Path p : entries) {
                long pid = pidOf(p.getFileName().toString());
                if (pid >= 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (pid >= 0 && deleteTree(p)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: stale temporaries are hidden and harmless to the outputs
        }
        return removed;
    }

    private static long pidOf(String name) {
        int end = name.indexOf('-', PREFIX.length() + 1);
        if (end < 0) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(PREFIX.length() + 1, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean deleteTree(Path p) {
        try {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (var s = Files.list(p)) {
                    for (Path c : (Iterable<Path>) s::iterator) {
                        deleteTree(c);
                    }
                }
            }
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    /** An exception's message on one line (file-system messages can span several). */
    public static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
