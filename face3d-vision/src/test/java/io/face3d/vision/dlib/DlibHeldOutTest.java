package io.face3d.vision.dlib;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance check on photos the other tests never see: a fixture made by tools/dlib-reference/make_fixtures.py
 * from any folder of photos, compared face by face. Runs only when asked:
 * {@code mvn -o -pl face3d-vision -am test -Dtest=DlibHeldOutTest -Dsurefire.failIfNoSpecifiedTests=false
 * -DargLine=-Ddlib.heldout=DIR/heldout.json.gz} (images beside the fixture). Writes its figures to
 * {@code target/dlib-heldout.txt}.
 */
@EnabledIfSystemProperty(named = "dlib.heldout", matches = ".+")
class DlibHeldOutTest {
    /** The acceptance bar: mean distance per face to dlib's C++ output. */
    private static final double ACCEPT_MEAN = 0.75;

    @Test
    void agreesWithDlibOnUnseenPhotos() throws IOException {
        Path fixture = Path.of(System.getProperty("dlib.heldout"));
        JsonNode doc = DlibTestSupport.readGzipJson(fixture);
        DlibShapePredictor predictor = DlibTestSupport.predictor();
        List<String> lines = new ArrayList<>();
        int faces = 0, equal = 0, points = 0;
        double sumMeans = 0, worstMean = 0, worstPoint = 0, toParts = 0;
        for (JsonNode entry : doc.get("images")) {
            ReferenceComparison r = ReferenceComparison.of(predictor, DlibTestSupport.image(entry, fixture.getParent()), entry);
            lines.add(entry.get("image").asText() + ": " + r);
            faces += r.faces();
            sumMeans += r.meanOfMeans() * r.faces();
            worstMean = Math.max(worstMean, r.worstFaceMean());
            worstPoint = Math.max(worstPoint, r.worstPoint());
            equal += r.roundedEqual();
            points += r.points();
            toParts += r.meanToIntegerParts() * r.points();
        }
        String summary = String.format("%d faces in %d images: mean per face %.2e px (worst face %.2e px, worst point"
                + " %.2e px); %d of %d points round to dlib's integer output, mean distance to it %.3f px", faces,
            doc.get("images").size(), sumMeans / Math.max(faces, 1), worstMean, worstPoint, equal, points,
            toParts / Math.max(points, 1));
        lines.add(summary);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "dlib-heldout.txt"), lines);
        assertTrue(faces > 0, "the held-out fixture has no faces");
        assertTrue(worstMean < ACCEPT_MEAN, summary);
    }
}
