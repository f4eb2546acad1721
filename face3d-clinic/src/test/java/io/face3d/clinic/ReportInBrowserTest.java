package io.face3d.clinic;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.Browser;
import io.face3d.core.testing.RequiredAssets;
import io.face3d.core.testing.TestModel;
import io.face3d.eval.plot.SideSignedHeatmap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assessment report as a reader gets it: report.html opened in headless Chromium (Debian's, see
 * {@link Browser}) loads, every figure has a size and is not blank, the visible text carries no measure keys; the
 * PDF's first page has the scores. Without chromium the test is skipped, except under CI=true where it fails.
 */
class ReportInBrowserTest {
    private final MorphableModel model = TestModel.get();

    @Test
    void theReportLoadsItsFiguresAreNotBlankAndThePdfLeadsWithTheScores(@TempDir Path tmp) throws Exception {
        RequiredAssets.require(Browser.available(), "chromium (apt-get install chromium chromium-driver)");
        Map<Movement, FaceState> states = new EnumMap<>(Movement.class);
        states.put(Movement.REST, state(Map.of()));
        states.put(Movement.SMILE, state(Map.of("mouthSmile_L", 0.9, "mouthSmile_R", 0.25)));
        states.put(Movement.BROW, state(Map.of("browOuterUp_L", 0.8, "browInnerUp_L", 0.8, "browOuterUp_R", 0.3,
            "browInnerUp_R", 0.3)));
        states.put(Movement.EYES_CLOSED, state(Map.of("eyeBlink_L", 1.0, "eyeBlink_R", 0.4)));
        Assessment a = Assessor.assess(states, Optional.empty());
        List<ReportFigure> figures = new ArrayList<>();
        for (Movement m : states.keySet()) {
            figures.add(ReportFigures.faceCrop(photo(m), points(states.get(m)), m));
        }
        figures.addAll(ReportFigures.asymmetryMaps(model, states));
        PatientFolder folder = new PatientFolder(tmp.resolve("patient"));
        folder.save(LocalDate.parse("2026-09-01"), Map.of(), ReportWriter.toJson(a, Map.of(), Map.of()), "face3d test",
            "test model");
        ReportView view = ReportView.of(a, new ReportInfo("P01", "2026-11-03", "2026-11-03", "face3d test",
            "ICT-FaceKit Light"), figures, folder.visits(), "Accuracy: test.");
        Path dir = tmp.resolve("report");
        ReportWriter.write(a, Map.of(), Map.of(), view, dir);

        WebDriver browser = Browser.start(tmp.resolve("profile"));
        try {
            browser.get(dir.resolve("report.html").toUri().toString());
            JavascriptExecutor js = (JavascriptExecutor) browser;
            assertEquals("complete", js.executeScript("return document.readyState"));
            assertEquals("Facial symmetry assessment", browser.getTitle());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> figs = (List<Map<String, Object>>) js.executeAsyncScript(FIGURES);
            assertEquals(figures.size(), figs.size(), "one <img> per figure");
            for (Map<String, Object> f : figs) {
                String name = String.valueOf(f.get("alt"));
                assertTrue(((Number) f.get("w")).doubleValue() > 0 && ((Number) f.get("h")).doubleValue() > 0,
                    name + " has a size on the page");
                assertTrue(((Number) f.get("sd")).doubleValue() > 10, name + " is not blank: luminance sd "
                    + f.get("sd"));
                if (String.valueOf(f.get("cls")).equals("maps")) {
                    double shown = SideSignedHeatmap.LABEL_PX * ((Number) f.get("w")).doubleValue()
                        / ((Number) f.get("nw")).doubleValue();
                    assertTrue(shown >= 12, name + ": colour-bar labels shown " + shown + " px tall");
                }
            }
            String text = (String) js.executeScript("return document.body.innerText");
            for (String key : MeasureWords.keys()) {
                assertFalse(text.contains(key), "the page shows the key " + key);
            }
            assertTrue(text.contains("P01") && text.contains("2026-11-03") && text.contains("2026-09-01"),
                "patient, visit and the earlier visit shown");
            Files.createDirectories(Path.of("target"));
            Browser.screenshot(browser, Path.of("target", "report-screenshot.png"));
            js.executeScript("document.querySelector('.maps').scrollIntoView()");
            Browser.screenshot(browser, Path.of("target", "report-maps-screenshot.png"));
            js.executeScript("document.querySelector('.faces').scrollIntoView()");
            Browser.screenshot(browser, Path.of("target", "report-faces-screenshot.png"));
        } finally {
            browser.quit();
        }

        String page1;
        try (PDDocument pdf = Loader.loadPDF(dir.resolve("report.pdf").toFile())) {
            PDFTextStripper strip = new PDFTextStripper();
            strip.setStartPage(1);
            strip.setEndPage(1);
            page1 = strip.getText(pdf);
        }
        for (String name : List.of("eFACE static", "eFACE dynamic", "eFACE synkinesis", "eFACE total",
            "Sunnybrook composite", "House-Brackmann (estimate)")) {
            ReportView.Score s = view.score(name);
            assertTrue(page1.contains(name + ": " + s.value()), "page 1 has " + name + " = " + s.value());
        }
        assertTrue(page1.contains("P01"), "page 1 names the patient");
    }

    /**
     * Per &lt;img&gt;: its rendered size and the standard deviation of its pixels' luminance, drawn onto a canvas
     * (data: URIs do not taint it).
     */
    private static final String FIGURES = """
        const done = arguments[arguments.length - 1];
        const imgs = Array.from(document.querySelectorAll('img'));
        Promise.all(imgs.map(i => i.decode().catch(() => null))).then(() => done(imgs.map(i => {
          const r = i.getBoundingClientRect();
          const c = document.createElement('canvas');
          c.width = Math.max(1, i.naturalWidth); c.height = Math.max(1, i.naturalHeight);
          const g = c.getContext('2d');
          g.drawImage(i, 0, 0);
          const d = g.getImageData(0, 0, c.width, c.height).data;
          let n = 0, s = 0, s2 = 0;
          for (let k = 0; k < d.length; k += 4 * 7) {
            const y = 0.299 * d[k] + 0.587 * d[k + 1] + 0.114 * d[k + 2];
            n++; s += y; s2 += y * y;
          }
          const m = s / n;
          return {alt: i.alt, cls: i.closest('div').className, w: r.width, h: r.height, nw: i.naturalWidth, sd: Math.sqrt(Math.max(0, s2 / n - m * m))};
        })));
        """;

    @Test
    void theFaceCropHoldsTheFaceAndLittleElse() {
        FaceState rest = state(Map.of());
        BufferedImage photo = photo(Movement.REST);
        ReportFigure crop = ReportFigures.faceCrop(photo, points(rest), Movement.REST);
        assertEquals(ReportFigures.CROP_HEIGHT, crop.image().getHeight());
        double[] p = points(rest);
        java.awt.Rectangle box = ReportFigures.faceBox(p, photo.getWidth(), photo.getHeight());
        for (int i = 0; i < p.length; i += 2) {
            assertTrue(box.contains(p[i], p[i + 1]), "landmark " + i / 2 + " inside the crop");
        }
        assertTrue(box.width * (double) box.height < 0.5 * photo.getWidth() * photo.getHeight(),
            "the crop is the face, not the whole photo: " + box);
    }

    @Test
    void anUndecidedHealthySideIsNeverClaimedOnThePage() {
        Assessment a = Assessor.assess(Map.of(Movement.REST, state(Map.of())), Optional.empty());
        ReportView view = ReportView.of(a, ReportInfo.unnamed("face3d test", "test model"), List.of(), List.of(),
            "Accuracy: test.");
        String html = ReportWriter.html(view);
        assertTrue(html.contains("No side was found weaker: no movement was given"));
        assertFalse(html.contains("the side that moved more"));
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("chosen"));
        assertTrue(html.contains("not given"), "patient and visit are labelled as not given");
        assertEquals("not assessed", view.score("eFACE dynamic").value());
        assertTrue(view.score("eFACE dynamic").note().contains("posture"), "says why: " + view.score("eFACE dynamic"));
    }

    private FaceState state(Map<String, Double> weights) {
        return ModelStates.of(model, null, weights, true);
    }

    /** The 68 landmarks seen from the front on a 1200 x 900 picture, 2.5 px per mm. */
    private static double[] points(FaceState s) {
        double[] p = new double[2 * 68];
        for (int k = 0; k < 68; k++) {
            p[2 * k] = 600 + 2.5 * s.landmarks3d()[3 * k];
            p[2 * k + 1] = 450 - 2.5 * s.landmarks3d()[3 * k + 1];
        }
        return p;
    }

    /** A stand-in photo: a shaded background and the face's landmarks as dots. */
    private BufferedImage photo(Movement m) {
        BufferedImage img = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(90, 110, 140), 1200, 900, new Color(220, 200, 180)));
        g.fillRect(0, 0, 1200, 900);
        g.setColor(Color.BLACK);
        double[] p = points(state(Map.of()));
        for (int k = 0; k < 68; k++) {
            g.fillOval((int) p[2 * k] - 4, (int) p[2 * k + 1] - 4, 8, 8);
        }
        g.dispose();
        return img;
    }
}
