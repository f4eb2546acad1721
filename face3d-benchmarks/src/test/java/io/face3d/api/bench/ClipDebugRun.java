package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.api.video.ClipReconstructor;
import io.face3d.clinic.ClipAnalysis;
import io.face3d.clinic.synthetic.SyntheticClip;
import io.face3d.clinic.synthetic.SyntheticPatient;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Not a test: {@code bench video}'s clips frame by frame beside their truth, on demand (the clip is rendered when
 * {@code clip-SEED.mp4} is not in the directory yet): {@code mvn -B -o -q -pl face3d-benchmarks -am test
 * -Dtest=ClipDebugRun -Dsurefire.failIfNoSpecifiedTests=false -Dclip.dir=DIR -Dclip.seeds=802000,802001}.
 * Writes per subject seed {@code frames-SEED.csv} (frame, the true yaw and pitch added, the fitted yaw, pitch, roll,
 * eye openness right and left, the 68 fitted 3D landmarks, the 68 followed points, the 68 true 3D landmarks),
 * {@code act-SEED.csv} (the followed landmarks' activity and the detector's points) and {@code java-SEED.txt}
 * (rest and the peaks {@link ClipAnalysis} finds, against the scripted ones).
 */
@EnabledIfSystemProperty(named = "clip.dir", matches = ".+")
class ClipDebugRun {
    @Test
    void dump() throws Exception {
        Face3d face3d = Face3d.create(Face3d.Config.defaults());
        MorphableModel model = face3d.model();
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model,
            SyntheticFaceConfig.defaults().withSize(384, 384).withAngles(15, 8, 6));
        Path dir = Path.of(System.getProperty("clip.dir"));
        for (String s : System.getProperty("clip.seeds").split(",")) {
            long seed = Long.parseLong(s.trim());
            Random rnd = new Random(seed);
            SyntheticPatient patient = SyntheticPatient.draw(model, rnd);
            double f = 0.6 * rnd.nextDouble();
            SyntheticClip clip = new SyntheticClip(patient, f, 25, 10, SyntheticClip.tenSeconds(), VideoBenchSuite.MOTION);
            Path file = dir.resolve("clip-" + seed + ".mp4");
            if (!Files.exists(file)) {
                clip.write(file, model, renderer, seed);
            }
            ClipReconstructor.Clip c = new ClipReconstructor(face3d, ClipReconstructor.Config.defaults())
                .reconstruct(file, ClipReconstructor.Listener.NONE);
            StringBuilder b = new StringBuilder();
            ClipAnalysis.Result an = ClipAnalysis.analyse(c.analysisFrames(), c.frameRate(), c.rest(),
                ClipAnalysis.Config.defaults());
            StringBuilder pk = new StringBuilder();
            an.peaks().forEach((m, q) -> pk.append(m).append('=').append(q.frame()).append(' '));
            Files.writeString(dir.resolve("java-" + seed + System.getProperty("clip.tag", "") + ".txt"),
                "rest " + c.rest() + " followedFrom " + c.followedFrom() + " peaks " + pk + " truth " + clip.peakFrames()
                + " blinks " + an.blinks().size() + " fps " + c.processingFps() + "\n");
            b.append(String.format(Locale.ROOT, "# seed %d f %.3f weaker %s rest %d peaks %s fps %.1f%n", seed, f,
                patient.weakerSide().json(), c.rest(), clip.peakFrames(), c.processingFps()));
            for (ClipReconstructor.Frame fr : c.frames()) {
                double t = fr.timeS();
                float[] truth = model.evaluate(patient.identity(), clip.expression(model, t), model.landmarks68());
                double[] turn = clip.motion().turn(t);
                b.append(fr.index()).append(',').append(String.format(Locale.ROOT, "%.2f,%.2f", turn[0], turn[1]));
                if (fr.hasFace()) {
                    double[] e = fr.posture().pose().eulerDegrees();
                    b.append(String.format(Locale.ROOT, ",%.3f,%.3f,%.3f", e[0], e[1], e[2]));
                    double[] eo = fr.eyeOpenness();
                    b.append(String.format(Locale.ROOT, ",%.4f,%.4f", eo == null ? Double.NaN : eo[0], eo == null ? Double.NaN : eo[1]));
                    for (float v : fr.posture().landmarks3d()) {
                        b.append(',').append(String.format(Locale.ROOT, "%.3f", v));
                    }
                    for (double v : fr.points()) {
                        b.append(',').append(String.format(Locale.ROOT, "%.2f", v));
                    }
                } else {
                    b.append(",nan".repeat(5 + 204 + 136));
                }
                for (float v : truth) {
                    b.append(',').append(String.format(Locale.ROOT, "%.3f", v));
                }
                b.append('\n');
            }
            Files.writeString(dir.resolve("frames-" + seed + System.getProperty("clip.tag", "") + ".csv"), b);
            StringBuilder a = new StringBuilder();
            for (int t = 0; t < c.frames().size(); t++) {
                ClipReconstructor.Frame fr = c.frames().get(t);
                a.append(t).append(',').append(String.format(Locale.ROOT, "%.3f", c.activity()[t]));
                double[] det = fr.detected();
                for (int q = 0; q < 136; q++) {
                    a.append(',').append(det == null ? "nan" : String.format(Locale.ROOT, "%.2f", det[q]));
                }
                a.append('\n');
            }
            Files.writeString(dir.resolve("act-" + seed + System.getProperty("clip.tag", "") + ".csv"), a);
        }
    }
}
