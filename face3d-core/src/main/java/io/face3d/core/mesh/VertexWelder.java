package io.face3d.core.mesh;

import java.util.Arrays;

/**
 * Merges bit-identical vertices (STL stores three corners per triangle and no shared vertices): an open-addressing
 * hash table of vertex indices with linear probing, keyed on the float bits of x, y, z. Each slot keeps the full
 * hash beside the index (same cache line), so a probe touches the vertex array only when the hashes agree: with
 * triangles in random order the table and vertex lookups are cache misses, and those dominate the time. Flat
 * arrays only: 8 bytes per slot (at most half full) and 12 per vertex. -0 is folded into +0; callers reject NaN.
 */
final class VertexWelder {
    private float[] positions;
    private int count;
    private int[] table; // per slot: vertex index + 1 (0 = empty), then the hash
    private int mask;

    VertexWelder(int expectedVertices) {
        expectedVertices = Math.min(expectedVertices, 1 << 26); // grows beyond on demand
        int capacity = Integer.highestOneBit(Math.max(16, expectedVertices) * 2 - 1) << 1;
        table = new int[2 * capacity];
        mask = capacity - 1;
        positions = new float[3 * Math.max(16, expectedVertices)];
    }

    /** The index of (x, y, z), added when new. */
    int add(float x, float y, float z) {
        int bx = bits(x), by = bits(y), bz = bits(z);
        return insert(bx, by, bz, hash(bx, by, bz));
    }

    /** The float's bits, with -0 folded into +0 (-0 + 0 = +0) so both zeros weld. */
    private static int bits(float v) {
        return Float.floatToRawIntBits(v + 0.0f);
    }

    private int insert(int bx, int by, int bz, int h) {
        int slot = h & mask;
        while (true) {
            int e = table[2 * slot];
            if (e == 0) {
                break;
            }
            if (table[2 * slot + 1] == h) {
                int p = 3 * (e - 1);
                if (Float.floatToRawIntBits(positions[p]) == bx && Float.floatToRawIntBits(positions[p + 1]) == by
                    && Float.floatToRawIntBits(positions[p + 2]) == bz) {
                    return e - 1;
                }
            }
            slot = (slot + 1) & mask;
        }
        int index = count++;
        if (3 * count > positions.length) {
            positions = Arrays.copyOf(positions, IntList.grow(positions.length));
        }
        positions[3 * index] = Float.intBitsToFloat(bx);
        positions[3 * index + 1] = Float.intBitsToFloat(by);
        positions[3 * index + 2] = Float.intBitsToFloat(bz);
        table[2 * slot] = index + 1;
        table[2 * slot + 1] = h;
        if (4 * count > table.length) {
            rehash();
        }
        return index;
    }

    /**
     * Mixes all 96 bits into the low bits the table uses (a 64-bit multiply-xorshift finaliser as in SplitMix64):
     * integer and round coordinates have all-zero low mantissa bits, so no input bit may be left out.
     */
    static int hash(int bx, int by, int bz) {
        long k = bx * 0x9E3779B97F4A7C15L ^ by * 0xC2B2AE3D27D4EB4FL ^ bz * 0x165667B19E3779F9L;
        k ^= k >>> 29;
        k *= 0xBF58476D1CE4E5B9L;
        return (int) (k ^ (k >>> 32));
    }

    private void rehash() {
        int[] old = table;
        int capacity = old.length; // twice the slots
        table = new int[2 * capacity];
        mask = capacity - 1;
        for (int s = 0; s < old.length; s += 2) {
            if (old[s] != 0) {
                int slot = old[s + 1] & mask;
                while (table[2 * slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[2 * slot] = old[s];
                table[2 * slot + 1] = old[s + 1];
            }
        }
    }

    int count() {
        return count;
    }

    float[] positions() {
        return Arrays.copyOf(positions, 3 * count);
    }
}
