package io.face3d.vision;

import io.face3d.core.image.RgbImage;

import java.util.List;

/** The whole landmark stage: faces and their landmarks in an image. */
public interface LandmarkDetector {
    /** Every face found, best first; empty when there is none. */
    List<FaceLandmarks> detect(RgbImage image);

    /** Landmarks inside a box the caller gives (e.g. {@code --box}), with no detection. */
    FaceLandmarks detectInBox(RgbImage image, FaceBox box);
}
