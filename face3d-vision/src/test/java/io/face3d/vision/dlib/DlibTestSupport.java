package io.face3d.vision.dlib;

import io.face3d.core.testing.RequiredAssets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.FaceBox;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The 68-point model (loaded once per test JVM) and the dlib C++ reference fixtures. */
final class DlibTestSupport {
    private DlibTestSupport() {
    }

    /** Installed copy first, then Debian's libdlib-data copy; tests that need it are skipped without it. */
    static Path modelFile() {
        Path installed = ModelAssets.defaults().dlibShapePredictor();
        if (Files.isRegularFile(installed)) {
            return installed;
        }
        Path debian = Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");
        RequiredAssets.require(Files.isRegularFile(debian), "shape_predictor_68_face_landmarks.dat");
        return debian;
    }

    private static final class Holder {
        static final DlibShapePredictor PREDICTOR = DlibShapePredictor.load(modelFile());
    }

    static DlibShapePredictor predictor() {
        modelFile();
        return Holder.PREDICTOR;
    }

    static Path resource(String name) {
        try {
            return Path.of(DlibTestSupport.class.getResource("/dlib/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture written by tools/dlib-reference/make_fixtures.py. */
    static JsonNode reference() {
        return readGzipJson(resource("reference.json.gz"));
    }

    static JsonNode readGzipJson(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image of a fixture entry: a synthetic spec, else a file beside the fixture (or in {@code dir}). */
    static RgbImage image(JsonNode entry, Path dir) {
        String name = entry.get("image").asText();
        if (name.startsWith("synth:")) {
            return SyntheticImages.make(name.substring(6));
        }
        return Images.read(dir == null ? resource(name) : dir.resolve(name));
    }

    /** A dlib box [left, top, width, height] as a FaceBox. */
    static FaceBox box(JsonNode b) {
        return new FaceBox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble(), 1, null);
    }
}
