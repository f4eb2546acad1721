package io.face3d.clinic;

import com.fasterxml.jackson.databind.JsonNode;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the report page and the PDF show, in words, from an assessment: the scores first, a plain-language summary,
 * one line per movement, each scale's items (not assessed ones with why), the faces, the side-signed asymmetry maps
 * and the patient's earlier visits. The page template (src/main/jte/report.jte) and {@link ReportPdf} only lay it out.
 *
 * @param title      the report's heading
 * @param disclaimer what the tool is not
 * @param fields     patient, visit, date, tool, model (a missing one says "not given")
 * @param scores     the headline scores
 * @param summary    plain-language sentences, the healthy side's first
 * @param movements  one line per movement given
 * @param scales     eFACE, Sunnybrook, House-Brackmann item by item
 * @param faces      a picture of the face per posture
 * @param maps       a side-signed asymmetry map per posture
 * @param details    supporting pictures (the photos with the fitted points)
 * @param visits     the patient's visits, oldest first, this one last; empty without a patient folder
 * @param accuracy   what the benchmarks measured
 */
public record ReportView(String title, String disclaimer, List<Field> fields, List<Score> scores, List<String> summary,
                         List<MovementLine> movements, List<ScaleTable> scales, List<Picture> faces,
                         List<Picture> maps, List<Picture> details, List<VisitRow> visits, String accuracy) {
    public record Field(String label, String value, boolean given) {
    }

    /** A headline score: its name, its value in text ("not assessed" when it was not), and a note (range or why). */
    public record Score(String name, String value, String note, boolean assessed) {
    }

    /**
     * @param movement the movement in words
     * @param measure  its primary measure in words, with the unit
     * @param right    the right side's value
     * @param left     the left side's value
     * @param finding  which side is weaker and by how much, in words
     */
    public record MovementLine(String movement, String measure, String right, String left, String finding) {
    }

    public record ScaleTable(String title, boolean estimate, String scores, List<ItemRow> items) {
    }

    /** A scale item: its label, its grade (or "not assessed: why"), the measure in words, its value, the rule. */
    public record ItemRow(String label, String grade, String from, String measured, String rule, boolean assessed) {
    }

    /** A picture: its caption, its PNG as a data URI for the page, and the image for the PDF. */
    public record Picture(String caption, String dataUri, BufferedImage image) {
    }

    /** One visit's headline scores. */
    public record VisitRow(String date, String efaceTotal, String sunnybrook, String houseBrackmann, boolean current) {
    }

    public static final String DISCLAIMER = "Research tool, not a medical device.";

    /**
     * @param earlier the patient's stored visits before this one (oldest first), or an empty list
     */
    public static ReportView of(Assessment a, ReportInfo info, List<ReportFigure> figures,
                                List<PatientFolder.Visit> earlier, String accuracy) {
        List<Field> fields = List.of(field("Patient", info.patient()), field("Visit", info.visit()),
            field("Report date", info.date()), field("Tool", info.tool()), field("Model", info.model()));
        ScaleResult eface = a.scale("eface"), sb = a.scale("sunnybrook"), hb = a.scale("house_brackmann");
        List<Score> scores = new ArrayList<>();
        for (String k : List.of("static", "dynamic", "synkinesis", "total")) {
            scores.add(score("eFACE " + k, eface.scores().get(k), "%.0f", "0-100, 100 = normal", eface.items(),
                efaceGroup(k)));
        }
        scores.add(score("Sunnybrook composite", sb.scores().get("composite"), "%.0f", "0-100, 100 = normal",
            sb.items(), null));
        String hbNote = "House-Brackmann I (normal) to VI (total paralysis); an estimate from the regional "
            + "measures, not a clinician's grade";
        scores.add(hb.grade() != null ? new Score("House-Brackmann (estimate)", hb.grade(), hbNote, true)
            : new Score("House-Brackmann (estimate)", "not assessed", whyNot(hb.items().subList(0, 4)), false));
        List<String> summary = new ArrayList<>();
        summary.add(ReportWriter.healthySentence(a));
        summary.add(overall(a, scores));
        ReportWriter.summary(a).forEach((k, v) -> summary.add(k + ": " + v));
        if (a.movements().isEmpty()) {
            summary.add("Only the face at rest was given: the movement items are not assessed.");
        }
        List<MovementLine> lines = new ArrayList<>();
        for (MovementScore s : a.movements().values()) {
            MeasureWords.Words w = MeasureWords.of(s.primary());
            String unit = w.unit().isEmpty() ? "" : " (" + w.unit() + ")";
            lines.add(new MovementLine(s.movement().label(), w.words() + unit + ("pixels".equals(s.primarySource())
                    ? ", read from the photo's pixels" : ""),
                MeasureWords.value(s.primary(), s.changeRight().get(s.primary())),
                MeasureWords.value(s.primary(), s.changeLeft().get(s.primary())), ReportWriter.summary(a).get(
                    s.movement().label())));
        }
        List<ScaleTable> scales = new ArrayList<>();
        for (ScaleResult sr : a.scales()) {
            List<ItemRow> rows = new ArrayList<>();
            for (ScaleItem i : sr.items()) {
                rows.add(new ItemRow(i.label(), i.assessed() ? number(i.value(), "%.0f", "%.2f") : i.status(),
                    MeasureWords.inWords(i.measure()), i.assessed() ? number(i.measured(), "%.2f", "%.2f") : "-",
                    MeasureWords.inWords(i.rule()), i.assessed()));
            }
            StringBuilder sc = new StringBuilder();
            if (sr.grade() != null) {
                sc.append("Grade ").append(sr.grade()).append(". ");
            }
            sr.scores().forEach((k, v) -> sc.append(k.replace('_', ' ')).append(' ')
                .append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : "not assessed").append("; "));
            scales.add(new ScaleTable(sr.title(), sr.estimate(), sc.toString().replaceAll("; $", ""), rows));
        }
        List<VisitRow> visits = new ArrayList<>();
        for (PatientFolder.Visit v : earlier) {
            JsonNode s = v.report().path("scales");
            visits.add(new VisitRow(v.date().toString(), text(s.at("/eface/scores/total")),
                text(s.at("/sunnybrook/scores/composite")), s.at("/house_brackmann/grade").asText("-"), false));
        }
        if (!visits.isEmpty()) {
            visits.add(new VisitRow(info.visit() != null ? info.visit() : info.date() + " (this report)",
                scores.get(3).value(), scores.get(4).value(), scores.get(5).value(), true));
        }
        return new ReportView("Facial symmetry assessment", DISCLAIMER, fields, scores, summary, lines, scales,
            pictures(figures, ReportFigure.Kind.FACE), pictures(figures, ReportFigure.Kind.ASYMMETRY),
            pictures(figures, ReportFigure.Kind.DETAIL), visits, accuracy);
    }

    /** One sentence: the eFACE total and the movement that differs most between the sides. */
    private static String overall(Assessment a, List<Score> scores) {
        Score total = scores.get(3);
        String s = total.assessed() ? "Overall: eFACE total " + total.value() + " of 100 (100 = normal)"
            : "Overall: the eFACE total was not assessed";
        MovementScore worst = a.movements().values().stream().min(java.util.Comparator.comparingDouble(
            MovementScore::ratio)).orElse(null);
        if (worst != null && worst.ratio() < 0.9) {
            s += String.format(Locale.ROOT, "; the largest difference is in the %s, where the %s side moves %.0f%% "
                    + "as much as the %s side", worst.movement().label().toLowerCase(Locale.ROOT),
                worst.weakerSide().json(), 100 * worst.ratio(), worst.weakerSide().other().json());
        } else if (worst != null) {
            s += "; the sides move alike in every movement given";
        }
        return s + ".";
    }

    private static Field field(String label, String value) {
        boolean given = value != null && !value.isBlank();
        return new Field(label, given ? value : "not given", given);
    }

    /** The eFACE items a score averages: its group's, or all for the total. */
    private static String efaceGroup(String score) {
        return score.equals("total") ? null : score;
    }

    private static Score score(String name, double v, String format, String range, List<ScaleItem> items,
                               String efaceGroup) {
        if (Double.isFinite(v)) {
            return new Score(name, String.format(Locale.ROOT, format, v), range, true);
        }
        List<ScaleItem> relevant = efaceGroup == null ? items : items.subList(groupStart(efaceGroup),
            groupStart(efaceGroup) + groupSize(efaceGroup));
        return new Score(name, "not assessed", whyNot(relevant), false);
    }

    /** eFACE's item order (EFace.grade): 4 static, 7 dynamic, 4 synkinesis. */
    private static int groupStart(String group) {
        return switch (group) {
            case "static" -> 0;
            case "dynamic" -> 4;
            default -> 11;
        };
    }

    private static int groupSize(String group) {
        return group.equals("dynamic") ? 7 : 4;
    }

    private static String whyNot(List<ScaleItem> items) {
        Set<String> why = new LinkedHashSet<>();
        items.stream().filter(i -> !i.assessed()).forEach(i -> why.add(i.status().replaceFirst("^not assessed: ", "")));
        return why.isEmpty() ? "" : String.join("; ", why);
    }

    private static String number(double v, String whole, String fraction) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(v - Math.rint(v)) < 1e-9 ? whole : fraction, v);
    }

    private static String text(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.0f", n.asDouble()) : "-";
    }

    private static List<Picture> pictures(List<ReportFigure> figures, ReportFigure.Kind kind) {
        List<Picture> out = new ArrayList<>();
        for (ReportFigure f : figures) {
            if (f.kind() == kind) {
                try {
                    out.add(new Picture(f.caption(), "data:image/png;base64," + ReportWriter.png(f.image()), f.image()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // encoding to memory does not fail
                }
            }
        }
        return out;
    }

    /** Used by the template: the headline score called {@code name}. */
    public Score score(String name) {
        return scores.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

}
