package io.face3d.core.io;

import io.face3d.core.Face3dException;

import java.nio.file.Files;
import java.nio.file.Path;

/** The check every reader makes first: the input is an existing regular file, with a message that says which not. */
public final class InputFile {
    private InputFile() {
    }

    /**
     * @param what what the file should be, for the message ("image", "landmarks file", "mesh")
     * @throws Face3dException naming whether the path is missing, a folder, or a device or pipe
     */
    public static void requireRegular(Path file, String what) {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new Face3dException(what + " " + file + " is a folder, not a file: give the file's path");
        }
        if (Files.exists(file)) {
            throw new Face3dException(what + " " + file + " is not a regular file (a device, pipe or socket): give "
                + "a file");
        }
        throw new Face3dException(what + " " + file + " does not exist: check the path");
    }
}
