package io.face3d.core.testing.fuzz;

import java.nio.file.Path;

/** One parser under fuzzing: reads the file and either returns or throws its bad-input exception. */
@FunctionalInterface
public interface FuzzTarget {
    void read(Path file) throws Exception;
}
