package io.face3d.vision;

import io.face3d.core.image.RgbImage;

/** Places 68 iBUG landmarks inside a given face box (e.g. dlib's ensemble of regression trees). */
public interface ShapePredictor {
    /** 68 points, x, y interleaved, image pixels. */
    double[] predict(RgbImage image, FaceBox box);
}
