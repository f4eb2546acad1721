package io.face3d.vision;

import io.face3d.core.image.RgbImage;

import java.util.List;

/** Finds faces in an image. Implementations are thread-safe or say otherwise. */
public interface FaceDetector {
    /** Faces found, best score first; an empty list when there is none. */
    List<FaceBox> detect(RgbImage image);
}
