package io.face3d.api.video;

import io.face3d.clinic.ClipAnalysis;
import io.face3d.clinic.Movement;
import io.face3d.core.Face3dException;
import io.face3d.core.io.AtomicFiles;
import io.face3d.eval.plot.Charts;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a clip's reconstruction and analysis write: the per-frame CSV, the movement curves, a JSON-ready summary. */
public final class ClipFiles {
    private ClipFiles() {
    }

    /**
     * One row per frame: time, whether a face was found and the whole-frame detector ran, pose (SOP on the rigid
     * points: yaw, pitch, roll in degrees, scale, tx, ty), eye openness from the pixels, each measure's change from
     * rest per side when {@code analysis} is given, the blendshape weights when {@code expressionNames} is given, and
     * the thread CPU time of the frame.
     */
    public static String framesCsv(ClipReconstructor.Clip clip, ClipAnalysis.Result analysis,
                                   List<String> expressionNames) {
        List<String> header = new ArrayList<>(List.of("frame", "time_s", "face", "full_detection", "yaw_deg",
            "pitch_deg", "roll_deg", "scale", "tx", "ty", "eye_openness_right", "eye_openness_left"));
        if (analysis != null) {
            for (String m : ClipAnalysis.MEASURES) {
                header.add(m + "_right");
                header.add(m + "_left");
            }
        }
        if (expressionNames != null) {
            header.addAll(expressionNames);
        }
        header.add("cpu_ms");
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
            .get())) {
            for (ClipReconstructor.Frame f : clip.frames()) {
                List<Object> row = new ArrayList<>(List.of(f.index(), num(f.timeS()), f.hasFace() ? 1 : 0,
                    f.detection() ? 1 : 0));
                if (f.hasFace()) {
                    double[] e = f.posture().pose().eulerDegrees();
                    row.addAll(List.of(num(e[0]), num(e[1]), num(e[2]), num(f.posture().pose().scale()),
                        num(f.posture().pose().tx()), num(f.posture().pose().ty())));
                } else {
                    row.addAll(List.of("", "", "", "", "", ""));
                }
                row.add(f.eyeOpenness() == null ? "" : num(f.eyeOpenness()[0]));
                row.add(f.eyeOpenness() == null ? "" : num(f.eyeOpenness()[1]));
                if (analysis != null) {
                    for (String m : ClipAnalysis.MEASURES) {
                        double[][] c = analysis.curves().get(m);
                        row.add(num(c[0][f.index()]));
                        row.add(num(c[1][f.index()]));
                    }
                }
                if (expressionNames != null) {
                    for (int k = 0; k < expressionNames.size(); k++) {
                        row.add(f.hasFace() ? num(f.posture().expression()[k]) : "");
                    }
                }
                row.add(num(f.cpuMs()));
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Writes {@link #framesCsv} atomically. */
    public static void writeFramesCsv(Path file, ClipReconstructor.Clip clip, ClipAnalysis.Result analysis,
                                      List<String> expressionNames) {
        try {
            AtomicFiles.writeString(file, framesCsv(clip, analysis, expressionNames));
        } catch (RuntimeException e) {
            throw new Face3dException("cannot write " + file + " (" + e.getMessage() + "): check the folder is writable");
        }
    }

    /** Each movement's curve per side over time (its primary measure's change from rest), peaks marked. */
    public static Map<String, BufferedImage> curves(ClipAnalysis.Result a) {
        double[] time = new double[a.frames()];
        for (int t = 0; t < time.length; t++) {
            time[t] = t / a.frameRate();
        }
        double[] marks = a.peaks().values().stream().mapToDouble(p -> p.frame() / a.frameRate()).toArray();
        List<Charts.Series> mm = new ArrayList<>();
        for (String m : List.of("brow_height_change_mm", "excursion_change_mm", "upper_lip_lift_mm")) {
            double[][] c = a.curves().get(m);
            mm.add(new Charts.Series(m + " right", time, c[0]));
            mm.add(new Charts.Series(m + " left", time, c[1]));
        }
        double[][] eye = a.curves().get("closure_fraction");
        Map<String, BufferedImage> out = new LinkedHashMap<>();
        out.put("clip: brow and mouth movements per side over time (change from the rest frame, mm; grey lines: the "
            + "peaks found)", Charts.timeSeries("movements per side", "time (s)", "change from rest (mm)", mm, marks));
        out.put("clip: eye closure per side over time (from the pixels; blinks and the gentle closure)",
            Charts.timeSeries("eye closure per side", "time (s)", "closure fraction", List.of(
                new Charts.Series("right eye", time, eye[0]), new Charts.Series("left eye", time, eye[1])), marks));
        return out;
    }

    /** The clip's findings for report.json: rest and peak frames, blinks, co-movement, processing speed. */
    public static Map<String, Object> summary(ClipReconstructor.Clip clip, ClipAnalysis.Result a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("file", clip.file().toString());
        v.put("frame_rate", clip.frameRate());
        v.put("frames", clip.frames().size());
        v.put("frames_with_face", clip.frames().stream().filter(ClipReconstructor.Frame::hasFace).count());
        v.put("full_detections", clip.detections());
        v.put("rest_frame", a.rest());
        v.put("identity_frames", clip.restLike());
        Map<String, Object> peaks = new LinkedHashMap<>();
        for (Movement m : ClipAnalysis.MOVEMENTS) {
            ClipAnalysis.Peak p = a.peaks().get(m);
            if (p != null) {
                peaks.put(m.key(), Map.of("frame", p.frame(), "time_s", p.frame() / clip.frameRate(),
                    "value", p.value(), "first_frame", p.start(), "last_frame", p.end()));
            }
        }
        v.put("peaks", peaks);
        v.put("not_found", ClipAnalysis.MOVEMENTS.stream().filter(m -> !a.peaks().containsKey(m)).map(Movement::key)
            .toList());
        Map<String, Object> blinks = new LinkedHashMap<>();
        blinks.put("count", a.blinks().size());
        blinks.put("per_minute", a.blinksPerMinute());
        blinks.put("completeness_right", a.blinkCompleteness()[0]);
        blinks.put("completeness_left", a.blinkCompleteness()[1]);
        blinks.put("frames", a.blinks().stream().map(b -> new int[] {b.start(), b.end()}).toList());
        v.put("blinks", blinks);
        ClipAnalysis.CoMovement c = a.coMovement();
        Map<String, Object> co = new LinkedHashMap<>();
        co.put("eye_closure_with_mouth_correlation_right", c.correlation()[0]);
        co.put("eye_closure_with_mouth_correlation_left", c.correlation()[1]);
        co.put("eye_closure_at_smile_peak_right", c.closureAtSmile()[0]);
        co.put("eye_closure_at_smile_peak_left", c.closureAtSmile()[1]);
        co.put("eye_closure_at_pucker_peak_right", c.closureAtPucker()[0]);
        co.put("eye_closure_at_pucker_peak_left", c.closureAtPucker()[1]);
        v.put("synkinesis_co_movement", co);
        double[] cpu = clip.frames().stream().mapToDouble(ClipReconstructor.Frame::cpuMs).sorted().toArray();
        Map<String, Object> speed = new LinkedHashMap<>();
        speed.put("frames_per_second", clip.processingFps());
        speed.put("cpu_ms_per_frame_median", cpu.length == 0 ? Double.NaN : cpu[cpu.length / 2]);
        speed.put("stage_ms", clip.stageMs());
        v.put("processing", speed);
        return v;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.5g", v) : "";
    }
}
