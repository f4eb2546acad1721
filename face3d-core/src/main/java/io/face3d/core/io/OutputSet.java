package io.face3d.core.io;

import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The outputs of one input (a photo's JSON, meshes and images) written together or not at all: every file is
 * written into a hidden staging folder beside the outputs ({@link #dir()}), and {@link #commit()} moves them into
 * place, the JSON files last, so a JSON that exists names files that exist. Killed before the commit, the staging
 * folder is left hidden and removed by the next run ({@link AtomicFiles#removeStale}).
 */
public final class OutputSet implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private OutputSet(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** A new staging folder for outputs that will go to {@code target}; {@code name} labels it (the input's stem). */
    public static OutputSet open(Path target, String name) {
        try {
            Files.createDirectories(target);
            Path staging = target.resolve(AtomicFiles.temporaryName(name));
            Files.createDirectory(staging);
            return new OutputSet(target, staging);
        } catch (IOException e) {
            throw new Face3dException("cannot write into " + target + " (" + AtomicFiles.oneLine(e) + "): check that "
                + "the folder is writable and the disk has space");
        }
    }

    /** Where the outputs are written until {@link #commit()}. */
    public Path dir() {
        return staging;
    }

    /**
     * Moves every staged file into the target folder (replacing files of an earlier run), JSON last. A symbolic link
     * planted under an output's name is replaced, never written through: a rename replaces the link itself.
     */
    public void commit() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(staging)) {
            s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
        } catch (IOException e) {
            throw failure(e);
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString().endsWith(".json"))
            .thenComparing(p -> p.getFileName().toString()));
        try {
            for (Path f : files) {
                Files.move(f, target.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw failure(e);
        }
        committed = true;
        AtomicFiles.deleteTree(staging);
    }

    private Face3dException failure(IOException e) {
        return new Face3dException("cannot move the outputs into " + target + " (" + AtomicFiles.oneLine(e)
            + "): check that the folder is writable and the disk has space");
    }

    /** Discards what was staged unless committed. */
    @Override
    public void close() {
        if (!committed) {
            AtomicFiles.deleteTree(staging);
        }
    }
}
