package io.face3d.core.mesh;

import java.util.Arrays;

/** A growable float array for readers that do not know their counts in advance (no boxing). */
final class FloatList {
    private float[] data;
    private int size;

    FloatList(int initialCapacity) {
        data = new float[Math.max(16, initialCapacity)];
    }

    void add(float value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, IntList.grow(data.length));
        }
        data[size++] = value;
    }

    float get(int i) {
        return data[i];
    }

    int size() {
        return size;
    }

    float[] toArray() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }
}
