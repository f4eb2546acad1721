package io.face3d.eval.distance;

import io.face3d.core.mesh.Mesh;

/** Areas, face normals and sub-meshes over the flat arrays of {@link Mesh}. */
public final class MeshGeometry {
    private MeshGeometry() {
    }

    public static double triangleArea(float[] p, int[] t, int i) {
        int a = 3 * t[3 * i], b = 3 * t[3 * i + 1], c = 3 * t[3 * i + 2];
        double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
        double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        return 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
    }

    public static double area(Mesh mesh) {
        double sum = 0;
        for (int i = 0; i < mesh.triangleCount(); i++) {
            sum += triangleArea(mesh.positions(), mesh.triangles(), i);
        }
        return sum;
    }

    /** Number of triangles whose area exceeds a tiny fraction of the squared bounding-box diagonal. */
    public static int nonDegenerateTriangles(Mesh mesh) {
        double eps = 1e-12 * diagonal2(mesh.positions());
        int k = 0;
        for (int i = 0; i < mesh.triangleCount(); i++) {
            if (triangleArea(mesh.positions(), mesh.triangles(), i) > eps) {
                k++;
            }
        }
        return k;
    }

    /** Unit normal per triangle (right-handed winding); zero for degenerate triangles. */
    public static float[] faceNormals(Mesh mesh) {
        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        float[] n = new float[t.length];
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len > 0) {
                n[i] = (float) (nx / len);
                n[i + 1] = (float) (ny / len);
                n[i + 2] = (float) (nz / len);
            }
        }
        return n;
    }

    /** Squared diagonal of the axis-aligned bounding box of x, y, z triples. */
    public static double diagonal2(float[] p) {
        if (p.length == 0) {
            return 0;
        }
        double[] box = bounds(p);
        double dx = box[3] - box[0], dy = box[4] - box[1], dz = box[5] - box[2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** {min x, y, z, max x, y, z} of x, y, z triples. */
    public static double[] bounds(float[] p) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < p.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                b[k] = Math.min(b[k], p[i + k]);
                b[3 + k] = Math.max(b[3 + k], p[i + k]);
            }
        }
        return b;
    }

    /**
     * The sub-mesh of the kept vertices and the triangles whose three corners are kept, re-indexed; per-vertex
     * colours follow, texture coordinates are dropped.
     */
    public static Mesh keepVertices(Mesh mesh, boolean[] keep) {
        int[] map = new int[mesh.vertexCount()];
        int kept = 0;
        for (int v = 0; v < map.length; v++) {
            map[v] = keep[v] ? kept++ : -1;
        }
        float[] p = mesh.positions();
        float[] np = new float[3 * kept];
        float[] colors = mesh.colors();
        float[] nc = colors == null ? null : new float[3 * kept];
        for (int v = 0; v < map.length; v++) {
            if (map[v] >= 0) {
                System.arraycopy(p, 3 * v, np, 3 * map[v], 3);
                if (nc != null) {
                    System.arraycopy(colors, 3 * v, nc, 3 * map[v], 3);
                }
            }
        }
        int[] t = mesh.triangles();
        int tris = 0;
        for (int i = 0; i < t.length; i += 3) {
            if (map[t[i]] >= 0 && map[t[i + 1]] >= 0 && map[t[i + 2]] >= 0) {
                tris++;
            }
        }
        int[] nt = new int[3 * tris];
        int o = 0;
        for (int i = 0; i < t.length; i += 3) {
            if (map[t[i]] >= 0 && map[t[i + 1]] >= 0 && map[t[i + 2]] >= 0) {
                nt[o++] = map[t[i]];
                nt[o++] = map[t[i + 1]];
                nt[o++] = map[t[i + 2]];
            }
        }
        return new Mesh(np, nt, null, null, nc, null);
    }
}
