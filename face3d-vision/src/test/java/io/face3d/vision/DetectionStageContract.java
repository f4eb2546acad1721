package io.face3d.vision;

import org.junit.jupiter.api.Nested;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A landmark detector and the face detector it finds faces with, through both shared suites
 * ({@link FaceDetectorContract}, {@link LandmarkDetectorContract}). The detector is built once per implementation
 * (loading models takes seconds) and shared by the two suites, which only read from it.
 *
 * @param <L> the landmark detector's type, which gives its face detector
 */
public abstract class DetectionStageContract<L extends LandmarkDetector> {
    private static final Map<Class<?>, LandmarkDetector> SHARED = new ConcurrentHashMap<>();

    /** Builds the landmark detector as production does; fails (or skips outside CI) when its models are missing. */
    protected abstract L create();

    /** The face detector {@code landmarks} runs on. */
    protected abstract FaceDetector faceDetector(L landmarks);

    @SuppressWarnings("unchecked")
    private L instance() {
        return (L) SHARED.computeIfAbsent(getClass(), c -> create());
    }

    @Nested
    class Detector extends FaceDetectorContract {
        @Override
        protected FaceDetector detector() {
            return faceDetector(instance());
        }
    }

    @Nested
    class Landmarks extends LandmarkDetectorContract {
        @Override
        protected LandmarkDetector detector() {
            return instance();
        }
    }
}
