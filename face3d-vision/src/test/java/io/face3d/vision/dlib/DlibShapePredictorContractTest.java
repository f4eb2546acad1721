package io.face3d.vision.dlib;

import io.face3d.vision.FaceBox;
import io.face3d.vision.ShapePredictor;
import io.face3d.vision.ShapePredictorContract;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;

/** dlib's predictor under the shared contract, on the astronaut photo and dlib's own HOG box for it. */
class DlibShapePredictorContractTest extends ShapePredictorContract {
    private static final RgbImage ASTRONAUT = Images.read(DlibTestSupport.resource("astronaut.png"));

    @Override
    protected ShapePredictor predictor() {
        return DlibTestSupport.predictor();
    }

    @Override
    protected RgbImage faceImage() {
        return ASTRONAUT;
    }

    @Override
    protected FaceBox faceBox() {
        // dlib's HOG detector box for the astronaut (reference.json.gz, "hog").
        return new FaceBox(175, 76, 91, 91, 1, null);
    }
}
