package io.face3d.vision.dlib;

import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceDetector;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorBoxCalibrationTest {
    private static final Path REPO = Path.of(System.getProperty("face3d.repo", "..")).toAbsolutePath();

    /** A stand-in detector whose boxes are the HOG boxes made 20% larger and moved up by 10% of their height. */
    private static final DetectorBoxMapping LOOSER = new DetectorBoxMapping(new double[]{
        1, 0, -0.1, 0, 0,
        0, 1, 0, -0.2, 0,
        0, 0, 1.2, 0, 0,
        0, 0, 0, 1.2, 0});

    @Test
    void recoversTheMapBackToHogBoxes() {
        List<DetectorBoxCalibration.HogReference> refs = DetectorBoxCalibration.readHogBoxes(
            REPO.resolve("tools/dlib-reference/hog_boxes.json"), REPO).subList(0, 2);
        assertTrue(refs.get(0).image().endsWith("astronaut.png"));
        FaceDetector fake = image -> {
            for (DetectorBoxCalibration.HogReference r : refs) {
                if (r.image().toString().contains(image.height() == 512 ? "astronaut" : "grace_hopper")) {
                    return r.hogBoxes().stream().map(LOOSER::apply).toList();
                }
            }
            return List.of();
        };
        DetectorBoxCalibration.Result res = DetectorBoxCalibration.calibrate(fake, refs, true, DlibTestSupport.predictor());
        assertEquals(3, res.pairs().size(), "two HOG boxes on the astronaut photo, one on Grace Hopper");
        FaceBox hog = refs.get(1).hogBoxes().get(0);
        FaceBox back = res.mapping().apply(LOOSER.apply(hog));
        assertEquals(hog.x(), back.x(), 1e-9);
        assertEquals(hog.y(), back.y(), 1e-9);
        assertEquals(hog.width(), back.width(), 1e-9);
        assertEquals(hog.height(), back.height(), 1e-9);
        assertTrue(res.meanIouRaw() < 0.8, "the stand-in boxes differ from HOG's: " + res.meanIouRaw());
        assertEquals(1.0, res.meanIouMapped(), 1e-9);
        assertTrue(res.meanLandmarkShiftRaw() > 0.01, "a looser box moves dlib's points: " + res.meanLandmarkShiftRaw());
        assertEquals(0.0, res.meanLandmarkShiftMapped(), 1e-6);
    }
}
