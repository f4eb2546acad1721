package io.face3d.core.mesh;

import java.util.Arrays;

/**
 * Merges bit-identical vertices (STL stores three corners per triangle and no shared vertices): an open-addressing
 * hash table with linear probing, keyed on the float bits of x, y, z. Each 16-byte slot holds the key itself and
 * the vertex index, so a lookup costs one cache line: with triangles in arbitrary order every lookup is a cache
 * miss, and misses are what the time goes to. Flat arrays only: 16 bytes per slot (at most half full) plus 12 per
 * vertex. -0 is folded into +0; callers reject NaN.
 */
final class VertexWelder {
    private static final int SLOT = 4; // x bits, y bits, z bits, vertex index + 1 (0 = empty)
    private float[] positions;
    private int count;
    private int[] table;
    private int mask;

    VertexWelder(int expectedVertices) {
        expectedVertices = Math.min(expectedVertices, 1 << 26); // grows beyond on demand
        int capacity = Integer.highestOneBit(Math.max(16, expectedVertices) * 2 - 1) << 1;
        table = new int[SLOT * capacity];
        mask = capacity - 1;
        positions = new float[3 * Math.max(16, expectedVertices)];
    }

    /** The index of (x, y, z), added when new. */
    int add(float x, float y, float z) {
        int bx = bits(x), by = bits(y), bz = bits(z);
        int s = SLOT * (hash(bx, by, bz) & mask);
        while (true) {
            int e = table[s + 3];
            if (e == 0) {
                break;
            }
            if (table[s] == bx && table[s + 1] == by && table[s + 2] == bz) {
                return e - 1;
            }
            s = (s + SLOT) & (SLOT * mask + SLOT - 1);
        }
        int index = count++;
        if (3 * count > positions.length) {
            positions = Arrays.copyOf(positions, IntList.grow(positions.length));
        }
        positions[3 * index] = Float.intBitsToFloat(bx);
        positions[3 * index + 1] = Float.intBitsToFloat(by);
        positions[3 * index + 2] = Float.intBitsToFloat(bz);
        table[s] = bx;
        table[s + 1] = by;
        table[s + 2] = bz;
        table[s + 3] = index + 1;
        if (2 * SLOT * count > table.length) {
            rehash();
        }
        return index;
    }

    /** The float's bits, with -0 folded into +0 (-0 + 0 = +0) so both zeros weld. */
    private static int bits(float v) {
        return Float.floatToRawIntBits(v + 0.0f);
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
        table = new int[2 * old.length];
        mask = table.length / SLOT - 1;
        int wrap = table.length - 1;
        for (int o = 0; o < old.length; o += SLOT) {
            if (old[o + 3] != 0) {
                int s = SLOT * (hash(old[o], old[o + 1], old[o + 2]) & mask);
                while (table[s + 3] != 0) {
                    s = (s + SLOT) & wrap;
                }
                System.arraycopy(old, o, table, s, SLOT);
            }
        }
    }

    int count() {
        return count;
    }

    /** The welded vertices, trimmed; ends the welding (the table is let go first, to lower the peak memory). */
    float[] finish() {
        table = null;
        float[] p = positions;
        positions = null;
        return p.length == 3 * count ? p : Arrays.copyOf(p, 3 * count);
    }
}
