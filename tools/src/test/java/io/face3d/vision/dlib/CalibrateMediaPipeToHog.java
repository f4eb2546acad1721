package io.face3d.vision.dlib;

import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.LandmarkDetectors;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Re-derives the MediaPipe-to-HOG box mapping shipped in {@link io.face3d.vision.LandmarkDetectors}: runs the
 * MediaPipe detector on the photos of tools/dlib-reference/hog_boxes.json (dlib's own HOG boxes, made by
 * tools/dlib-reference) and fits the 4-parameter scale-and-shift map (the full affine fit is ill-conditioned: MediaPipe boxes are square, so w and h are collinear). A tool, not a test: run with the test class path,
 * {@code java -cp ... io.face3d.vision.dlib.CalibrateMediaPipeToHog <repo>}.
 */
public final class CalibrateMediaPipeToHog {
    private CalibrateMediaPipeToHog() {
    }

    public static void main(String[] args) {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        var refs = DetectorBoxCalibration.readHogBoxes(repo.resolve("tools/dlib-reference/hog_boxes.json"), repo);
        var predictor = DlibShapePredictor.load(ModelAssets.defaults());
        var detector = args.length > 1 && args[1].equals("meanshape")
            ? new MeanShapeBoxDetector(LandmarkDetectors.create(LandmarkDetectors.Config.defaults("mediapipe")),
                predictor.model())
            : LandmarkDetectors.faceDetector(LandmarkDetectors.Config.defaults("mediapipe"));
        var r = DetectorBoxCalibration.calibrate(detector, refs, false, predictor);
        System.out.printf(Locale.ROOT, "pairs %d; IoU raw %.3f mapped %.3f; landmark shift (of box width) raw %.4f "
            + "mapped %.4f%ncoefficients %s%n", r.pairs().size(), r.meanIouRaw(), r.meanIouMapped(),
            r.meanLandmarkShiftRaw(), r.meanLandmarkShiftMapped(), Arrays.toString(r.mapping().coefficients()));
    }
}
