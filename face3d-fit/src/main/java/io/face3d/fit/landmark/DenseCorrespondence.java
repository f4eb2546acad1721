package io.face3d.fit.landmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shipped correspondence from the 468 MediaPipe FaceMesh points to ICT vertices (resource
 * {@value #RESOURCE}: one vertex index per line, FaceMesh order, '#' comments). How it was made:
 * {@code FaceMeshCorrespondenceBuilder} (module tools).
 */
public final class DenseCorrespondence {
    static final String RESOURCE = "facemesh468_to_ict.txt";
    private static final int[] VERTICES = load();

    private DenseCorrespondence() {
    }

    /** ICT vertex for each FaceMesh point, or an empty array if the resource is missing from the build. */
    public static int[] ictVertices() {
        return VERTICES.clone();
    }

    private static int[] load() {
        try (InputStream in = DenseCorrespondence.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new int[0];
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .mapToInt(Integer::parseInt).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
