package io.face3d.core.assets;

import io.face3d.core.Face3dException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads chosen regular files out of a gzip-compressed tar archive (an npm package). Only what {@code npm pack}
 * writes is needed: ustar headers, regular files, names with an optional prefix field; PAX and GNU long-name
 * records are skipped. Hand-written (about 60 lines) rather than adding commons-compress to core for one use.
 */
final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {
    }

    /**
     * The contents of the wanted entries (names as stored, e.g. {@code package/face_mesh.js}); entries not found
     * are absent from the result.
     */
    static Map<String, byte[]> read(Path tgz, Set<String> wanted) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            while (out.size() < wanted.size()) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12, tgz);
                byte type = header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if ((type == '0' || type == 0) && wanted.contains(name)) {
                    byte[] data = new byte[Math.toIntExact(size)];
                    in.readFully(data);
                    in.skipNBytes(padded - size);
                    out.put(name, data);
                } else {
                    in.skipNBytes(padded);
                }
            }
        } catch (EOFException e) {
            throw new Face3dException(tgz + " is truncated: delete it and run ./face3d setup again");
        } catch (IOException e) {
            throw new Face3dException("cannot read the package " + tgz + " (" + e.getMessage()
                + "): delete it and run ./face3d setup again");
        }
        return out;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len, Path tgz) {
        String s = field(h, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new Face3dException(tgz + " has a corrupt tar header (size '" + s + "'): delete it and run "
                + "./face3d setup again");
        }
    }
}
