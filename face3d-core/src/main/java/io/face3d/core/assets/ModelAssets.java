package io.face3d.core.assets;

import io.face3d.core.Face3dException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Where model assets live: {@code $FACE3D_HOME/models} (default {@code ~/.face3d/models}), never the source tree.
 * <pre>
 * models/ict-face-light/      compact ICT-FaceKit Light (manifest.json, *.f32, *.i32, LICENSE.txt)
 * models/mediapipe/           face_detection_short_range.tflite, face_detection_full_range.tflite,
 *                             face_landmark.tflite, LICENSE (Apache-2.0)
 * models/dlib/                shape_predictor_68_face_landmarks.dat, LICENSE (iBUG 300-W: non-commercial)
 * </pre>
 * {@code face3d setup} fills this folder; this class only names the paths.
 */
public final class ModelAssets {
    private final Path home;

    public ModelAssets(Path home) {
        this.home = home;
    }

    /** The default: {@code $FACE3D_HOME} if set, else {@code ~/.face3d}. */
    public static ModelAssets defaults() {
        String env = System.getenv("FACE3D_HOME");
        Path h = env != null && !env.isBlank() ? Paths.get(env) : Paths.get(System.getProperty("user.home"), ".face3d");
        return new ModelAssets(h);
    }

    public Path home() {
        return home;
    }

    public Path modelsDir() {
        return home.resolve("models");
    }

    public Path ictDir() {
        return modelsDir().resolve("ict-face-light");
    }

    public Path mediapipeDir() {
        return modelsDir().resolve("mediapipe");
    }

    public Path faceDetectionShortRange() {
        return mediapipeDir().resolve("face_detection_short_range.tflite");
    }

    public Path faceDetectionFullRange() {
        return mediapipeDir().resolve("face_detection_full_range.tflite");
    }

    public Path faceLandmark() {
        return mediapipeDir().resolve("face_landmark.tflite");
    }

    public Path dlibShapePredictor() {
        return modelsDir().resolve("dlib").resolve("shape_predictor_68_face_landmarks.dat");
    }

    /**
     * The folder of the compact ICT model to load: the installed copy under {@link #ictDir()} if setup ran,
     * else the read-only copy beside the source tree ({@code <repo>/../shared/models/ict-face-light}, the
     * repository found from the system property {@code face3d.repo} or the working directory), so tests and a
     * fresh checkout work before setup.
     */
    public Path locateIct() {
        if (Files.isRegularFile(ictDir().resolve("manifest.json"))) {
            return ictDir();
        }
        return sharedIct().orElseThrow(() -> new Face3dException("the ICT face model is not installed under "
            + ictDir() + ": run ./face3d setup (it needs ../shared/models/ict-face-light or FACE3D_ICT_DIR pointing "
            + "at an ICT-FaceKit checkout, github.com/ICT-VGL/ICT-FaceKit, MIT)"));
    }

    /**
     * The read-only compact copy beside the source tree, {@code <repo>/../shared/models/ict-face-light}, searched
     * upward from the system property {@code face3d.repo} (set by the launcher and the build) or the working
     * directory.
     */
    public static Optional<Path> sharedIct() {
        String repo = System.getProperty("face3d.repo", System.getProperty("user.dir"));
        for (Path p = Paths.get(repo).toAbsolutePath(); p != null; p = p.getParent()) {
            Path shared = p.resolve("shared").resolve("models").resolve("ict-face-light");
            if (Files.isRegularFile(shared.resolve("manifest.json"))) {
                return Optional.of(shared);
            }
        }
        return Optional.empty();
    }

    /** The marker {@code models/SETUP_OK} that setup writes when every asset is verified (the launcher checks it). */
    public Path setupMarker() {
        return modelsDir().resolve("SETUP_OK");
    }

    /** The path if it exists, else a {@link Face3dException} that says to run setup. */
    public static Path require(Path asset) {
        if (!Files.isRegularFile(asset)) {
            throw new Face3dException("model asset " + asset + " is missing: run ./face3d setup");
        }
        return asset;
    }
}
