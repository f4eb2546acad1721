package io.face3d.eval;

import io.face3d.core.Face3dException;

import java.util.Locale;

/** How the prediction is brought onto the ground truth before distances are measured. */
public enum AlignMode {
    /** Use the meshes as they are. */
    NONE("none"),
    /** Similarity Procrustes (Umeyama) on landmarks, or on all vertices when both meshes share a topology. */
    PROCRUSTES("procrustes"),
    /** Rigid trimmed point-to-plane ICP (landmark-initialised when landmarks are given). */
    ICP("icp"),
    /** As {@link #ICP} with an isotropic scale. */
    ICP_SCALE("icp-scale");

    private final String label;

    AlignMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static AlignMode parse(String text) {
        for (AlignMode m : values()) {
            if (m.label.equals(text.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new Face3dException("unknown alignment '" + text + "': use none, procrustes, icp or icp-scale");
    }
}
