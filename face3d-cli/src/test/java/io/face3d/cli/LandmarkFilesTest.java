package io.face3d.cli;

import io.face3d.core.Face3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LandmarkFilesTest {
    private static String points(int n, String open, String sep, String close) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i > 0 ? sep : "").append(open).append(i).append(", ").append(i + 0.5).append(", ").append(-i).append(close);
        }
        return s.toString();
    }

    @Test
    void readsEveryDocumentedLayout(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("a.txt"), arr = dir.resolve("b.json"), l = dir.resolve("c.json"), p3 = dir.resolve("d.json");
        StringBuilder t = new StringBuilder("# 7 NoW points\n\n");
        for (int i = 0; i < 7; i++) {
            t.append(i).append('\t').append(i + 0.5).append(",").append(-i).append("  # point ").append(i).append('\n');
        }
        Files.writeString(text, t);
        Files.writeString(arr, "[" + points(68, "[", ", ", "]") + "]");
        Files.writeString(l, "{\"image\": null, \"faces\": [{\"points3d\": [" + points(68, "[", ",", "]") + "]}]}");
        Files.writeString(p3, "{\"points3d\": [" + points(7, "[", ",", "]") + "]}");
        double[] a = LandmarkFiles.read(text);
        assertEquals(21, a.length);
        assertArrayEquals(new double[] {6, 6.5, -6}, new double[] {a[18], a[19], a[20]}, 0);
        assertEquals(204, LandmarkFiles.read(arr).length);
        assertArrayEquals(LandmarkFiles.read(arr), LandmarkFiles.read(l), 0);
        assertArrayEquals(a, LandmarkFiles.read(p3), 0);
    }

    @Test
    void wrongCountsAndSyntaxAreUserErrors(@TempDir Path dir) throws Exception {
        Path five = dir.resolve("five.json"), junk = dir.resolve("junk.json"), word = dir.resolve("w.txt");
        Files.writeString(five, "[" + points(5, "[", ",", "]") + "]");
        Files.writeString(junk, "{not json");
        Files.writeString(word, "1 2 x\n");
        assertThrows(Face3dException.class, () -> LandmarkFiles.read(five));
        assertThrows(Face3dException.class, () -> LandmarkFiles.read(junk));
        assertThrows(Face3dException.class, () -> LandmarkFiles.read(word));
        assertThrows(Face3dException.class, () -> LandmarkFiles.read(dir.resolve("none.txt")));
    }
}
