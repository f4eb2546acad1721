package io.face3d.core.mesh;

/** Scalar types of the PLY format (Turk 1994), with their names old and new. */
enum PlyType {
    CHAR(1, "char", "int8"), UCHAR(1, "uchar", "uint8"), SHORT(2, "short", "int16"), USHORT(2, "ushort", "uint16"),
    INT(4, "int", "int32"), UINT(4, "uint", "uint32"), FLOAT(4, "float", "float32"), DOUBLE(8, "double", "float64");

    final int size;
    private final String name;
    private final String sizedName;

    PlyType(int size, String name, String sizedName) {
        this.size = size;
        this.name = name;
        this.sizedName = sizedName;
    }

    boolean isInteger() {
        return this != FLOAT && this != DOUBLE;
    }

    /** The type for a header word, or null when unknown. */
    static PlyType parse(String word) {
        for (PlyType t : values()) {
            if (t.name.equals(word) || t.sizedName.equals(word)) {
                return t;
            }
        }
        return null;
    }
}
