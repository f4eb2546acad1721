package io.face3d.cli;

import io.face3d.core.Face3dException;
import io.face3d.core.mesh.MeshIO;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where {@code reconstruct} and {@code fit} write meshes: model space (mm, no pose), the region's vertices in the
 * model's order, one file per requested format.
 */
record MeshOutput(Path dir, List<String> formats, Region region) {
    static final List<String> FORMATS = List.of("obj", "ply", "stl", "glb");

    MeshOutput {
        formats = formats.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
        for (String f : formats) {
            if (!FORMATS.contains(f)) {
                throw new Face3dException("unknown mesh format '" + f + "': use any of obj,ply,stl,glb");
            }
        }
        if (formats.isEmpty()) {
            throw new Face3dException("--formats needs at least one of obj,ply,stl,glb");
        }
    }

    /** The same formats and region, written into {@code other} (a staging folder of one input's outputs). */
    MeshOutput in(Path other) {
        return new MeshOutput(other, formats, region);
    }

    /** Writes the face in every format; returns the first file's name, relative to {@link #dir()}. */
    String write(MorphableModel model, double[] identity, double[] expression, String baseName) {
        return write(model.mesh(identity, expression, region), baseName);
    }

    /** Writes a mesh already evaluated in {@link #region()} in every format; returns the first file's name. */
    String write(io.face3d.core.mesh.Mesh mesh, String baseName) {
        for (String fmt : formats) {
            MeshIO.write(mesh, dir.resolve(baseName + "." + fmt));
        }
        return baseName + "." + formats.get(0);
    }

    /** The names {@link #write} gives the files of {@code baseName}, one per format. */
    List<String> names(String baseName) {
        return formats.stream().map(f -> baseName + "." + f).toList();
    }

    /** The file name without its extension. */
    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
