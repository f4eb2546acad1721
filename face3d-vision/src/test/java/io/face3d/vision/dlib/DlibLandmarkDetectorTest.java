package io.face3d.vision.dlib;

import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceLandmarks;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DlibLandmarkDetectorTest {
    private static final RgbImage ASTRONAUT = Images.read(DlibTestSupport.resource("astronaut.png"));
    private static final FaceBox HOG = new FaceBox(175, 76, 91, 91, 1, null);

    @Test
    void mapsDetectorBoxesToHogBoxesBeforePredicting() {
        // A stand-in detector whose box is the HOG box grown by 20%, and the mapping that undoes it.
        FaceBox loose = new FaceBox(175 - 9.1, 76 - 9.1, 109.2, 109.2, 0.93, null);
        double shrink = 1 / 1.2, shift = (1 - shrink) / 2;
        DetectorBoxMapping back = new DetectorBoxMapping(new double[] {
            1, 0, shift, 0, 0,  0, 1, 0, shift, 0,  0, 0, shrink, 0, 0,  0, 0, 0, shrink, 0});
        DlibLandmarkDetector d = new DlibLandmarkDetector(image -> List.of(loose), back, DlibTestSupport.predictor());
        List<FaceLandmarks> faces = d.detect(ASTRONAUT);
        assertEquals(1, faces.size());
        FaceLandmarks f = faces.get(0);
        assertEquals("dlib", f.detector());
        assertEquals(0.93, f.score(), 0);
        assertEquals(HOG.x(), f.box().x(), 1e-9);
        assertEquals(HOG.width(), f.box().width(), 1e-9);
        assertArrayEquals(DlibTestSupport.predictor().predict(ASTRONAUT, HOG), f.points(), 1e-4);
    }

    @Test
    void givenBoxIsUsedAsIs() {
        DlibLandmarkDetector d = new DlibLandmarkDetector(image -> List.of(), DetectorBoxMapping.identity(),
            DlibTestSupport.predictor());
        assertEquals(0, d.detect(ASTRONAUT).size());
        FaceLandmarks f = d.detectInBox(ASTRONAUT, HOG);
        assertArrayEquals(DlibTestSupport.predictor().predict(ASTRONAUT, HOG), f.points(), 0);
        assertEquals(HOG, f.box());
    }
}
