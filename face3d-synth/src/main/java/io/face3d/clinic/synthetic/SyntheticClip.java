package io.face3d.clinic.synthetic;

import io.face3d.clinic.Movement;
import io.face3d.core.image.RgbImage;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.render.SyntheticFaceRenderer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scripted clip of a {@link SyntheticPatient} at activation {@code f}: rest, then movements one after another,
 * each rising from rest to the posture's full weights ({@link SyntheticPatient#expressions}) and back, rendered
 * frame by frame by {@link SyntheticFaceRenderer} with one seed (one subject, camera, light and skin), the head
 * keeping the seed's pose or drifting about it ({@link HeadMotion}). A movement's true peak is the middle of its
 * segment.
 *
 * @param patient    the patient
 * @param activation the weaker side's activation f
 * @param frameRate  frames per second
 * @param duration   seconds
 * @param script     the movements in time order
 * @param motion     the head's drift about the seed's pose
 */
public record SyntheticClip(SyntheticPatient patient, double activation, double frameRate, double duration,
                            List<Segment> script, HeadMotion motion) {
    /**
     * A slow drift of the head about the seed's pose, as a seated patient's head moves during a clip: yaw and pitch
     * sinusoids of their own periods (so the path is not a line), no roll.
     *
     * @param yawDegrees   yaw amplitude
     * @param pitchDegrees pitch amplitude
     * @param periodS      the yaw's period, seconds; the pitch's is 0.7 of it
     */
    public record HeadMotion(double yawDegrees, double pitchDegrees, double periodS) {
        /** The head keeps the seed's pose (a clip on a tripod with the head held still). */
        public static final HeadMotion NONE = new HeadMotion(0, 0, 1);

        public HeadMotion {
            if (!(yawDegrees >= 0 && yawDegrees <= 30) || !(pitchDegrees >= 0 && pitchDegrees <= 30) || !(periodS > 0)) {
                throw new IllegalArgumentException("head motion amplitudes in [0, 30] degrees, period > 0");
            }
        }

        /** Yaw, pitch, roll added at time t (degrees). */
        public double[] turn(double t) {
            return new double[] {yawDegrees * Math.sin(2 * Math.PI * t / periodS),
                pitchDegrees * Math.sin(2 * Math.PI * t / (0.7 * periodS) + 1), 0};
        }

        boolean still() {
            return yawDegrees == 0 && pitchDegrees == 0;
        }
    }

    /** A clip whose head keeps the seed's pose. */
    public SyntheticClip(SyntheticPatient patient, double activation, double frameRate, double duration,
                         List<Segment> script) {
        this(patient, activation, frameRate, duration, script, HeadMotion.NONE);
    }

    /**
     * One movement: it rises over {@code ramp} seconds from rest to the posture, holds, and falls back over
     * {@code ramp}; a blink (short ramp, no hold) closes the stronger eye completely and the weaker by f.
     */
    public record Segment(Movement movement, double start, double ramp, double hold, boolean blink) {
        public double end() {
            return start + 2 * ramp + hold;
        }

        /** The true peak, seconds: the middle of the segment. */
        public double peak() {
            return start + ramp + hold / 2;
        }

        /** 0 at rest, 1 at the posture: raised-cosine ramps around the hold. */
        double envelope(double t) {
            if (t <= start || t >= end()) {
                return 0;
            }
            double u = t - start;
            if (u < ramp) {
                return 0.5 * (1 - Math.cos(Math.PI * u / ramp));
            }
            if (u <= ramp + hold) {
                return 1;
            }
            return 0.5 * (1 + Math.cos(Math.PI * (u - ramp - hold) / ramp));
        }
    }

    public SyntheticClip {
        script = List.copyOf(script);
        if (!(frameRate > 0) || !(duration > 0) || !(activation >= 0 && activation <= 1) || motion == null) {
            throw new IllegalArgumentException("frameRate and duration > 0, activation in [0, 1], a head motion");
        }
    }

    /**
     * 10 s: rest, brow raise (peak 1.8 s), two blinks (2.9, 3.6 s), gentle eye closure held 0.8 s (peak 4.9 s),
     * smile (peak 6.9 s), a blink (8.1 s), pucker (peak 9.0 s), rest.
     */
    public static List<Segment> tenSeconds() {
        return List.of(new Segment(Movement.BROW, 1.0, 0.5, 0.6, false),
            new Segment(Movement.EYES_CLOSED, 2.78, 0.12, 0, true),
            new Segment(Movement.EYES_CLOSED, 3.48, 0.12, 0, true),
            new Segment(Movement.EYES_CLOSED, 4.1, 0.4, 0.8, false),
            new Segment(Movement.SMILE, 6.1, 0.5, 0.6, false),
            new Segment(Movement.EYES_CLOSED, 7.98, 0.12, 0, true),
            new Segment(Movement.PUCKER, 8.3, 0.4, 0.6, false));
    }

    /** 3.6 s for tests: brow raise (peak 1.1 s), a blink (1.9 s), smile (peak 2.8 s). */
    public static List<Segment> short3s() {
        return List.of(new Segment(Movement.BROW, 0.5, 0.35, 0.5, false),
            new Segment(Movement.EYES_CLOSED, 1.78, 0.12, 0, true),
            new Segment(Movement.SMILE, 2.2, 0.35, 0.5, false));
    }

    public int frames() {
        return (int) Math.round(duration * frameRate);
    }

    /** The true peak frame of each non-blink movement (the last segment of a movement wins). */
    public Map<Movement, Integer> peakFrames() {
        Map<Movement, Integer> out = new java.util.EnumMap<>(Movement.class);
        for (Segment s : script) {
            if (!s.blink()) {
                out.put(s.movement(), (int) Math.round(s.peak() * frameRate));
            }
        }
        return out;
    }

    /** Number of blinks scripted. */
    public int blinks() {
        return (int) script.stream().filter(Segment::blink).count();
    }

    /** The movements of the script (no rest, no duplicates), in order. */
    public Movement[] movements() {
        return script.stream().map(Segment::movement).distinct().toArray(Movement[]::new);
    }

    /** Blendshape weights at time t: rest plus each segment's envelope times its posture's change from rest. */
    public double[] expression(MorphableModel model, double t) {
        Map<Movement, double[]> postures = patient.expressions(model, activation, movements());
        double[] rest = postures.get(Movement.REST);
        double[] w = rest.clone();
        for (Segment s : script) {
            double e = s.envelope(t);
            if (e > 0) {
                double[] p = s.blink() ? blink(model, rest) : postures.get(s.movement());
                for (int i = 0; i < w.length; i++) {
                    w[i] += e * (p[i] - rest[i]);
                }
            }
        }
        return w;
    }

    /** A blink closes the stronger eye completely and the weaker one by the activation f (rest otherwise). */
    private double[] blink(MorphableModel model, double[] rest) {
        double[] w = rest.clone();
        w[model.expressionIndex("eyeBlink" + patient.weakerSide().other().blendshapeSuffix())] = 1;
        int weak = model.expressionIndex("eyeBlink" + patient.weakerSide().blendshapeSuffix());
        w[weak] = Math.min(1, w[weak] + activation);
        return w;
    }

    /** Renders every frame of the clip with the renderer's {@code seed} and encodes it to {@code file} (MP4). */
    public void write(Path file, MorphableModel model, SyntheticFaceRenderer renderer, long seed) {
        int w = renderer.config().width(), h = renderer.config().height();
        try (ClipWriter out = new ClipWriter(file, w, h, frameRate, 2)) {
            for (int k = 0; k < frames(); k++) {
                out.write(frame(model, renderer, seed, k));
            }
        }
    }

    /** Frame k as rendered. */
    public RgbImage frame(MorphableModel model, SyntheticFaceRenderer renderer, long seed, int k) {
        double t = k / frameRate;
        double[] turn = motion.turn(t);
        return renderer.render(seed, patient.identity(), expression(model, t),
            motion.still() ? null : SyntheticFaceRenderer.Look.turned(turn[0], turn[1], turn[2])).image();
    }

    /** The postures at their peaks as photos of the same subject (same seed): rest and each movement. */
    public Map<Movement, RgbImage> photos(MorphableModel model, SyntheticFaceRenderer renderer, long seed) {
        Map<Movement, RgbImage> out = new java.util.EnumMap<>(Movement.class);
        patient.expressions(model, activation, movements()).forEach((m, ex) ->
            out.put(m, renderer.render(seed, patient.identity(), ex).image()));
        return out;
    }

    /** Segments of a movement, in order (for tables). */
    public List<Segment> segments(Movement m) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : script) {
            if (s.movement() == m) {
                out.add(s);
            }
        }
        return out;
    }
}
