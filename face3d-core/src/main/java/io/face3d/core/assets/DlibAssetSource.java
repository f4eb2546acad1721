package io.face3d.core.assets;

import io.face3d.core.Face3dException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;

/**
 * dlib's 68-point shape predictor from Debian's {@code libdlib-data} package
 * ({@code /usr/share/dlib/shape_predictor_68_face_landmarks.dat}).
 *
 * <p>The file is copied, not symlinked: the models folder then stays self-contained and its verified checksum stays
 * true if the Debian package is upgraded or removed, and it works when {@code FACE3D_HOME} is moved to another
 * machine; the cost is 100 MB of disk.
 */
public final class DlibAssetSource implements AssetSource {
    /** Debian's location (package libdlib-data). */
    public static final Path DEBIAN_FILE = Paths.get("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");
    /** sha256 of shape_predictor_68_face_landmarks.dat (dlib-models, as shipped by Debian libdlib-data 19.x). */
    public static final String SHA256 = "fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f";

    static final String LICENSE = """
        shape_predictor_68_face_landmarks.dat: dlib's 68-point face landmark model (Davis E. King, dlib.net),
        installed by face3d setup from Debian's libdlib-data package.

        The model was trained on the iBUG 300-W data set (C. Sagonas et al., 300 Faces In-the-Wild Challenge,
        https://ibug.doc.ic.ac.uk/resources/facial-point-annotations/), whose licence excludes commercial use.
        Use this model for non-commercial purposes only; for commercial use, train a predictor on data you may use
        commercially or use the MediaPipe detector (Apache-2.0).
        """;

    private final Path source;
    private final String sha256;

    /** Debian's file with the pinned checksum. */
    public DlibAssetSource() {
        this(DEBIAN_FILE, SHA256);
    }

    /** Another file and checksum (tests). */
    public DlibAssetSource(Path source, String sha256) {
        this.source = source;
        this.sha256 = sha256;
    }

    @Override
    public String name() {
        return "dlib";
    }

    /** Only {@code --detector dlib} needs it; MediaPipe is the default detector. */
    @Override
    public boolean optional() {
        return true;
    }

    /** The one line that says how to add dlib's model (setup's note, and the dlib detector's error). */
    public static final String HOW_TO_ADD = "add it with `sudo apt-get install -y libdlib-data && ./face3d setup` "
        + "(only --detector dlib needs it)";

    @Override
    public void install(Path modelsDir, Consumer<String> report) {
        Path dir = modelsDir.resolve("dlib");
        Path target = dir.resolve("shape_predictor_68_face_landmarks.dat");
        AssetFiles.removeLeftovers(dir);
        if (AssetFiles.verified(target, sha256)) {
            report.accept(AssetFiles.line(modelsDir, target, "ok (sha256 verified)"));
        } else {
            if (!Files.isRegularFile(source)) {
                throw new Face3dException("dlib's 68-point model (" + source + ") is not installed: " + HOW_TO_ADD);
            }
            AssetFiles.install(target, sha256, source.toString(), "reinstall the package (apt-get install --reinstall "
                + "-y libdlib-data) and run ./face3d setup again",
                tmp -> Files.copy(source, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
            report.accept(AssetFiles.line(modelsDir, target, "copied from " + source + " (sha256 verified)"));
        }
        AssetFiles.writeText(dir.resolve("LICENSE"), LICENSE);
    }
}
