package io.face3d.cli;

import io.face3d.api.Face3d;
import io.face3d.api.PosturePhotos;
import io.face3d.api.video.ClipFiles;
import io.face3d.api.video.ClipReconstructor;
import io.face3d.api.video.VideoAssessment;
import io.face3d.api.video.VideoReader;
import io.face3d.clinic.ClipAnalysis;
import io.face3d.clinic.Movement;
import io.face3d.clinic.ReportFigure;
import io.face3d.clinic.ReportFigures;
import io.face3d.clinic.ReportWriter;
import io.face3d.core.image.Images;
import io.face3d.clinic.Side;
import io.face3d.core.model.MorphableModel;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code face3d assess --video CLIP}: the clip's face reconstructed frame by frame ({@link ClipReconstructor}), rest
 * and the movements' peaks found ({@link ClipAnalysis}), those frames assessed as photos ({@link VideoAssessment}),
 * and the report written as the photo path writes it, with the clip's curves, blinks, co-movement and frames.csv.
 */
final class VideoAssess {
    /**
     * Seconds per frame of each pass and the fixed steps until this run has timed them: a 10 s, 25 fps, 384 x 384
     * rendered clip on the 2 shared cores (landmarks 30 ms per frame, tracking 15 ms; postures about 3 s).
     */
    private static final double LANDMARKS_S = 0.03, TRACKING_S = 0.015;

    private final PrintWriter err;
    private final Path outDir;
    private final String detector;
    private final Path patient;
    private final String accuracy;

    VideoAssess(PrintWriter err, Path outDir, String detector, Path patient, String accuracy) {
        this.err = err;
        this.outDir = outDir;
        this.detector = detector;
        this.patient = patient;
        this.accuracy = accuracy;
    }

    int run(Path video, Optional<Side> healthy, java.time.LocalDate visitDate) {
        int frames;
        try (VideoReader probe = VideoReader.open(video)) {
            frames = probe.frameCountEstimate();
        }
        int n = Math.max(1, frames);
        try (Steps steps = new Steps(err, "face3d assess", new Steps.Estimates(Map.of("model", 0.7,
            "landmarks", LANDMARKS_S * n, "tracking", TRACKING_S * n, "postures", 3.0, "report", 2.0)))) {
            steps.plan(List.of("landmarks", "tracking", "postures", "report")).start("model", "loading the model");
            Face3d face3d = Face3d.create(Face3d.Config.defaults());
            MorphableModel model = face3d.model();
            steps.start("landmarks", "finding the face in every frame");
            boolean[] tracking = {false};
            ClipReconstructor.Listener listener = (pass, done, total) -> {
                if (pass.equals("tracking") && !tracking[0]) {
                    tracking[0] = true;
                    steps.start("tracking", "following the rest frame's points through the clip");
                }
                steps.relabel((pass.equals("tracking") ? "following the rest frame's points" : "finding the face")
                    + String.format(Locale.ROOT, ", frame %d of %s", done, total > 0 ? String.valueOf(total) : "?"));
            };
            ClipReconstructor.Config config = new ClipReconstructor.Config(detector,
                ClipReconstructor.Config.defaults().smoothing(), 0.5, 12, 5, Runtime.getRuntime().availableProcessors());
            ClipReconstructor.Clip clip = new ClipReconstructor(face3d, config).reconstruct(video, listener);
            ClipAnalysis.Result analysis = ClipAnalysis.analyse(clip.analysisFrames(), clip.frameRate(), clip.rest(),
                ClipAnalysis.Config.defaults());
            steps.start("postures", "assessing the rest frame and " + Failures.plural(analysis.peaks().size(),
                "peak frame") + " as photos");
            VideoAssessment v = VideoAssessment.assess(face3d, clip, analysis, detector, healthy);

            steps.start("report", "writing the report");
            List<ReportFigure> figures = new ArrayList<>();
            Map<Movement, String> sources = new EnumMap<>(Movement.class);
            v.frames().forEach((m, f) -> {
                PosturePhotos.Posture p = v.postures().get(m);
                figures.add(ReportFigures.faceCrop(Images.toBufferedImage(v.images().get(m)), p.followed(), m));
                figures.add(new ReportFigure(ReportFigure.Kind.DETAIL, m, "frame " + f + " (" + m.label() + "): points "
                    + "measured (red) and the joint fit (blue)", Overlays.fit(v.images().get(m),
                    List.of(new Overlays.FittedFace(p.followed(), p.fit())), model)));
                sources.put(m, "video frame " + f);
            });
            ClipFiles.curves(analysis).forEach((caption, img) -> figures.add(new ReportFigure(
                ReportFigure.Kind.DETAIL, Movement.REST, caption, img)));
            figures.addAll(ReportFigures.asymmetryMaps(model, v.states()));
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("inputs", Map.of("video", video.toString()));
            extra.put("summary", ReportWriter.summary(v.assessment()));
            extra.put("video", ClipFiles.summary(clip, analysis));
            ReportWriter.write(v.assessment(), sources, extra, AssessCommand.view(v.assessment(), model, patient,
                visitDate, figures, accuracy), outDir);
            ClipFiles.writeFramesCsv(outDir.resolve("frames.csv"), clip, analysis, null);
            if (visitDate != null) {
                AssessCommand.storeVisit(err, patient, visitDate, Map.of("video", video), v.assessment(), sources,
                    extra, v.states(), model);
            }
            err.println(String.format(Locale.ROOT, "face3d assess: %d frames at %.1f frames/s; rest at frame %d; "
                    + "peaks %s; %d blinks", clip.frames().size(), clip.processingFps(), clip.rest(),
                peakList(analysis), analysis.blinks().size()).replace(" 1 blinks", " 1 blink"));
            err.println("face3d assess: wrote " + outDir.resolve("report.json") + ", " + outDir.resolve("report.html")
                + " and " + outDir.resolve("frames.csv"));
            return ExitCodes.OK;
        }
    }

    private static String peakList(ClipAnalysis.Result a) {
        if (a.peaks().isEmpty()) {
            return "none found";
        }
        StringBuilder s = new StringBuilder();
        a.peaks().forEach((m, p) -> s.append(s.length() == 0 ? "" : ", ").append(m.key()).append(" at frame ")
            .append(p.frame()));
        return s.toString();
    }
}
