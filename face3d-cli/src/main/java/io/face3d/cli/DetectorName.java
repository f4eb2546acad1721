package io.face3d.cli;

import io.face3d.core.Face3dException;

import java.util.List;
import java.util.Locale;

/** The {@code --detector} values, checked before anything else reads them (so the answer is about detectors). */
final class DetectorName {
    static final List<String> KNOWN = List.of("mediapipe", "dlib");

    private DetectorName() {
    }

    static String check(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(n)) {
            throw new Face3dException("unknown detector '" + name + "': use --detector mediapipe or --detector dlib");
        }
        return n;
    }
}
