package io.face3d.clinic;

import java.awt.image.BufferedImage;

/**
 * A picture on the report.
 *
 * @param kind    where it goes: {@link Kind#FACE} a posture's face (a photo cropped to the face, or the 3D face),
 *                {@link Kind#ASYMMETRY} a side-signed asymmetry map, {@link Kind#DETAIL} a supporting figure
 *                (photos with the fitted points)
 * @param posture the posture it shows
 * @param caption what it shows, in words
 * @param image   the picture
 */
public record ReportFigure(Kind kind, Movement posture, String caption, BufferedImage image) {
    public enum Kind { FACE, ASYMMETRY, DETAIL }
}
