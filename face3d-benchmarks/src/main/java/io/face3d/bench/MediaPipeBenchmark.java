package io.face3d.bench;

import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.FaceBox;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import io.face3d.vision.mediapipe.MediaPipeConfig;
import io.face3d.vision.mediapipe.MediaPipeFaceDetector;
import io.face3d.vision.mediapipe.MediaPipeLandmarkDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MediaPipe stages on one face, examples photo {@code astronaut.png} (512 x 512, face about 100 px), one thread.
 * Sample time: JMH reports the median as p0.50. The photo is found through {@code -Dface3d.photo=} or the
 * repository layout. Run (from the repository root, after {@code mvn -q -o -pl face3d-benchmarks -am package -DskipTests}):
 * <pre>
 * java -cp "face3d-benchmarks/target/classes:$(cat /tmp/bench.cp)" org.openjdk.jmh.Main MediaPipeBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MediaPipeBenchmark {
    RgbImage photo;
    MediaPipeFaceDetector shortOnly;
    MediaPipeFaceDetector fullOnly;
    MediaPipeFaceDetector both;
    MediaPipeLandmarkDetector landmarks;
    FaceBox box;

    @Setup
    public void setup() {
        String p = System.getProperty("face3d.photo", "face3d-vision/src/test/resources/astronaut.png");
        photo = Images.read(Path.of(p));
        MediaPipeConfig config = MediaPipeConfig.defaults(ModelAssets.defaults());
        shortOnly = new MediaPipeFaceDetector(config.withModels(true, false));
        fullOnly = new MediaPipeFaceDetector(config.withModels(false, true));
        both = new MediaPipeFaceDetector(config);
        landmarks = new MediaPipeLandmarkDetector(config);
        box = both.detect(photo).get(0);
    }

    @Benchmark
    public List<FaceBox> detectShortRange() {
        return shortOnly.detect(photo);
    }

    @Benchmark
    public List<FaceBox> detectFullRange() {
        return fullOnly.detect(photo);
    }

    /** The default detector: both models on the whole frame (no tiles on a 512-pixel photo). */
    @Benchmark
    public List<FaceBox> detectBoth() {
        return both.detect(photo);
    }

    /** FaceMesh alone: crop from the box, run, re-crop from the mesh, run again, 68 from 468. */
    @Benchmark
    public Object faceMeshInBox() {
        return landmarks.detectInBox(photo, box);
    }

    /** Detection + FaceMesh per face, the default pipeline. */
    @Benchmark
    public Object detectionAndFaceMesh() {
        return landmarks.detect(photo);
    }
}
