package io.face3d.server;

import io.face3d.core.Face3dException;
import io.face3d.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content-addressed files under {@code DATA/blobs/ab/abcdef...}: a file's name is the sha256 of its bytes, never
 * anything a user typed or uploaded as a name, so no request can reach a path outside the store. Writes are
 * atomic and flushed to disk before {@link #put} returns (an acknowledged upload survives a crash).
 */
public final class BlobStore {
    private final Path root;

    public BlobStore(Path dataDir) {
        this.root = dataDir.toAbsolutePath().resolve("blobs");
    }

    /** Stores {@code bytes} (idempotent) and returns their sha256 in hex. */
    public String put(byte[] bytes) {
        String sha = sha256(bytes);
        Path target = path(sha);
        if (!Files.isRegularFile(target)) {
            AtomicFiles.write(target, tmp -> {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
            });
        }
        return sha;
    }

    /** The file of a stored blob; the argument must be a sha256 in lowercase hex (checked). */
    public Path path(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public byte[] get(String sha256) {
        try {
            return Files.readAllBytes(path(sha256));
        } catch (IOException e) {
            throw new Face3dException("stored file " + sha256 + " is missing under " + root + " (" + e.getMessage()
                + "): restore the data folder from a backup");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
