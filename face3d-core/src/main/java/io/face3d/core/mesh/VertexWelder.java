package io.face3d.core.mesh;

import java.util.Arrays;

/**
 * Merges bit-identical vertices (STL stores three corners per triangle and no shared vertices): an open-addressing
 * hash table of vertex indices with linear probing, keyed on the float bits of x, y, z. Flat arrays only, so a
 * 5-million-triangle file welds in about 4 bytes per table slot and 12 per vertex. -0 is folded into +0; callers
 * reject NaN before adding.
 */
final class VertexWelder {
    private float[] positions;
    private int count;
    private int[] table; // vertex index + 1; 0 = empty slot
    private int mask;

    VertexWelder(int expectedVertices) {
        expectedVertices = Math.min(expectedVertices, 1 << 26); // grows beyond on demand
        int capacity = Integer.highestOneBit(Math.max(16, expectedVertices) * 2 - 1) << 1;
        table = new int[capacity];
        mask = capacity - 1;
        positions = new float[3 * Math.max(16, expectedVertices)];
    }

    /** The index of (x, y, z), added when new. */
    int add(float x, float y, float z) {
        x += 0.0f; // -0 + 0 = +0, so both zeros weld
        y += 0.0f;
        z += 0.0f;
        int bx = Float.floatToRawIntBits(x), by = Float.floatToRawIntBits(y), bz = Float.floatToRawIntBits(z);
        int slot = hash(bx, by, bz) & mask;
        while (true) {
            int e = table[slot];
            if (e == 0) {
                break;
            }
            int p = 3 * (e - 1);
            if (Float.floatToRawIntBits(positions[p]) == bx && Float.floatToRawIntBits(positions[p + 1]) == by
                && Float.floatToRawIntBits(positions[p + 2]) == bz) {
                return e - 1;
            }
            slot = (slot + 1) & mask;
        }
        int index = count++;
        if (3 * count > positions.length) {
            positions = Arrays.copyOf(positions, IntList.grow(positions.length));
        }
        positions[3 * index] = x;
        positions[3 * index + 1] = y;
        positions[3 * index + 2] = z;
        table[slot] = index + 1;
        if (2 * count > table.length) {
            rehash();
        }
        return index;
    }

    /** Murmur3-style mixing of the three bit patterns; nearby coordinates must not cluster. */
    private static int hash(int bx, int by, int bz) {
        int h = bx * 0x9E3779B1;
        h = (h ^ by) * 0x85EBCA6B;
        h = (h ^ bz) * 0xC2B2AE35;
        return h ^ (h >>> 15);
    }

    private void rehash() {
        int capacity = table.length * 2;
        table = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < count; i++) {
            int slot = hash(Float.floatToRawIntBits(positions[3 * i]), Float.floatToRawIntBits(positions[3 * i + 1]),
                Float.floatToRawIntBits(positions[3 * i + 2])) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
    }

    int count() {
        return count;
    }

    float[] positions() {
        return Arrays.copyOf(positions, 3 * count);
    }
}
