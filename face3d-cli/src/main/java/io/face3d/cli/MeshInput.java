package io.face3d.cli;

import io.face3d.core.Face3dException;
import io.face3d.core.mesh.Mesh;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Stand-in reader for {@code face3d evaluate} until {@code MeshIO.read(Path)} (OBJ, PLY, STL; the mesh-formats
 * issue) is merged: then {@link #read} becomes a call to {@code MeshIO.read} and this class goes. Reads the vertices
 * and faces of an OBJ (polygons fanned into triangles; v/vt/vn and negative indices).
 */
final class MeshInput {
    private MeshInput() {
    }

    static Mesh read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".obj")) {
            throw new Face3dException("cannot read " + file + ": this build reads OBJ only (PLY/STL come with the "
                + "mesh readers); convert the mesh to .obj");
        }
        float[] p = new float[3 * 1024];
        int[] t = new int[3 * 2048];
        int np = 0, nt = 0, line = 0;
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String s;
            int[] poly = new int[16];
            while ((s = r.readLine()) != null) {
                line++;
                if (s.startsWith("v ")) {
                    String[] f = s.trim().split("\\s+");
                    if (np + 3 > p.length) {
                        p = Arrays.copyOf(p, 2 * p.length);
                    }
                    for (int k = 0; k < 3; k++) {
                        p[np++] = Float.parseFloat(f[1 + k]);
                    }
                } else if (s.startsWith("f ")) {
                    String[] f = s.trim().split("\\s+");
                    int corners = f.length - 1;
                    if (corners > poly.length) {
                        poly = new int[corners];
                    }
                    for (int k = 0; k < corners; k++) {
                        String head = f[1 + k];
                        int slash = head.indexOf('/');
                        int idx = Integer.parseInt(slash < 0 ? head : head.substring(0, slash));
                        poly[k] = idx < 0 ? np / 3 + idx : idx - 1;
                        if (poly[k] < 0 || poly[k] >= np / 3) {
                            throw new Face3dException(file + " line " + line + ": face refers to vertex " + idx
                                + " which does not exist; repair the file");
                        }
                    }
                    for (int k = 1; k + 1 < corners; k++) {
                        if (nt + 3 > t.length) {
                            t = Arrays.copyOf(t, 2 * t.length);
                        }
                        t[nt++] = poly[0];
                        t[nt++] = poly[k];
                        t[nt++] = poly[k + 1];
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new Face3dException("mesh file not found: " + file);
        } catch (IOException e) {
            throw new Face3dException("cannot read " + file + " (" + e.getMessage() + ")");
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new Face3dException(file + " line " + line + " is not valid OBJ: repair or re-export the mesh");
        }
        return new Mesh(Arrays.copyOf(p, np), Arrays.copyOf(t, nt));
    }
}
