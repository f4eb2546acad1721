package io.face3d.core.mesh;

/**
 * A triangle mesh as flat primitive arrays (structure of arrays; no object per vertex).
 *
 * @param positions   x, y, z per vertex (mm in model space)
 * @param triangles   three 0-based vertex indices per triangle
 * @param uvs         u, v per texture coordinate, or null
 * @param triangleUvs three 0-based indices into {@code uvs} per triangle (same length as {@code triangles}), or null
 * @param colors      r, g, b in [0, 1] per vertex, or null
 * @param texture     file name of the texture image (relative to the mesh), or null
 */
public record Mesh(float[] positions, int[] triangles, float[] uvs, int[] triangleUvs, float[] colors, String texture) {

    public Mesh {
        if (positions == null || positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions must hold x, y, z per vertex");
        }
        if (triangles == null || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles must hold three indices per triangle");
        }
        if (uvs != null && uvs.length % 2 != 0) {
            throw new IllegalArgumentException("uvs must hold u, v per texture coordinate");
        }
        if (triangleUvs != null && (uvs == null || triangleUvs.length != triangles.length)) {
            throw new IllegalArgumentException("triangleUvs needs uvs and one index per triangle corner");
        }
        if (colors != null && colors.length != positions.length) {
            throw new IllegalArgumentException("colors must hold r, g, b per vertex");
        }
    }

    /** A mesh with positions and triangles only. */
    public Mesh(float[] positions, int[] triangles) {
        this(positions, triangles, null, null, null, null);
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    public Mesh withPositions(float[] newPositions) {
        return new Mesh(newPositions, triangles, uvs, triangleUvs, colors, texture);
    }

    public Mesh withColors(float[] newColors) {
        return new Mesh(positions, triangles, uvs, triangleUvs, newColors, texture);
    }

    public Mesh withTexture(String newTexture) {
        return new Mesh(positions, triangles, uvs, triangleUvs, colors, newTexture);
    }

    /** Area-weighted vertex normals (unit length; zero for isolated vertices). */
    public float[] vertexNormals() {
        float[] n = new float[positions.length];
        float[] p = positions;
        for (int t = 0; t < triangles.length; t += 3) {
            int a = 3 * triangles[t], b = 3 * triangles[t + 1], c = 3 * triangles[t + 2];
            float ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            float vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            for (int k : new int[] {a, b, c}) {
                n[k] += nx;
                n[k + 1] += ny;
                n[k + 2] += nz;
            }
        }
        for (int i = 0; i < n.length; i += 3) {
            float len = (float) Math.sqrt(n[i] * n[i] + n[i + 1] * n[i + 1] + n[i + 2] * n[i + 2]);
            if (len > 0) {
                n[i] /= len;
                n[i + 1] /= len;
                n[i + 2] /= len;
            }
        }
        return n;
    }
}
