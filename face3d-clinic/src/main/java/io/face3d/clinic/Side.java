package io.face3d.clinic;

/** The subject's own side (CONVENTIONS.md): RIGHT is -x in model space (image left on a frontal photo). */
public enum Side {
    RIGHT, LEFT;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Side other() {
        return this == RIGHT ? LEFT : RIGHT;
    }

    /** The ICT/ARKit blendshape suffix of this side ("_R" or "_L"). */
    public String blendshapeSuffix() {
        return this == RIGHT ? "_R" : "_L";
    }
}
