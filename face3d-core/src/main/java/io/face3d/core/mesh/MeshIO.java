package io.face3d.core.mesh;

import io.face3d.core.Face3dException;
import io.face3d.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reading and writing meshes, chosen by file extension: OBJ, PLY and STL read and write, GLB write. Malformed
 * files give a {@link Face3dException} whose one-line message names the file, the line (text) or byte offset
 * (binary), the cause and the fix. Writes go to a temporary file that is renamed into place, so a failure leaves
 * nothing behind.
 */
public final class MeshIO {
    private MeshIO() {
    }

    /** Reads an .obj, .ply or .stl mesh. */
    public static Mesh read(Path file) {
        String ext = extension(file);
        try {
            if (!Files.exists(file)) {
                throw new Face3dException(file + ": no such file: check the path");
            }
            if (!Files.isRegularFile(file)) {
                throw new Face3dException(file + ": not a regular file: give a mesh file");
            }
            return switch (ext) {
                case "obj" -> ObjFormat.read(file);
                case "ply" -> PlyFormat.read(file);
                case "stl" -> StlFormat.read(file);
                case "glb", "gltf" -> throw new Face3dException(file + ": face3d writes glTF but does not read it:"
                    + " give the mesh as OBJ, PLY or STL");
                default -> throw new Face3dException(file + ": unknown mesh extension '" + ext
                    + "': give an .obj, .ply or .stl file");
            };
        } catch (NoSuchFileException e) {
            throw new Face3dException(file + ": no such file: check the path");
        } catch (AccessDeniedException e) {
            throw new Face3dException(file + ": permission denied: make the file readable");
        } catch (IOException e) {
            throw new Face3dException(file + ": cannot read (" + AtomicFiles.oneLine(e) + "): check the file and the disk");
        }
    }

    /** Writes with the default options (binary little-endian PLY). */
    public static void write(Mesh mesh, Path file) {
        write(mesh, file, MeshWriteOptions.DEFAULTS);
    }

    /**
     * Writes .obj (with .mtl when the mesh has UVs and a texture), .ply, .stl (binary) or .glb. The texture image
     * itself is the caller's to write beside the mesh.
     */
    public static void write(Mesh mesh, Path file, MeshWriteOptions options) {
        String ext = extension(file);
        if (!ext.equals("obj") && !ext.equals("ply") && !ext.equals("stl") && !ext.equals("glb")) {
            throw new Face3dException("cannot write mesh format '" + ext + "' (" + file + "): use .obj, .ply, .stl or"
                + " .glb");
        }
        Path mtl = null;
        if (ext.equals("obj") && mesh.texture() != null && ObjFormat.cornerUvs(mesh) != null) {
            String name = file.getFileName().toString();
            mtl = file.resolveSibling(name.substring(0, name.length() - 4) + ".mtl");
        }
        if (mtl != null) {
            Path mtlFile = mtl;
            AtomicFiles.write(mtlFile, tmp -> ObjFormat.writeMtl(mesh.texture(), tmp));
        }
        String mtlName = mtl == null ? null : mtl.getFileName().toString();
        AtomicFiles.write(file, tmp -> {
            switch (ext) {
                case "obj" -> ObjFormat.write(mesh, tmp, mtlName);
                case "ply" -> PlyFormat.write(mesh, tmp, options.ply());
                case "stl" -> StlFormat.write(mesh, tmp);
                default -> GlbFormat.write(mesh, tmp, file);
            }
        });
    }

    static String extension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return "";
        }
        String n = name.toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
