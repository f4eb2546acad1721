package io.face3d.core;

/**
 * An error the user can cause and fix: a missing or malformed file, a bad option, no face in a photo, a missing
 * model asset. The message is one line that names the cause and the fix; the command line maps it to exit
 * status 2 (CONVENTIONS.md). Every other exception is a bug and maps to exit status 1.
 */
public class Face3dException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Face3dException(String message) {
        super(message);
    }

    public Face3dException(String message, Throwable cause) {
        super(message, cause);
    }
}
