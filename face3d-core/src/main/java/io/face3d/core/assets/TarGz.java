package io.face3d.core.assets;

import io.face3d.core.Face3dException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads chosen regular files out of a gzip-compressed tar archive (an npm package), by commons-compress: it knows
 * every tar dialect (ustar, PAX, GNU long names) and concatenated gzip members.
 */
final class TarGz {
    private TarGz() {
    }

    /**
     * The contents of the wanted entries (names as stored, e.g. {@code package/face_mesh.js}); entries not found
     * are absent from the result.
     */
    static Map<String, byte[]> read(Path tgz, Set<String> wanted) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file, true))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null && out.size() < wanted.size(); e = tar.getNextEntry()) {
                if (e.isFile() && wanted.contains(e.getName())) {
                    byte[] data = tar.readAllBytes();
                    if (data.length != e.getSize()) {
                        throw new EOFException();
                    }
                    out.put(e.getName(), data);
                }
            }
        } catch (EOFException e) {
            throw new Face3dException(tgz + " is truncated: delete it and run ./face3d setup again");
        } catch (IOException | IllegalArgumentException e) {
            throw new Face3dException("cannot read the package " + tgz + " (" + e.getMessage()
                + "): delete it and run ./face3d setup again");
        }
        return out;
    }
}
