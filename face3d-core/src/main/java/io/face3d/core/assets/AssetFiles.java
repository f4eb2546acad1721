package io.face3d.core.assets;

import io.face3d.core.Face3dException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * File plumbing shared by the asset sources: sha256, and writes that are safe to interrupt (a temporary name in
 * the target folder, verified, then an atomic rename, so a target file is either absent, old, or complete).
 */
final class AssetFiles {
    /** Suffix of temporary files; leftovers of an interrupted setup are removed by {@link #removeLeftovers}. */
    static final String PART = ".part";

    private AssetFiles() {
    }

    /** Writes a file's content to a given temporary path. */
    @FunctionalInterface
    interface Writer {
        void write(Path tmp) throws IOException;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** True if the file exists and has the expected sha256. */
    static boolean verified(Path file, String sha256) {
        return Files.isRegularFile(file) && sha256(file).equals(sha256);
    }

    /**
     * Writes {@code target} through a temporary file in the same folder, checks its sha256 and renames it into
     * place. On a mismatch nothing is installed and a {@link Face3dException} names the file, its origin and the fix.
     *
     * @param origin where the content came from, for the message
     * @param fix    what the user should do on a mismatch
     */
    static void install(Path target, String sha256, String origin, String fix, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", PART);
            writer.write(tmp);
            String actual = sha256(tmp);
            if (sha256 != null && !actual.equals(sha256)) {
                throw new Face3dException(target.getFileName() + " from " + origin + " has sha256 " + actual
                    + ", expected " + sha256 + ": " + fix);
            }
            makeReadable(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Face3dException("cannot write " + target + " (" + e + "): check that " + dir
                + " is writable and the disk has space, or set FACE3D_HOME to another folder");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a leftover is removed by the next setup
                }
            }
        }
    }

    /** Temporary files are created owner-only; installed assets are rw-r--r-- like any shared data file. */
    private static void makeReadable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Installs a small generated text file (licence notes, provenance), unverified: it is ours, not an asset. */
    static void writeText(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(target)) {
            try {
                if (java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                    return;
                }
            } catch (IOException e) {
                // rewrite below
            }
        }
        install(target, null, "face3d", "", tmp -> Files.write(tmp, bytes));
    }

    /** Removes temporary files left in {@code dir} by an interrupted setup. */
    static void removeLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*" + PART)) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new Face3dException("cannot clean " + dir + " (" + e + "): check that it is writable");
        }
    }

    /** A new temporary folder {@code modelsDir/<prefix>*} for downloads and imports. */
    static Path createTempDir(Path modelsDir, String prefix) {
        try {
            Files.createDirectories(modelsDir);
            return Files.createTempDirectory(modelsDir, prefix);
        } catch (IOException e) {
            throw new Face3dException("cannot create a temporary folder in " + modelsDir + " (" + e
                + "): check that it is writable, or set FACE3D_HOME to another folder");
        }
    }

    /** Removes temporary folders {@code modelsDir/<prefix>*} left by an interrupted setup. */
    static void removeTempDirs(Path modelsDir, String prefix) {
        if (!Files.isDirectory(modelsDir)) {
            return;
        }
        try (Stream<Path> s = Files.list(modelsDir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new Face3dException("cannot clean " + modelsDir + " (" + e + "): check that it is writable");
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new Face3dException("cannot delete " + dir + " (" + e + "): remove it by hand");
        }
    }

    /** The line reported for a file: its path under the models folder, then what happened. */
    static String line(Path modelsDir, Path file, String what) {
        return String.format("%-52s %s", modelsDir.relativize(file.toAbsolutePath()), what);
    }
}
