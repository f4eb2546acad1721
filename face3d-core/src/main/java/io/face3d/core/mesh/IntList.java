package io.face3d.core.mesh;

import java.util.Arrays;

/** A growable int array for readers that do not know their counts in advance (no boxing). */
final class IntList {
    private int[] data;
    private int size;

    IntList(int initialCapacity) {
        data = new int[Math.max(16, initialCapacity)];
    }

    void add(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, grow(data.length));
        }
        data[size++] = value;
    }

    int get(int i) {
        return data[i];
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }

    /** 1.5x growth, capped below the JVM's array limit (callers check their counts against the cap first). */
    static int grow(int length) {
        long next = length + (length >> 1) + 16L;
        return (int) Math.min(next, Integer.MAX_VALUE - 16);
    }
}
