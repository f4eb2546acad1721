package io.face3d.vision.dlib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.Face3dException;
import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceDetector;
import io.face3d.vision.ShapePredictor;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibrates a {@link DetectorBoxMapping} from another detector's boxes to dlib's HOG boxes: runs the detector on
 * photos whose HOG boxes are known (tools/dlib-reference/hog_boxes.json, made by dlib's C++ detector), pairs the
 * boxes by overlap, fits the mapping and reports how much it helps, in box overlap and, what matters, in where the
 * 68 dlib landmarks land compared with running the predictor on the true HOG box.
 */
public final class DetectorBoxCalibration {
    private DetectorBoxCalibration() {
    }

    /** A photo and dlib's HOG boxes on it. */
    public record HogReference(Path image, List<FaceBox> hogBoxes) {
        public HogReference {
            hogBoxes = List.copyOf(hogBoxes);
        }
    }

    /**
     * @param mapping              the fitted mapping
     * @param pairs                faces found by both detectors
     * @param meanIouRaw           mean overlap of the detector's boxes with the HOG boxes
     * @param meanIouMapped        the same after mapping
     * @param meanLandmarkShiftRaw mean distance, in units of the HOG box width, between the 68 points predicted
     *                             in the detector's box and in the HOG box (NaN without a predictor)
     * @param meanLandmarkShiftMapped the same with the mapped box
     */
    public record Result(DetectorBoxMapping mapping, List<DetectorBoxFit.BoxPair> pairs, double meanIouRaw,
                         double meanIouMapped, double meanLandmarkShiftRaw, double meanLandmarkShiftMapped) {
    }

    /** Reads hog_boxes.json; relative image paths are resolved against {@code base} (the repository root). */
    public static List<HogReference> readHogBoxes(Path json, Path base) {
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(Files.readAllBytes(json));
        } catch (IOException e) {
            throw new Face3dException("cannot read HOG box file " + json + " (" + e.getMessage()
                + "): give tools/dlib-reference/hog_boxes.json");
        }
        List<HogReference> refs = new ArrayList<>();
        for (JsonNode img : doc.path("images")) {
            List<FaceBox> boxes = new ArrayList<>();
            for (JsonNode h : img.path("hog")) {
                JsonNode b = h.get("box");
                boxes.add(new FaceBox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble(),
                    h.path("score").asDouble(1), null));
            }
            refs.add(new HogReference(base.resolve(img.get("image").asText()), boxes));
        }
        return refs;
    }

    /**
     * Runs {@code detector} on every reference photo that exists, pairs its boxes with the HOG boxes (IoU at
     * least 0.3) and fits the mapping: the full affine fit with {@code fullAffine} and at least 20 pairs, else
     * the 4-parameter scale-and-shift fit. {@code predictor} (may be null) measures the landmark effect.
     */
    public static Result calibrate(FaceDetector detector, List<HogReference> references, boolean fullAffine,
                                   ShapePredictor predictor) {
        List<DetectorBoxFit.BoxPair> pairs = new ArrayList<>();
        List<RgbImage> imageOfPair = new ArrayList<>();
        for (HogReference ref : references) {
            if (!Files.isRegularFile(ref.image())) {
                continue;
            }
            RgbImage image = Images.read(ref.image());
            for (DetectorBoxFit.BoxPair p : DetectorBoxFit.pairByOverlap(detector.detect(image), ref.hogBoxes(), 0.3)) {
                pairs.add(p);
                imageOfPair.add(image);
            }
        }
        DetectorBoxMapping mapping = fullAffine && pairs.size() >= 20
            ? DetectorBoxFit.fit(pairs) : DetectorBoxFit.fitScaleShift(pairs);
        double iouRaw = 0, iouMapped = 0, shiftRaw = 0, shiftMapped = 0;
        for (int i = 0; i < pairs.size(); i++) {
            DetectorBoxFit.BoxPair p = pairs.get(i);
            FaceBox mapped = mapping.apply(p.from());
            iouRaw += DetectorBoxFit.iou(p.from(), p.to()) / pairs.size();
            iouMapped += DetectorBoxFit.iou(mapped, p.to()) / pairs.size();
            if (predictor != null) {
                double[] truth = predictor.predict(imageOfPair.get(i), p.to());
                shiftRaw += meanDistance(predictor.predict(imageOfPair.get(i), p.from()), truth) / p.to().width() / pairs.size();
                shiftMapped += meanDistance(predictor.predict(imageOfPair.get(i), mapped), truth) / p.to().width() / pairs.size();
            }
        }
        double nan = Double.NaN;
        return new Result(mapping, pairs, iouRaw, iouMapped, predictor == null ? nan : shiftRaw,
            predictor == null ? nan : shiftMapped);
    }

    private static double meanDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length / 2; i++) {
            s += Math.hypot(a[2 * i] - b[2 * i], a[2 * i + 1] - b[2 * i + 1]);
        }
        return s / (a.length / 2);
    }
}
