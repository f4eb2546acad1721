package io.face3d.vision.mediapipe;

import io.face3d.core.assets.ModelAssets;

/**
 * Settings of the MediaPipe detector and FaceMesh.
 *
 * @param assets           where the .tflite files are
 * @param minScore         minimum detection score (MediaPipe's min_detection_confidence, default 0.5)
 * @param nmsThreshold     IoU above which detections are merged by weighted NMS (MediaPipe: 0.3)
 * @param minPresence      minimum FaceMesh face-presence score (MediaPipe: 0.5)
 * @param minFaceSize      smallest face side to find, image pixels: below what the whole-frame passes see, the
 *                         full-range model also runs on overlapping tiles (see {@link MediaPipeFaceDetector})
 * @param maxTiles         most tiles per image; past it tiles grow and the smallest face found grows with them
 * @param shortRange       run the short-range model on the whole frame
 * @param fullRange        run the full-range model on the whole frame (and on tiles)
 * @param tilesAlways      run the tiles on every photo; false (the default): only when the whole-frame passes
 *                         found no face or a small one (see {@link MediaPipeFaceDetector#needsTiles})
 */
public record MediaPipeConfig(ModelAssets assets, double minScore, double nmsThreshold, double minPresence,
                              int minFaceSize, int maxTiles, boolean shortRange, boolean fullRange,
                              boolean tilesAlways) {
    /** Tiles only when needed. */
    public MediaPipeConfig(ModelAssets assets, double minScore, double nmsThreshold, double minPresence,
                           int minFaceSize, int maxTiles, boolean shortRange, boolean fullRange) {
        this(assets, minScore, nmsThreshold, minPresence, minFaceSize, maxTiles, shortRange, fullRange, false);
    }

    public MediaPipeConfig {
        if (assets == null) {
            throw new IllegalArgumentException("assets must be given");
        }
        if (!(minScore > 0 && minScore < 1) || !(nmsThreshold > 0 && nmsThreshold < 1)
            || !(minPresence >= 0 && minPresence < 1)) {
            throw new IllegalArgumentException("scores and thresholds must lie in (0, 1)");
        }
        if (minFaceSize < 1 || maxTiles < 0) {
            throw new IllegalArgumentException("minFaceSize must be >= 1 and maxTiles >= 0");
        }
        if (!shortRange && !fullRange) {
            throw new IllegalArgumentException("at least one of the short- and full-range models must run");
        }
    }

    /** MediaPipe's defaults, both models, faces down to 40 pixels, at most 64 tiles. */
    public static MediaPipeConfig defaults(ModelAssets assets) {
        return new MediaPipeConfig(assets, 0.5, 0.3, 0.5, 40, 64, true, true);
    }

    public MediaPipeConfig withMinFaceSize(int px) {
        return new MediaPipeConfig(assets, minScore, nmsThreshold, minPresence, px, maxTiles, shortRange, fullRange,
            tilesAlways);
    }

    public MediaPipeConfig withModels(boolean shortRange, boolean fullRange) {
        return new MediaPipeConfig(assets, minScore, nmsThreshold, minPresence, minFaceSize, maxTiles, shortRange,
            fullRange, tilesAlways);
    }

    /** Tiles on every photo (true) or only when the whole-frame passes found no face or a small one (false). */
    public MediaPipeConfig withTilesAlways(boolean always) {
        return new MediaPipeConfig(assets, minScore, nmsThreshold, minPresence, minFaceSize, maxTiles, shortRange,
            fullRange, always);
    }
}
