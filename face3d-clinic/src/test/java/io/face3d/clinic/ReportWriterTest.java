package io.face3d.clinic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    private final MorphableModel model = TestModel.get();

    @Test
    void writesTheFieldsTheContractNamesAndASelfContainedPage(@TempDir Path dir) throws Exception {
        Map<Movement, FaceState> postures = new EnumMap<>(Movement.class);
        postures.put(Movement.REST, state(Map.of()));
        postures.put(Movement.SMILE, state(Map.of("mouthSmile_L", 0.9, "mouthSmile_R", 0.2)));
        postures.put(Movement.BROW, state(Map.of("browOuterUp_L", 0.8, "browOuterUp_R", 0.3)));
        postures.put(Movement.EYES_CLOSED, state(Map.of("eyeBlink_L", 1.0, "eyeBlink_R", 0.4)));
        Assessment a = Assessor.assess(postures, Optional.empty());
        ReportView view = ReportView.of(a, ReportInfo.unnamed("face3d test", "test model"), java.util.List.of(
            new ReportFigure(ReportFigure.Kind.DETAIL, Movement.REST, "test figure", new BufferedImage(4, 4,
                BufferedImage.TYPE_INT_RGB))), java.util.List.of(), "Accuracy: test.");
        ReportWriter.write(a, Map.of(), Map.of(), view, dir);
        JsonNode r = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals("right", r.at("/movements/smile/weaker_side").asText());
        assertTrue(r.at("/movements/smile/ratio").asDouble() < 0.5);
        assertTrue(r.at("/movements/smile/left/excursion_change_mm").asDouble()
            > r.at("/movements/smile/right/excursion_change_mm").asDouble());
        assertTrue(r.at("/movements/brow/left/brow_height_change_mm").isNumber());
        assertTrue(r.at("/movements/eyes_closed/left/closure_fraction").asDouble() > 0.8);
        assertEquals(0.2, r.at("/movements/smile/activations/mouthSmile/right").asDouble(), 1e-9);
        assertEquals("eFACE", r.at("/scales/eface/title").asText());
        assertTrue(r.at("/scales/sunnybrook/items/0/measure").asText().contains("palpebral_fissure_mm"));
        assertTrue(r.at("/scales/house_brackmann/estimate").asBoolean());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("House-Brackmann grade (estimate)"));
        assertTrue(html.contains("not a medical device"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertTrue(html.endsWith("</html>\n"));
        java.util.List<String> csv = Files.readAllLines(dir.resolve("report.csv"));
        assertEquals("field,value", csv.get(0));
        assertTrue(csv.contains("movements.smile.activations.mouthSmile.right,"
            + r.at("/movements/smile/activations/mouthSmile/right").asText()));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("scales.eface.items.oral_commissure_with_smile.value,")),
            "items by their key");
    }

    @Test
    void neverClaimsAHealthySideWhenNothingDecidedIt() {
        Assessment a = Assessor.assess(Map.of(Movement.REST, state(Map.of())), Optional.empty());
        assertEquals("undecided", a.healthyChosen());
        assertTrue(ReportWriter.healthySentence(a).startsWith("No side was found weaker: no movement was given"));
    }

    private FaceState state(Map<String, Double> weights) {
        return ModelStates.of(model, null, weights, false);
    }
}
