package io.face3d.eval;

import io.face3d.core.Face3dException;

/**
 * Which part of the ground truth is evaluated: {@code none}, {@code now} (the NoW mask from the ground-truth
 * landmarks) or {@code nose:R} (a ball of radius R mm around the nose: the ground-truth nose landmark, or the
 * vertex of largest z, the nose tip of a frontal face in model axes, when no landmarks are given; {@code nose:95}
 * is the MICC Florence protocol).
 *
 * @param radius mm, for {@link Kind#NOSE} only
 */
public record CropSpec(Kind kind, double radius) {
    public enum Kind { NONE, NOW, NOSE }

    public CropSpec {
        if (kind == Kind.NOSE && !(radius > 0 && Double.isFinite(radius))) {
            throw new Face3dException("crop radius must be a positive number of mm, got " + radius);
        }
    }

    public static final CropSpec NONE = new CropSpec(Kind.NONE, 0);
    public static final CropSpec NOW = new CropSpec(Kind.NOW, 0);

    public static CropSpec nose(double radiusMm) {
        return new CropSpec(Kind.NOSE, radiusMm);
    }

    public static CropSpec parse(String text) {
        String t = text.trim();
        if (t.equals("none")) {
            return NONE;
        }
        if (t.equals("now")) {
            return NOW;
        }
        if (t.startsWith("nose:")) {
            try {
                return nose(Double.parseDouble(t.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new Face3dException("unknown crop '" + text + "': use none, now or nose:R with R in mm (e.g. nose:95)");
    }

    @Override
    public String toString() {
        return kind == Kind.NOSE ? "nose:" + radius : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
