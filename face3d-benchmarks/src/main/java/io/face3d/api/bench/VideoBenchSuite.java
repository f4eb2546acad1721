package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.api.video.ClipReconstructor;
import io.face3d.api.video.VideoAssessment;
import io.face3d.clinic.Assessment;
import io.face3d.clinic.ClipAnalysis;
import io.face3d.clinic.Movement;
import io.face3d.clinic.synthetic.SyntheticClip;
import io.face3d.clinic.synthetic.SyntheticPatient;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * {@code face3d bench video}: 10 s rendered clips ({@link SyntheticClip#tenSeconds}: brow raise, blinks, gentle eye
 * closure, smile, pucker) of synthetic patients (weaker side activation f ~ U(0, 0.6)), 25 fps, 384 x 384, the head
 * drifting about the seed's pose ({@link #MOTION}), encoded to MP4 and assessed as {@code assess --video} does.
 * Reported: peak-frame error per movement (against the middle of the scripted segment; also with the earlier peak
 * definition, the middle of the run within 90% of the maximum, on the same frames), blinks found, the weaker side
 * against the photo path on renders of the same subjects' postures (same seed, the seed's pose), frames per second and
 * thread CPU per frame. Subject seeds are {@code 800000 + 1000 * seed + k}.
 */
public final class VideoBenchSuite extends AbstractBenchSuite {
    /** Yaw +-4 and pitch +-3 degrees about the seed's pose, yaw period 8 s: a seated patient's drift. */
    static final SyntheticClip.HeadMotion MOTION = new SyntheticClip.HeadMotion(4, 3, 8);
    private static final ClipAnalysis.Config RUN_NEAR_MAXIMUM = new ClipAnalysis.Config(0.3, 0.5, 0.9,
        ClipAnalysis.Config.defaults().minMovementMm());

    public VideoBenchSuite() {
        super("video", "assess --video on rendered 10 s clips: peak-frame error, weaker side vs photos, frames per second");
    }

    @Override
    public Result run(Context context) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults());
        MorphableModel model = face3d.model();
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model,
            SyntheticFaceConfig.defaults().withSize(384, 384).withAngles(15, 8, 6));
        int subjects = context.sizeOr(4);
        // quick: the 3.6 s script (brow, a blink, smile) instead of the 10 s one
        double seconds = context.quick() ? 3.6 : 10;
        List<SyntheticClip.Segment> script = context.quick() ? SyntheticClip.short3s() : SyntheticClip.tenSeconds();
        StringBuilder rows = new StringBuilder();
        Map<Movement, int[]> agree = new EnumMap<>(Movement.class);
        int found = 0, within3 = 0, scripted = 0, blinksFound = 0, blinksScripted = 0, nearMaxWithin3 = 0;
        double fpsSum = 0, cpuSum = 0;
        for (int k = 0; k < subjects; k++) {
            long seed = 800000 + 1000 * context.seed() + k;
            Random rnd = new Random(seed);
            SyntheticPatient patient = SyntheticPatient.draw(model, rnd);
            double f = 0.6 * rnd.nextDouble();
            SyntheticClip clip = new SyntheticClip(patient, f, 25, seconds, script, MOTION);
            Path file = context.outDir().resolve("clip-" + seed + ".mp4");
            clip.write(file, model, renderer, seed);
            VideoAssessment v = VideoAssessment.of(face3d, file, ClipReconstructor.Config.defaults(), Optional.empty(),
                ClipReconstructor.Listener.NONE);
            Assessment photos = AssessBenchmark.fromPhotos(face3d, model, renderer, patient.identity(),
                patient.expressions(model, f, clip.movements()), seed);
            Map<Movement, ClipAnalysis.Peak> nearMax = ClipAnalysis.analyse(v.clip().analysisFrames(),
                v.clip().frameRate(), v.analysis().rest(), RUN_NEAR_MAXIMUM).peaks();
            StringBuilder errors = new StringBuilder(), nearMaxErrors = new StringBuilder();
            for (Map.Entry<Movement, Integer> e : clip.peakFrames().entrySet()) {
                scripted++;
                ClipAnalysis.Peak q = nearMax.get(e.getKey());
                if (q != null) {
                    int err = Math.abs(q.frame() - e.getValue());
                    nearMaxWithin3 += err <= 3 ? 1 : 0;
                    nearMaxErrors.append(e.getKey().key()).append(' ').append(err).append("; ");
                }
                ClipAnalysis.Peak p = v.analysis().peaks().get(e.getKey());
                if (p == null) {
                    errors.append(e.getKey().key()).append(" missed; ");
                    continue;
                }
                found++;
                int err = Math.abs(p.frame() - e.getValue());
                within3 += err <= 3 ? 1 : 0;
                errors.append(e.getKey().key()).append(' ').append(err).append("; ");
                if (v.assessment().movements().containsKey(e.getKey()) && photos.movements().containsKey(e.getKey())) {
                    int[] c = agree.computeIfAbsent(e.getKey(), m -> new int[2]);
                    c[0] += v.assessment().movements().get(e.getKey()).weakerSide()
                        == photos.movements().get(e.getKey()).weakerSide() ? 1 : 0;
                    c[1]++;
                }
            }
            blinksFound += v.analysis().blinks().size();
            blinksScripted += clip.blinks();
            double[] cpu = v.clip().frames().stream().mapToDouble(ClipReconstructor.Frame::cpuMs).sorted().toArray();
            fpsSum += v.clip().processingFps();
            cpuSum += cpu[cpu.length / 2];
            rows.append(String.format(Locale.ROOT, "| %d | %.2f | %s | %s | %s | %d/%d | %.1f | %.1f |%n", seed, f,
                patient.weakerSide().json(), errors, nearMaxErrors, v.analysis().blinks().size(), clip.blinks(),
                v.clip().processingFps(), cpu[cpu.length / 2]));
            context.progress().accept("video: subject " + (k + 1) + "/" + subjects);
        }
        StringBuilder md = new StringBuilder("## Video (`face3d bench video`)\n\n");
        md.append(String.format(Locale.ROOT, "%d rendered %s s clips (25 fps, 384 x 384, MPEG-4, head drifting yaw "
            + "+-%.0f, pitch +-%.0f degrees), seed %d. Peaks found %d of %d scripted, within 3 frames %d of %d (peak = "
            + "middle of the run above half the maximum; with the run within 90%% of the maximum: %d of %d); blinks found "
            + "%d of %d; mean processing %.1f frames/s, median thread CPU %.1f ms per frame (the machine's load "
            + "included).%n%n", subjects, context.quick() ? "3.6" : "10", MOTION.yawDegrees(), MOTION.pitchDegrees(),
            context.seed(), found, scripted, within3, scripted, nearMaxWithin3, scripted, blinksFound, blinksScripted,
            fpsSum / subjects, cpuSum / subjects));
        md.append("Weaker side, clip against photos of the same subject:");
        agree.forEach((m, c) -> md.append(String.format(Locale.ROOT, " %s %d/%d;", m.key(), c[0], c[1])));
        md.append("\n\n| subject seed | f | weaker side | peak-frame error | same, run within 90% of the maximum | blinks "
            + "| frames/s | CPU ms/frame |\n|---|---|---|---|---|---|---|---|\n").append(rows);
        return new Result(md.toString());
    }
}
