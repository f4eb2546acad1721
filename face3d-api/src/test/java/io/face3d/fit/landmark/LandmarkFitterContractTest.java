package io.face3d.fit.landmark;

import io.face3d.api.Face3d;
import org.junit.jupiter.api.Nested;

/** The landmark-fitter contract for the library default and for what reconstruct uses per detector. */
class LandmarkFitterContractTest {

    @Nested
    class Defaults extends LandmarkFitterContract {
        @Override
        protected FitConfig config() {
            return FitConfig.defaults();
        }
    }

    @Nested
    class MediaPipe extends LandmarkFitterContract {
        @Override
        protected FitConfig config() {
            return Face3d.fitConfigFor("mediapipe");
        }
    }

    @Nested
    class Dlib extends LandmarkFitterContract {
        @Override
        protected FitConfig config() {
            return Face3d.fitConfigFor("dlib");
        }
    }
}
