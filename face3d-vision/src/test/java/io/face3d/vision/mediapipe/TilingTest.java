package io.face3d.vision.mediapipe;

import io.face3d.core.testing.RequiredAssets;
import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.FaceBox;
import io.face3d.vision.TestImages;
import io.face3d.core.image.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small faces in large frames: found by the tiles, missed without them; several faces; tile budget. */
class TilingTest {
    private static MediaPipeConfig config;

    @BeforeAll
    static void models() {
        ModelAssets assets = ModelAssets.defaults();
        RequiredAssets.require(Files.isRegularFile(assets.faceDetectionFullRange()), "MediaPipe models");
        config = MediaPipeConfig.defaults(assets);
    }

    /** Astronaut halved (face about 50 px) at (x, y) in a 1600 x 1200 grey frame: 3% of the long side. */
    private static RgbImage smallFaceAt(int x, int y) {
        return TestImages.paste(TensorSampler.halve(TestImages.resource("astronaut.png")), 1600, 1200, x, y, 128);
    }

    @Test
    void fiftyPixelFaceInALargeFrameIsFoundOnlyWithTiles() {
        RgbImage img = smallFaceAt(900, 700);
        List<FaceBox> tiled = new MediaPipeFaceDetector(config).detect(img);
        List<FaceBox> whole = new MediaPipeFaceDetector(new MediaPipeConfig(config.assets(), 0.5, 0.3, 0.5, 40, 0, true, true)).detect(img);
        assertEquals(0, whole.size(), "the whole-frame passes should not see a 3% face");
        assertEquals(1, tiled.size());
        FaceBox b = tiled.get(0);
        // face centre of the halved astronaut is near (113, 62) in its own frame
        assertEquals(900 + 113, b.x() + b.width() / 2, 10);
        assertEquals(700 + 62, b.y() + b.height() / 2, 10);
        assertTrue(b.width() > 35 && b.width() < 70, "box width " + b.width());
    }

    @Test
    void twoSmallFacesAreBothFound() {
        RgbImage half = TensorSampler.halve(TestImages.resource("astronaut.png"));
        RgbImage img = TestImages.paste(half, 1600, 1200, 100, 100, 128);
        RgbImage both = TestImages.paste(half, 1600, 1200, 1200, 800, 128);
        // combine the two pastes: copy the first face's 256 x 256 block into the second image
        for (int y = 100; y < 356; y++) {
            System.arraycopy(img.rgb(), 3 * (y * 1600 + 100), both.rgb(), 3 * (y * 1600 + 100), 3 * 256);
        }
        List<FaceBox> faces = new MediaPipeFaceDetector(config).detect(both);
        assertEquals(2, faces.size());
    }

    @Test
    void tilesRunOnlyWhenTheWholeFramePassesFindNoFaceOrASmallOne() {
        MediaPipeFaceDetector d = new MediaPipeFaceDetector(config);
        // 1600 px frame: the whole-frame passes see faces from 14 / 192 * 1600 = 117 px
        Detection large = new Detection(100, 100, 400, 400, 0.9, new double[12]);
        Detection small = new Detection(100, 100, 200, 200, 0.9, new double[12]);
        assertFalse(d.needsTiles(List.of(large), List.of(), 1600, 1200));
        assertTrue(d.needsTiles(List.of(large), List.of(small), 1600, 1200));
        assertTrue(d.needsTiles(List.of(), List.of(), 1600, 1200));
        assertTrue(new MediaPipeFaceDetector(config.withTilesAlways(true)).needsTiles(List.of(large), List.of(), 1600,
            1200));
    }

    @Test
    void tileBudgetHoldsOnFiftyMegapixels() {
        MediaPipeFaceDetector d = new MediaPipeFaceDetector(config);
        List<double[]> tiles = d.tiles(8660, 5773);
        assertTrue(tiles.size() <= config.maxTiles(), tiles.size() + " tiles");
        assertTrue(tiles.size() > 0);
    }
}
