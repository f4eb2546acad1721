package io.face3d.core.assets;

import io.face3d.core.Face3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarGzTest {
    @TempDir
    Path dir;

    @Test
    void readsWantedEntriesIncludingLongPaxNames() throws IOException {
        String longName = "package/" + "d/".repeat(70) + "model.bin";
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 7);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        entries.put(longName, big);
        entries.put("package/other.js", "x".getBytes(StandardCharsets.UTF_8));
        Path tgz = dir.resolve("p.tgz");
        TarGzWriter.write(tgz, entries);

        Map<String, byte[]> got = TarGz.read(tgz, Set.of(longName, "package/other.js", "package/absent"));

        assertEquals(Set.of(longName, "package/other.js"), got.keySet());
        assertArrayEquals(big, got.get(longName));
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), got.get("package/other.js"));
    }

    @Test
    void aTruncatedArchiveNamesTheFixInOneLine() throws IOException {
        byte[] big = new byte[200_000];
        new java.util.Random(3).nextBytes(big);
        Path tgz = dir.resolve("p.tgz");
        TarGzWriter.write(tgz, Map.of("package/a.bin", big));
        byte[] all = Files.readAllBytes(tgz);
        Files.write(tgz, Arrays.copyOf(all, all.length / 2));

        Face3dException e = assertThrows(Face3dException.class, () -> TarGz.read(tgz, Set.of("package/a.bin")));
        assertTrue(e.getMessage().endsWith("run ./face3d setup again"), e.getMessage());
    }
}
