package io.face3d.api.video;

import io.face3d.api.Face3d;
import io.face3d.api.PosturePhotos;
import io.face3d.clinic.Assessment;
import io.face3d.clinic.Assessor;
import io.face3d.clinic.ClipAnalysis;
import io.face3d.clinic.FaceState;
import io.face3d.clinic.Movement;
import io.face3d.clinic.synthetic.SyntheticClip;
import io.face3d.clinic.synthetic.SyntheticPatient;
import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.image.RgbImage;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.RequiredAssets;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rendered clip with known movements (a synthetic patient: brow raise, a blink, smile; known weaker side) encoded to
 * MP4 and assessed end to end as {@code assess --video} does: every scripted peak found within 3 frames, the blink
 * counted, and the weaker side of each movement the one the photos of the same subject give.
 */
class VideoAssessmentTest {
    /** Subject seed: used for this test only (the bench's reporting seeds are 1-based subject seeds 800000+). */
    private static final long SEED = 4242;
    private static final double FPS = 25;

    @TempDir
    static Path dir;
    private static MorphableModel model;
    private static Face3d face3d;
    private static SyntheticClip clip;
    private static SyntheticFaceRenderer renderer;
    private static Path file;

    @BeforeAll
    static void renderClip() {
        RequiredAssets.require(Files.isRegularFile(ModelAssets.defaults().faceLandmark()), "MediaPipe models");
        face3d = Face3d.create(Face3d.Config.defaults());
        model = face3d.model();
        renderer = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults().withSize(384, 384)
            .withAngles(15, 8, 6));
        SyntheticPatient patient = SyntheticPatient.draw(model, new Random(SEED));
        clip = new SyntheticClip(patient, 0.2, FPS, 3.6, SyntheticClip.short3s());
        file = dir.resolve("clip.mp4");
        clip.write(file, model, renderer, SEED);
    }

    @Test
    void findsTheScriptedPeaksAndTheWeakerSideOfThePhotos() throws Exception {
        VideoAssessment v = VideoAssessment.of(face3d, file, ClipReconstructor.Config.defaults(), Optional.empty(),
            ClipReconstructor.Listener.NONE);
        ClipAnalysis.Result a = v.analysis();
        Assessment photos = photoAssessment();
        StringBuilder log = new StringBuilder("patient " + clip.patient().weakerSide() + " strength "
            + clip.patient().strength() + " synkinesis " + clip.patient().synkinesis() + "\n");
        double[][] cl = a.curves().get("closure_fraction");
        for (int t = 40; t < 56; t++) {
            log.append("closure " + t + " " + cl[0][t] + " " + cl[1][t] + " open "
                + java.util.Arrays.toString(v.clip().frames().get(t).eyeOpenness()) + "\n");
        }
        log.append("rest " + a.rest() + " peaks " + a.peaks() + " blinks " + a.blinks().size()
            + " fps " + v.clip().processingFps() + " stages " + v.clip().stageMs() + "\n");
        for (int t = 0; t < a.frames(); t++) {
            log.append(t);
            for (Movement m : ClipAnalysis.MOVEMENTS) {
                log.append(String.format(java.util.Locale.ROOT, " %s=%.2f", m.key(), a.curve(m)[t]));
            }
            log.append('\n');
        }
        v.assessment().movements().forEach((m, s) -> log.append("video " + m + " " + s.weakerSide() + " "
            + s.ratio() + "\n"));
        photos.movements().forEach((m, s) -> log.append("photo " + m + " " + s.weakerSide() + " " + s.ratio() + "\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/video-assessment-test.txt"), log);

        clip.peakFrames().forEach((m, truth) -> {
            ClipAnalysis.Peak p = a.peaks().get(m);
            assertTrue(p != null, m + " not found: " + a.peaks());
            assertEquals(truth, p.frame(), 3, m + " peak frame");
        });
        assertEquals(clip.blinks(), a.blinks().size(), "blinks");
        for (Movement m : clip.peakFrames().keySet()) {
            assertEquals(photos.movements().get(m).weakerSide(), v.assessment().movements().get(m).weakerSide(),
                m + ": weaker side from the clip against the photos");
        }
        assertEquals(clip.patient().weakerSide(), v.assessment().movements().get(Movement.SMILE).weakerSide());
    }

    @Test
    void aFileThatIsNotAVideoIsOneLineNamingIt() throws Exception {
        Path bad = dir.resolve("broken.mp4");
        Files.write(bad, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3});
        Face3dException e = assertThrows(Face3dException.class, () -> VideoReader.open(bad));
        assertTrue(e.getMessage().contains("broken.mp4") && !e.getMessage().contains("\n"), e.getMessage());
        Face3dException missing = assertThrows(Face3dException.class, () -> VideoReader.open(dir.resolve("none.mp4")));
        assertTrue(missing.getMessage().startsWith("no such video file"), missing.getMessage());
    }

    /** The same subject photographed in each posture at its peak (same seed), through the photo path. */
    private static Assessment photoAssessment() {
        Map<Movement, RgbImage> photos = clip.photos(model, renderer, SEED);
        List<Movement> order = new ArrayList<>(photos.keySet());
        List<RgbImage> images = order.stream().map(photos::get).toList();
        List<String> names = order.stream().map(Movement::key).toList();
        List<PosturePhotos.Posture> fits = PosturePhotos.fit(face3d, images, names, order.indexOf(Movement.REST),
            "mediapipe");
        Map<Movement, FaceState> states = new EnumMap<>(Movement.class);
        for (int i = 0; i < order.size(); i++) {
            states.put(order.get(i), PosturePhotos.state(model, fits.get(i)));
        }
        return Assessor.assess(states, Optional.empty());
    }
}
