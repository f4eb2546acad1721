package io.face3d.fit.render;

/**
 * The geometry parts of the ICT-FaceKit head (upstream README, "Face Model Topology"; vertex ranges half-open).
 * Every part's vertices are one contiguous range and a triangle belongs to the part of its first vertex.
 */
public enum HeadParts {
    FACE(0, 9409),
    HEAD_AND_NECK(9409, 11248),
    MOUTH_SOCKET(11248, 13294),
    EYE_SOCKET_LEFT(13294, 13678),
    EYE_SOCKET_RIGHT(13678, 14062),
    GUMS_AND_TONGUE(14062, 17039),
    TEETH(17039, 21451),
    SCLERA_LEFT(21451, 22221),
    IRIS_LEFT(22221, 23021),
    SCLERA_RIGHT(23021, 23791),
    IRIS_RIGHT(23791, 24591),
    LACRIMAL_FLUID(24591, 24999),
    EYE_BLEND(24999, 25047),
    EYE_OCCLUSION(25047, 25351),
    EYELASHES(25351, 26719);

    private final int from;
    private final int to;

    HeadParts(int from, int to) {
        this.from = from;
        this.to = to;
    }

    public int firstVertex() {
        return from;
    }

    public int endVertex() {
        return to;
    }

    public boolean contains(int vertex) {
        return vertex >= from && vertex < to;
    }

    /** The part of a vertex of the whole head. */
    public static HeadParts of(int vertex) {
        for (HeadParts p : values()) {
            if (p.contains(vertex)) {
                return p;
            }
        }
        throw new IllegalArgumentException("vertex " + vertex + " is outside the ICT head (26719 vertices)");
    }
}
