package io.face3d.core.assets;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One origin of model assets that {@code face3d setup} installs (ICT face model, MediaPipe, dlib). An
 * implementation verifies each of its files against a pinned sha256, skips files already verified, writes new ones
 * under a temporary name and renames them into place, and reports one line per file saying where it came from.
 */
public interface AssetSource {
    /** Short name for messages, e.g. "MediaPipe". */
    String name();

    /**
     * Installs or verifies this source's files under {@code modelsDir}.
     *
     * @param report receives one human-readable line per file
     * @throws io.face3d.core.Face3dException for a problem the user can fix (missing tool, package, file, or a
     *                                        checksum mismatch), with a one-line message naming the fix
     */
    void install(Path modelsDir, Consumer<String> report);

    /**
     * Whether the default commands work without this source: its problem is then reported with the way to add it,
     * and setup still succeeds.
     */
    default boolean optional() {
        return false;
    }
}
