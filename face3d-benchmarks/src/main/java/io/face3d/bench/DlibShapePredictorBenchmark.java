package io.face3d.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.FaceBox;
import io.face3d.vision.dlib.DlibModel;
import io.face3d.vision.dlib.DlibModelReader;
import io.face3d.vision.dlib.DlibShapePredictor;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * dlib's 68-point cascade in Java: time per face, and time to load the 100 MB model file. The faces are the
 * 93 boxes of the dlib reference fixture's two photos (dlib's HOG boxes and jittered copies, some partly outside
 * the image), taken in turn so that every call walks different tree paths, as real faces do.
 * From the repository root:
 * <pre>
 * mvn -B -q -o -pl face3d-benchmarks -am package -DskipTests
 * mvn -B -q -o -pl face3d-benchmarks dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp
 * java -cp "face3d-benchmarks/target/classes:face3d-vision/target/classes:face3d-core/target/classes:$(cat /tmp/bench.cp)" \
 *     org.openjdk.jmh.Main DlibShapePredictorBenchmark -jvmArgsAppend -Dface3d.repo=$PWD
 * </pre>
 * (the module classes first: the built classpath names the face3d jars of the local Maven repository).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class DlibShapePredictorBenchmark {
    private DlibShapePredictor predictor;
    private final List<RgbImage> images = new ArrayList<>();
    private final List<FaceBox> boxes = new ArrayList<>();
    private final List<Integer> imageOf = new ArrayList<>();
    private int next;

    static Path modelFile() {
        Path installed = ModelAssets.defaults().dlibShapePredictor();
        return Files.isRegularFile(installed) ? installed : Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        predictor = DlibShapePredictor.load(modelFile());
        Path dir = Path.of(System.getProperty("face3d.repo", ".")).resolve("face3d-vision/src/test/resources/dlib");
        JsonNode ref;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("reference.json.gz")))) {
            ref = new ObjectMapper().readTree(in);
        }
        for (JsonNode entry : ref.get("images")) {
            String name = entry.get("image").asText();
            if (name.startsWith("synth:")) {
                continue;
            }
            images.add(Images.read(dir.resolve(name)));
            for (JsonNode face : entry.get("faces")) {
                JsonNode b = face.get("box");
                boxes.add(new FaceBox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble(), 1, null));
                imageOf.add(images.size() - 1);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public double[] predictOneFace() {
        int i = next;
        next = (i + 1) % boxes.size();
        return predictor.predict(images.get(imageOf.get(i)), boxes.get(i));
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 8)
    public DlibModel loadModel() {
        return DlibModelReader.read(modelFile());
    }
}
