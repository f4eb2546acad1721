package io.face3d.core.mesh;

import io.face3d.core.Face3dException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Reading and writing meshes, chosen by file extension (.obj, .ply, .stl, .glb). Writes go to a temporary file
 * that is renamed into place, so a failure leaves nothing behind.
 */
public final class MeshIO {
    private MeshIO() {
    }

    public static void write(Mesh mesh, Path file) {
        String ext = extension(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".face3d-", "." + ext);
            try {
                switch (ext) {
                    case "obj" -> writeObj(mesh, tmp);
                    default -> throw new Face3dException("cannot write mesh format '" + ext + "' (" + file
                        + "): use .obj");
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new Face3dException("cannot write " + file + " (" + e.getMessage() + "): check the folder is writable");
        }
    }

    static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void writeObj(Mesh mesh, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            float[] p = mesh.positions();
            for (int i = 0; i < p.length; i += 3) {
                w.write("v " + p[i] + " " + p[i + 1] + " " + p[i + 2] + "\n");
            }
            int[] t = mesh.triangles();
            for (int i = 0; i < t.length; i += 3) {
                w.write("f " + (t[i] + 1) + " " + (t[i + 1] + 1) + " " + (t[i + 2] + 1) + "\n");
            }
        }
    }
}
