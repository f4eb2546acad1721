package io.face3d.core.model;

/**
 * Regions of the ICT model. Vertices and triangles of a region are prefixes of the model's arrays
 * (upstream ICT-FaceKit README; manifest {@code regions}), so a region is evaluated by stopping early.
 */
public enum Region {
    /** The whole head with eyes, teeth and mouth socket: for display. */
    HEAD("whole_head"),
    /** The full face area: the default for fitting output and evaluation. */
    FACE("full_face_area"),
    /** The narrow face area: face without ears and neck. */
    NARROW("narrow_face_area");

    private final String manifestKey;

    Region(String manifestKey) {
        this.manifestKey = manifestKey;
    }

    public String manifestKey() {
        return manifestKey;
    }

    /** Parses the command-line name (head, face, narrow). */
    public static Region parse(String name) {
        for (Region r : values()) {
            if (r.name().equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new io.face3d.core.Face3dException("unknown region '" + name + "': use head, face or narrow");
    }
}
