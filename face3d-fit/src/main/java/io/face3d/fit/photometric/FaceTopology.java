package io.face3d.fit.photometric;

import java.util.Arrays;

/**
 * The face area's mesh connectivity the refinement needs, built once per model: vertex -> incident triangles and
 * vertex -> neighbours (compressed rows), the number of distinct edges, and the vertices at or next to a boundary
 * edge (the eye and mouth openings and the area's rim), which see a mix of the face and what lies behind it.
 */
final class FaceTopology {
    /** Triangle vertex indices (3 per triangle). */
    final int[] triangles;
    /** vertexTriangles[triangleStart[v] .. triangleStart[v + 1]) = first-vertex offsets of v's triangles. */
    final int[] triangleStart;
    final int[] vertexTriangles;
    /** adjacency[adjacencyStart[v] .. adjacencyStart[v + 1]) = v's neighbours. */
    final int[] adjacencyStart;
    final int[] adjacency;
    final int edgeCount;
    /** Vertices on a boundary edge (used by one triangle) and their neighbours. */
    final boolean[] nearBoundary;

    FaceTopology(int[] triangles, int vertices) {
        this.triangles = triangles;
        triangleStart = new int[vertices + 1];
        for (int v : triangles) {
            triangleStart[v + 1]++;
        }
        for (int v = 0; v < vertices; v++) {
            triangleStart[v + 1] += triangleStart[v];
        }
        vertexTriangles = new int[triangles.length];
        int[] next = Arrays.copyOf(triangleStart, vertices);
        for (int t = 0; t < triangles.length; t += 3) {
            for (int k = 0; k < 3; k++) {
                vertexTriangles[next[triangles[t + k]]++] = t;
            }
        }
        long[] edges = new long[triangles.length];
        for (int t = 0, ne = 0; t < triangles.length; t += 3) {
            for (int k = 0; k < 3; k++) {
                int a = triangles[t + k], b = triangles[t + (k + 1) % 3];
                edges[ne++] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
            }
        }
        long[] sorted = Arrays.stream(edges).sorted().toArray();
        boolean[] rim = new boolean[vertices];
        for (int i = 0; i < sorted.length; i++) {
            boolean single = (i == 0 || sorted[i - 1] != sorted[i]) && (i == sorted.length - 1 || sorted[i + 1] != sorted[i]);
            if (single) {
                rim[(int) (sorted[i] >>> 32)] = true;
                rim[(int) sorted[i]] = true;
            }
        }
        long[] distinct = Arrays.stream(sorted).distinct().toArray();
        edgeCount = distinct.length;
        int[] degree = new int[vertices];
        for (long e : distinct) {
            degree[(int) (e >>> 32)]++;
            degree[(int) e]++;
        }
        adjacencyStart = new int[vertices + 1];
        for (int v = 0; v < vertices; v++) {
            adjacencyStart[v + 1] = adjacencyStart[v] + degree[v];
        }
        adjacency = new int[adjacencyStart[vertices]];
        int[] fill = Arrays.copyOf(adjacencyStart, vertices);
        for (long e : distinct) {
            int a = (int) (e >>> 32), b = (int) e;
            adjacency[fill[a]++] = b;
            adjacency[fill[b]++] = a;
        }
        nearBoundary = rim.clone();
        for (int v = 0; v < vertices; v++) {
            if (rim[v]) {
                for (int k = adjacencyStart[v]; k < adjacencyStart[v + 1]; k++) {
                    nearBoundary[adjacency[k]] = true;
                }
            }
        }
    }

    /** Number of neighbours of v. */
    int degree(int v) {
        return adjacencyStart[v + 1] - adjacencyStart[v];
    }
}
