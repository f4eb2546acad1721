package io.face3d.clinic;

import io.face3d.core.io.AtomicFiles;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as an A4 PDF drawn with PDFBox: page 1 the patient / visit fields, the scores and the summary; then
 * the movements, the visits and each scale's items; then the faces and the asymmetry maps. Drawn, not printed from
 * the page, so that it needs no browser (docs/decisions/report-template.md).
 */
public final class ReportPdf {
    private static final float MARGIN = 50, WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN,
        TOP = PDRectangle.A4.getHeight() - MARGIN;

    /**
     * PDFBox logs (INFO) when it first indexes the system fonts; a command's output is its own lines only. Held here
     * because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger PDFBOX_LOG = quiet(java.util.logging.Logger.getLogger("org.apache.pdfbox"));

    private static java.util.logging.Logger quiet(java.util.logging.Logger l) {
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    private ReportPdf() {
    }

    /** Writes the PDF atomically to {@code target}. */
    public static void write(ReportView r, Path target) {
        AtomicFiles.write(target, tmp -> {
            try (PDDocument doc = new PDDocument()) {
                draw(r, doc);
                doc.save(tmp.toFile());
            }
        });
    }

    private static void draw(ReportView r, PDDocument doc) throws IOException {
        try (Pages p = new Pages(doc)) {
            p.text(r.title(), p.bold, 18);
            for (ReportView.Field f : r.fields()) {
                p.text(f.label() + ": " + f.value(), p.regular, 10);
            }
            p.text(r.disclaimer(), p.bold, 10);
            p.gap();
            p.text("Scores", p.bold, 14);
            for (ReportView.Score s : r.scores()) {
                p.text(s.name() + ": " + s.value() + (s.note().isEmpty() ? "" : "   (" + s.note() + ")"), p.regular,
                    11);
            }
            p.gap();
            p.text("Summary", p.bold, 14);
            for (String line : r.summary()) {
                p.text("- " + line, p.regular, 10);
            }
            p.gap();
            p.text(r.accuracy(), p.regular, 8);
            p.newPage();
            if (!r.movements().isEmpty()) {
                p.text("Movements", p.bold, 14);
                for (ReportView.MovementLine m : r.movements()) {
                    p.text(m.movement() + " - " + m.measure() + ": right " + m.right() + ", left " + m.left() + ". "
                        + m.finding(), p.regular, 10);
                }
                p.gap();
            }
            if (!r.visits().isEmpty()) {
                p.text("Visits (eFACE total / Sunnybrook composite / House-Brackmann estimate)", p.bold, 14);
                for (ReportView.VisitRow v : r.visits()) {
                    p.text(v.date() + ": " + v.efaceTotal() + " / " + v.sunnybrook() + " / " + v.houseBrackmann(),
                        v.current() ? p.bold : p.regular, 10);
                }
                p.gap();
            }
            for (ReportView.ScaleTable sc : r.scales()) {
                p.text(sc.title(), p.bold, 14);
                p.text(sc.scores(), p.regular, 10);
                for (ReportView.ItemRow i : sc.items()) {
                    p.text(i.label() + ": " + i.grade() + (i.assessed() ? "   (" + i.from() + " = " + i.measured() + ")"
                        : ""), p.regular, 9);
                }
                p.gap();
            }
            List<ReportView.Picture> pictures = new ArrayList<>(r.faces());
            pictures.addAll(r.maps());
            if (!pictures.isEmpty()) {
                p.newPage();
                p.text("Faces and asymmetry maps", p.bold, 14);
                for (ReportView.Picture pic : pictures) {
                    p.image(pic);
                }
            }
        }
    }

    /** A cursor over A4 pages: wrapped text lines and images, a new page when the current one is full. */
    private static final class Pages implements AutoCloseable {
        final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final PDDocument doc;
        private PDPageContentStream cs;
        private float y;

        Pages(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = TOP;
        }

        void gap() {
            y -= 8;
        }

        void text(String s, PDFont font, float size) throws IOException {
            for (String line : wrap(encodable(s, font), font, size)) {
                if (y - size * 1.3f < MARGIN) {
                    newPage();
                }
                y -= size * 1.3f;
                cs.beginText();
                cs.setFont(font, size);
                cs.newLineAtOffset(MARGIN, y);
                cs.showText(line);
                cs.endText();
            }
        }

        void image(ReportView.Picture pic) throws IOException {
            PDImageXObject img = LosslessFactory.createFromImage(doc, pic.image());
            float scale = Math.min(WIDTH / img.getWidth(), 300f / img.getHeight());
            float w = img.getWidth() * scale, h = img.getHeight() * scale;
            if (y - h - 30 < MARGIN) {
                newPage();
            }
            y -= h;
            cs.drawImage(img, MARGIN, y, w, h);
            text(pic.caption(), regular, 8);
            gap();
        }

        private static List<String> wrap(String s, PDFont font, float size) throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : s.split(" ")) {
                String next = line.isEmpty() ? word : line + " " + word;
                if (font.getStringWidth(next) / 1000 * size > WIDTH && !line.isEmpty()) {
                    out.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(next);
                }
            }
            out.add(line.toString());
            return out;
        }

        /** The standard PDF fonts encode WinAnsi only: any other character becomes '?'. */
        private static String encodable(String s, PDFont font) {
            StringBuilder b = new StringBuilder(s.length());
            s.codePoints().forEach(c -> {
                String ch = new String(Character.toChars(c));
                try {
                    font.encode(ch);
                    b.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                    b.append('?');
                }
            });
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            cs.close();
        }
    }
}
