package io.face3d.core.mesh;

/**
 * How {@link MeshIO#write(Mesh, java.nio.file.Path, MeshWriteOptions)} encodes formats that have choices.
 *
 * @param ply PLY encoding; binary little-endian by default (CONVENTIONS.md), ASCII on request
 */
public record MeshWriteOptions(PlyEncoding ply) {
    public static final MeshWriteOptions DEFAULTS = new MeshWriteOptions(PlyEncoding.BINARY_LITTLE_ENDIAN);

    public MeshWriteOptions {
        if (ply == null) {
            throw new IllegalArgumentException("ply encoding must be given");
        }
    }

    /** The PLY {@code format} line's encodings. */
    public enum PlyEncoding {
        ASCII("ascii"), BINARY_LITTLE_ENDIAN("binary_little_endian"), BINARY_BIG_ENDIAN("binary_big_endian");

        private final String headerName;

        PlyEncoding(String headerName) {
            this.headerName = headerName;
        }

        /** The word in the PLY header's format line. */
        public String headerName() {
            return headerName;
        }
    }
}
