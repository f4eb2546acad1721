package io.face3d.vision.mediapipe;

import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceDetector;
import io.face3d.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * MediaPipe face detection (BlazeFace, Bazarevsky et al. 2019) over faces from {@code minFaceSize} pixels to the
 * whole frame.
 * <p>
 * Why this scheme: measured on examples/astronaut.png pasted at many sizes into a grey 960 x 960 frame, the
 * short-range model (128 x 128) finds faces from about 15% to 100% of the frame's long side (below 15% it returns
 * wrong boxes at scores near 0.5), the full-range model (192 x 192, stride-4 anchors) from 12 input pixels (6%,
 * score 0.63; 0.83 at 14 pixels) to about 85%, and nothing at 99%. So both run on the whole frame, letterboxed as
 * MediaPipe does, which covers every face larger than {@value #FULL_RANGE_MIN_FACE} / 192 of the long side. Smaller faces (a 40-pixel face in a 12-megapixel
 * group photo) are found by running the full-range model on square tiles overlapping by half, in levels whose tile
 * side doubles until a level's largest face (half a tile) reaches the whole-frame pass's smallest; the finest
 * level's tile side is {@code minFaceSize * 192 / FULL_RANGE_MIN_FACE}. Tiling was preferred to upscaling the
 * whole frame because the models' input size is fixed. Detections touching an inner tile edge are dropped (the
 * face is whole in the neighbouring tile); each model's detections are merged with MediaPipe's weighted NMS in
 * image pixels, then the two models' lists are joined ({@link #merge}). Any photo size works: tensors sample a 2x-halving pyramid, so a 50-megapixel photo costs its halvings
 * (Java arrays, no native copy) plus the passes.
 * <p>
 * Thread-safe: each thread gets its own OpenCV networks ({@link TfliteModel}).
 */
public final class MediaPipeFaceDetector implements FaceDetector {
    /**
     * Short-range boxes smaller than this fraction of the frame are dropped: below about 15% the model returns
     * boxes up to 60% too large at scores near 0.5 (the calibration above), never under 16% of the frame.
     */
    static final double SHORT_RANGE_MIN = 0.2;
    /** Where both models see a face, the short-range box wins from this fraction of the frame up. */
    static final double SHORT_RANGE_PREFERRED = 0.25;
    /** Smallest face side, in full-range input pixels, that the tiling assumes the model finds. */
    static final double FULL_RANGE_MIN_FACE = 14;
    /** Found faces at least this many times the whole-frame passes' smallest make the tiles unneeded. */
    static final double TILES_SKIPPED_FROM = 2;

    private final MediaPipeConfig config;
    private final BlazeFaceModel shortRange;
    private final BlazeFaceModel fullRange;

    public MediaPipeFaceDetector(MediaPipeConfig config) {
        this.config = config;
        this.shortRange = config.shortRange()
            ? new BlazeFaceModel(config.assets().faceDetectionShortRange(), SsdAnchors.shortRange(), config.minScore())
            : null;
        this.fullRange = config.fullRange()
            ? new BlazeFaceModel(config.assets().faceDetectionFullRange(), SsdAnchors.fullRange(), config.minScore())
            : null;
    }

    public MediaPipeConfig config() {
        return config;
    }

    @Override
    public List<FaceBox> detect(RgbImage image) {
        return detect(new Pyramid(image));
    }

    List<FaceBox> detect(Pyramid pyramid) {
        RgbImage image = pyramid.base();
        int w = image.width(), h = image.height();
        double frame = Math.max(w, h);
        List<Detection> near = new ArrayList<>();
        if (shortRange != null) {
            for (Detection d : shortRange.detect(pyramid, 0, 0, w, h)) {
                // the floor only applies when the full-range model is there to take the small faces over
                if (fullRange == null || Math.max(d.width(), d.height()) >= SHORT_RANGE_MIN * frame) {
                    near.add(d);
                }
            }
        }
        List<Detection> far = new ArrayList<>();
        if (fullRange != null) {
            far.addAll(fullRange.detect(pyramid, 0, 0, w, h));
            for (double[] tile : needsTiles(near, far, w, h) ? tiles(w, h) : List.<double[]>of()) {
                for (Detection d : fullRange.detect(pyramid, tile[0], tile[1], tile[2], tile[3])) {
                    if (!touchesInnerEdge(d, tile, w, h)) {
                        far.add(d);
                    }
                }
            }
        }
        List<Detection> kept = merge(WeightedNms.apply(near, config.nmsThreshold()),
            WeightedNms.apply(far, config.nmsThreshold()), frame);
        List<FaceBox> faces = new ArrayList<>();
        for (Detection d : kept) {
            faces.add(new FaceBox(d.xmin(), d.ymin(), d.width(), d.height(), d.score(), d.keypoints()));
        }
        return faces;
    }

    /**
     * One detection per face from the two models' suppressed lists: where both found a face (IoU above the NMS
     * threshold) the short-range box is kept if it is at least {@link #SHORT_RANGE_PREFERRED} of the frame, else
     * the full-range one; faces only one model found are kept. Boxes are not averaged across models because their
     * conventions differ (full-range boxes are about 10% larger on the same face).
     */
    private List<Detection> merge(List<Detection> near, List<Detection> far, double frame) {
        List<Detection> out = new ArrayList<>();
        List<Detection> farLeft = new ArrayList<>(far);
        for (Detection n : near) {
            Detection match = null;
            for (Detection f : farLeft) {
                if (n.iou(f) > config.nmsThreshold() && (match == null || n.iou(f) > n.iou(match))) {
                    match = f;
                }
            }
            if (match == null) {
                out.add(n);
            } else {
                farLeft.remove(match);
                out.add(Math.max(n.width(), n.height()) >= SHORT_RANGE_PREFERRED * frame ? n : match);
            }
        }
        out.addAll(farLeft);
        out.sort(java.util.Comparator.comparingDouble(Detection::score).reversed());
        return out;
    }

    /**
     * Whether the tiles run after the whole-frame passes: always with {@link MediaPipeConfig#tilesAlways()}, else
     * only when those passes found no face or a face smaller than {@value #TILES_SKIPPED_FROM} times the smallest
     * face they can see. Where they found only faces that large, the photo is a portrait or a close group, and the
     * tiles (20 full-range passes on a 2-megapixel photo, 4 on 640 x 640; most of the detection time,
     * docs/decisions/speed-profile.md) would only add faces under 14/192 of the frame behind them.
     */
    boolean needsTiles(List<Detection> near, List<Detection> far, int w, int h) {
        if (config.tilesAlways()) {
            return true;
        }
        double smallestVisible = FULL_RANGE_MIN_FACE / 192 * Math.max(w, h);
        double smallest = Double.POSITIVE_INFINITY;
        for (List<Detection> list : List.of(near, far)) {
            for (Detection d : list) {
                smallest = Math.min(smallest, Math.max(d.width(), d.height()));
            }
        }
        return smallest == Double.POSITIVE_INFINITY || smallest < TILES_SKIPPED_FROM * smallestVisible;
    }

    /** Tiles (x, y, w, h) of every level, finest first; empty when the whole-frame pass sees minFaceSize. */
    List<double[]> tiles(int w, int h) {
        List<double[]> out = new ArrayList<>();
        int s = 192;
        double wholeFrameMin = FULL_RANGE_MIN_FACE / s * Math.max(w, h);
        if (fullRange == null || config.minFaceSize() >= wholeFrameMin || config.maxTiles() == 0) {
            return out;
        }
        double side = Math.max(s, config.minFaceSize() * s / FULL_RANGE_MIN_FACE);
        if (side >= Math.max(w, h)) {
            return out;
        }
        // grow the finest tile until every level fits the budget
        while (countTiles(w, h, side, wholeFrameMin) > config.maxTiles()) {
            side *= 1.25;
        }
        for (double t : levels(w, h, side, wholeFrameMin)) {
            addLevel(out, w, h, t);
        }
        return out;
    }

    /** Tile sides: the finest, then doubling until half a tile reaches the whole-frame pass's smallest face. */
    private static List<Double> levels(int w, int h, double side, double wholeFrameMin) {
        List<Double> out = new ArrayList<>();
        for (double t = side; t < Math.max(w, h); t *= 2) {
            out.add(t);
            if (t / 2 >= wholeFrameMin) {
                break;
            }
        }
        return out;
    }

    private static int countTiles(int w, int h, double side, double wholeFrameMin) {
        int n = 0;
        for (double t : levels(w, h, side, wholeFrameMin)) {
            n += steps(w, t) * steps(h, t);
        }
        return n;
    }

    private static int steps(int extent, double t) {
        return extent <= t ? 1 : (int) Math.ceil((extent - t) / (t / 2)) + 1;
    }

    private static void addLevel(List<double[]> out, int w, int h, double t) {
        int nx = steps(w, t), ny = steps(h, t);
        double tw = Math.min(t, w), th = Math.min(t, h);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double x = nx == 1 ? 0 : (w - tw) * i / (nx - 1);
                double y = ny == 1 ? 0 : (h - th) * j / (ny - 1);
                out.add(new double[]{x, y, tw, th});
            }
        }
    }

    private static boolean touchesInnerEdge(Detection d, double[] tile, int w, int h) {
        double m = 0.02 * Math.max(tile[2], tile[3]);
        return (tile[0] > 0 && d.xmin() < tile[0] + m)
            || (tile[1] > 0 && d.ymin() < tile[1] + m)
            || (tile[0] + tile[2] < w && d.xmax() > tile[0] + tile[2] - m)
            || (tile[1] + tile[3] < h && d.ymax() > tile[1] + tile[3] - m);
    }
}
