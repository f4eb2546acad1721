package io.face3d.cli;

import io.face3d.core.Face3dException;
import io.face3d.core.testing.fuzz.Fuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mutation fuzzing of the JSON readers: schema L ({@link SchemaLReader}) and schema R ({@link SchemaR#readFirstFace}). */
class SchemaReadersFuzzTest {
    @TempDir
    Path dir;

    private void fuzz(String name, io.face3d.core.testing.fuzz.FuzzTarget target, String... seeds) {
        Fuzzer.Report r = Fuzzer.of(name, "json", Fuzzer.resources(getClass(), seeds), Face3dException.class,
            Fuzzer.Budget.DEFAULT).run(target, dir, Fuzzer.seed(), Fuzzer.seconds());
        assertTrue(r.inputs() > 0, name + ": no input ran");
    }

    @Test
    void schemaL() {
        fuzz("schema-l", SchemaLReader::read, "fuzz/schema-l/one-face.json", "fuzz/schema-l/two-faces.json");
    }

    @Test
    void schemaR() {
        fuzz("schema-r", f -> SchemaR.readFirstFace(f, 3, List.of("a", "b")), "fuzz/schema-r/tiny.json");
    }
}
