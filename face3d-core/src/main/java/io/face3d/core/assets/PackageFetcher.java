package io.face3d.core.assets;

import java.nio.file.Path;

/** Fetches a package archive (a .tgz) by spec, e.g. {@code @mediapipe/face_mesh@0.4.1657299874}, into a folder. */
@FunctionalInterface
public interface PackageFetcher {
    /** Returns the path of the fetched archive inside {@code dir}. */
    Path fetch(String spec, Path dir);
}
