package io.face3d.core.mesh;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AsciiLinesTest {
    /** Integers come out as {@link Integer#toString(int)} writes them: edge values and 20,000 seeded ones. */
    @Test
    void integersAsIntegerToString() throws IOException {
        Random rnd = new Random(7);
        int[] values = new int[20_000];
        int[] edges = {0, 1, -1, 9, 10, 99, 100, 999_999_999, 1_000_000_000, -1_000_000_000, Integer.MAX_VALUE,
            Integer.MIN_VALUE, Integer.MIN_VALUE + 1};
        System.arraycopy(edges, 0, values, 0, edges.length);
        for (int i = edges.length; i < values.length; i++) {
            values[i] = rnd.nextInt() >> rnd.nextInt(32);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        try (AsciiLines w = new AsciiLines(bytes)) {
            for (int v : values) {
                w.num(v).ch(' ');
                expected.append(v).append(' ');
            }
        }
        assertEquals(expected.toString(), bytes.toString(StandardCharsets.US_ASCII));
    }

    /** Floats come out as {@link Float#toString(float)} writes them (the seeded values round-trip). */
    @Test
    void floatsRoundTrip() throws IOException {
        Random rnd = new Random(8);
        float[] values = new float[5_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isNaN(values[i])) {
                values[i] = 0.5f;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AsciiLines w = new AsciiLines(bytes)) {
            for (float v : values) {
                w.num(v).ch('\n');
            }
        }
        String[] lines = bytes.toString(StandardCharsets.US_ASCII).split("\n");
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], Float.parseFloat(lines[i]), "value " + i);
        }
    }

    /** A block longer than the buffer goes through whole, after what was buffered before it. */
    @Test
    void blockLongerThanTheBuffer() throws IOException {
        byte[] block = new byte[200_000];
        new Random(9).nextBytes(block);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AsciiLines w = new AsciiLines(bytes)) {
            w.text("ab").block(block).block(new byte[] {'c'});
        }
        byte[] out = bytes.toByteArray();
        assertEquals(block.length + 3, out.length);
        assertEquals('a', out[0]);
        assertEquals(block[0], out[2]);
        assertEquals(block[block.length - 1], out[out.length - 2]);
        assertEquals('c', out[out.length - 1]);
    }
}
