package io.face3d.api.video;

import io.face3d.api.Face3d;
import io.face3d.api.PosturePhotos;
import io.face3d.clinic.Assessment;
import io.face3d.clinic.Assessor;
import io.face3d.clinic.ClipAnalysis;
import io.face3d.clinic.FaceState;
import io.face3d.clinic.Movement;
import io.face3d.clinic.Side;
import io.face3d.core.image.RgbImage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assessment of a clip as the photo path makes it: the rest frame and each movement's peak frame
 * ({@link ClipAnalysis}) are the posture photos, fitted jointly and measured by {@link PosturePhotos}, and graded by
 * the same {@link Assessor}. So a clip's weaker side, ratios and scale items compare with photos' of the same person.
 *
 * @param clip       the reconstruction of every frame
 * @param analysis   curves, peaks, blinks, co-movement
 * @param frames     the frame index of each posture (REST included)
 * @param images     the posture frames as decoded
 * @param postures   each posture through the photo path
 * @param states     what the assessment measured of each posture
 * @param assessment the assessment
 */
public record VideoAssessment(ClipReconstructor.Clip clip, ClipAnalysis.Result analysis, Map<Movement, Integer> frames,
                              Map<Movement, RgbImage> images, Map<Movement, PosturePhotos.Posture> postures,
                              Map<Movement, FaceState> states, Assessment assessment) {

    /** Reconstructs the clip, analyses it and assesses rest and the peaks found. */
    public static VideoAssessment of(Face3d face3d, java.nio.file.Path file, ClipReconstructor.Config config,
                                     Optional<Side> healthy, ClipReconstructor.Listener listener) {
        ClipReconstructor.Clip clip = new ClipReconstructor(face3d, config).reconstruct(file, listener);
        ClipAnalysis.Result analysis = ClipAnalysis.analyse(clip.analysisFrames(), clip.frameRate(), clip.rest(),
            ClipAnalysis.Config.defaults());
        return assess(face3d, clip, analysis, config.detector(), healthy);
    }

    /** The photo path on the rest and peak frames of an analysed clip. */
    public static VideoAssessment assess(Face3d face3d, ClipReconstructor.Clip clip, ClipAnalysis.Result analysis,
                                         String detector, Optional<Side> healthy) {
        Map<Movement, Integer> frames = new EnumMap<>(Movement.class);
        frames.put(Movement.REST, analysis.rest());
        analysis.peaks().forEach((m, p) -> frames.put(m, p.frame()));
        Map<Integer, RgbImage> decoded = VideoReader.frames(clip.file(),
            frames.values().stream().mapToInt(Integer::intValue).toArray());
        List<Movement> order = new ArrayList<>(frames.keySet());
        List<RgbImage> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Movement m : order) {
            images.add(decoded.get(frames.get(m)));
            names.add(clip.file() + " frame " + frames.get(m) + " (" + m.key() + ")");
        }
        List<PosturePhotos.Posture> fits = PosturePhotos.fit(face3d, images, names, order.indexOf(Movement.REST),
            detector);
        Map<Movement, RgbImage> byMovement = new EnumMap<>(Movement.class);
        Map<Movement, PosturePhotos.Posture> postures = new EnumMap<>(Movement.class);
        Map<Movement, FaceState> states = new EnumMap<>(Movement.class);
        for (int i = 0; i < order.size(); i++) {
            byMovement.put(order.get(i), images.get(i));
            postures.put(order.get(i), fits.get(i));
            states.put(order.get(i), PosturePhotos.state(face3d.model(), fits.get(i)));
        }
        return new VideoAssessment(clip, analysis, frames, byMovement, postures, states,
            Assessor.assess(states, healthy));
    }
}
