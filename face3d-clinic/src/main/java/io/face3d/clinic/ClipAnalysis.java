package io.face3d.clinic;

import io.face3d.eval.stats.Correlation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a clip of the assessment's movements shows, frame by frame: each measure's change from rest per side (the
 * measures {@link Assessor} compares, from the frame's 3D landmarks, and eye closure from the pixels), the peak of
 * each movement, the blinks, and synkinesis as co-movement of the eye with the mouth.
 *
 * <p>Rest is the frame the caller found least active ({@link #restFrame}). A movement's curve is its primary measure
 * ({@link Assessor#primaryMeasure}) averaged over the two sides (the pucker's: the corners' movement toward the
 * midline, {@link #CORNER_MEDIAL}); its peak is the middle of the run of frames at or
 * above {@link Config#peakFraction()} of the curve's maximum, by default half of it: the midpoint between the
 * movement's onset and offset at half its height (the full width at half maximum). A held posture's plateau has no
 * single maximum and its measure wanders along it (a held eye closure's pixel closure by 10-20%), so a run near the
 * maximum covers an arbitrary part of the hold; at half height the curve is steep, onset and offset are sharp, and
 * their midpoint is the middle of the hold. Eye closure is an episode of frames where either eye is closed by at least
 * {@link Config#closedFraction()}: shorter than {@link Config#heldSeconds()} it is a blink, longer the gentle eye
 * closure (its peak found as above inside the longest such episode). Other movements' peaks are searched outside
 * the eye episodes: a closing lid lowers the eye's landmark centroid, which reads as a small brow raise.
 *
 * <p>The movements found are those with their own primary measure: brow raise, gentle eye closure, smile, pucker.
 * "eee" and the tight closure share theirs with the smile and the gentle closure, and a snarl lifts the upper lip
 * as a smile does, so a clip does not tell them apart; give those as photos.
 */
public final class ClipAnalysis {
    /**
     * Eye-closed runs at most this far apart (s) are one episode: a blink lasts 0.1-0.4 s and blinks come seconds
     * apart, while a held closure's pixel reading can dip under the closed level for a few frames.
     */
    static final double EPISODE_GAP_S = 0.2;
    /** Movements a clip's curves tell apart. */
    public static final List<Movement> MOVEMENTS = List.of(Movement.BROW, Movement.EYES_CLOSED, Movement.SMILE,
        Movement.PUCKER);
    /**
     * The mouth corner's movement toward the face's midline (mm, per side): the decrease of its horizontal distance
     * (model x) to the nose's midline (mean x of iBUG 27-30 and 33). The pucker's curve is its mean over the sides,
     * i.e. half the decrease of the mouth's width: the corners alone decide it. The commissure excursion (the
     * corner's distance to the lower lip's midline 57), the assessment's pucker measure, did not show a clip's pucker
     * at all on 2 of 3 development clips (mean change 0.0 and +0.2 mm where the true one was -3.1 and -3.9 mm): the
     * protruding lower lip's followed midline point moves with it; half the width's decrease read -1.2 and -2.2 mm.
     */
    public static final String CORNER_MEDIAL = "commissure_medial_x_mm";
    private static final int[] NOSE_MIDLINE = {27, 28, 29, 30, 33};
    /** Measures written per frame and side (changes from rest; closure_fraction from the pixels where given). */
    public static final List<String> MEASURES = List.of("brow_height_change_mm", "closure_fraction",
        "palpebral_fissure_change_mm", "excursion_change_mm", "commissure_height_change_mm", "upper_lip_lift_mm",
        "lower_lip_drop_mm", "interlabial_gap_change_mm", CORNER_MEDIAL);

    /**
     * @param closedFraction an eye counts as closed from this closure fraction on (0.3 of the pixel closure, which
     *                       reads about 0.5 for a complete blink on 384-px renders: the closed lid's lashes and crease
     *                       are not skin; chosen on the test clip, seed 4242)
     * @param heldSeconds    closures lasting at least this long are the gentle closure, shorter ones blinks (a
     *                       spontaneous blink lasts 0.1-0.4 s)
     * @param peakFraction   a peak's run: frames at or above this fraction of the maximum (0.5: onset and offset at
     *                       half height; 0.9, the run near the maximum, missed a held closure's middle by 6 frames)
     * @param minMovementMm  a movement is found when its curve reaches this ({@link Assessor#MIN_MOVEMENT_MM})
     */
    public record Config(double closedFraction, double heldSeconds, double peakFraction, double minMovementMm) {
        public Config {
            if (!(closedFraction > 0 && closedFraction < 1) || !(heldSeconds > 0) || !(peakFraction > 0
                && peakFraction < 1) || !(minMovementMm > 0)) {
                throw new IllegalArgumentException("closedFraction and peakFraction in (0, 1), heldSeconds and "
                    + "minMovementMm > 0");
            }
        }

        public static Config defaults() {
            return new Config(0.3, 0.5, 0.5, Assessor.MIN_MOVEMENT_MM);
        }
    }

    /** One frame: its 68 3D landmarks (model space, mm) and {right, left} eye openness from the pixels (or null). */
    public record Frame(float[] landmarks3d, double[] eyeOpenness) {
    }

    /** A movement's peak: the frame, its curve's value there, and the run of frames around it. */
    public record Peak(Movement movement, int frame, double value, int start, int end) {
    }

    /** A blink: its frames and the peak closure fraction of each eye {right, left}. */
    public record Blink(int start, int end, double[] closure) {
    }

    /**
     * Eye with mouth co-movement per side {right, left}: Pearson correlation over the clip (eye episodes left out)
     * of the eye's closure with the mouth corner's movement |excursion change| on that side, and the eye's closure at
     * the smile and at the pucker peak (NaN where that movement was not found).
     */
    public record CoMovement(double[] correlation, double[] closureAtSmile, double[] closureAtPucker) {
    }

    /**
     * @param curves per measure, [side (0 right, 1 left)][frame] change from rest; NaN where no face was found
     */
    public record Result(double frameRate, int frames, int rest, Map<String, double[][]> curves,
                         Map<Movement, Peak> peaks, List<Blink> blinks, double blinksPerMinute,
                         double[] blinkCompleteness, CoMovement coMovement) {
        /** A movement's curve (primary measure, mean of the sides). */
        public double[] curve(Movement m) {
            double[][] c = curves.get(m == Movement.PUCKER ? CORNER_MEDIAL : Assessor.primaryMeasure(m));
            double[] out = new double[frames];
            for (int t = 0; t < frames; t++) {
                out[t] = (c[0][t] + c[1][t]) / 2;
            }
            return out;
        }
    }

    private ClipAnalysis() {
    }

    /**
     * How far each frame's face is from the clip's usual face: the sum over both sides of every measure's absolute
     * difference (mm) from its median over the clip (brow height, palpebral fissure, commissure excursion and height,
     * upper and lower lip, interlabial gap). Each movement of an assessment clip moves its own measures for less than
     * half of the clip, so each median is the face at rest and the least active frame is rest, whichever reference
     * the landmarks were fitted against (NaN for frames without a face).
     */
    public static double[] activity(List<float[]> landmarks3d) {
        int n = landmarks3d.size();
        List<double[]> rows = new ArrayList<>();
        for (float[] lm : landmarks3d) {
            if (lm == null) {
                rows.add(null);
                continue;
            }
            double[] row = new double[14];
            for (int s = 0; s < 2; s++) {
                SideMeasures m = FaceMeasurer.measure(lm, s == 0 ? Side.RIGHT : Side.LEFT);
                double[] v = {m.browHeightMm(), m.palpebralFissureMm(), m.commissureExcursionMm(),
                    m.commissureHeightMm(), m.upperLipHeightMm(), m.lowerLipDropMm(), m.interlabialGapMm()};
                System.arraycopy(v, 0, row, 7 * s, 7);
            }
            rows.add(row);
        }
        double[] median = new double[14];
        for (int k = 0; k < 14; k++) {
            final int c = k;
            double[] col = rows.stream().filter(java.util.Objects::nonNull).mapToDouble(r -> r[c]).sorted().toArray();
            median[k] = col.length == 0 ? Double.NaN : col.length % 2 == 1 ? col[col.length / 2]
                : (col[col.length / 2 - 1] + col[col.length / 2]) / 2;
        }
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            double[] r = rows.get(t);
            if (r == null) {
                out[t] = Double.NaN;
                continue;
            }
            for (int k = 0; k < 14; k++) {
                out[t] += Math.abs(r[k] - median[k]);
            }
        }
        return out;
    }

    /** The least active frame: argmin of the activity after a 5-frame moving median (one odd frame is not rest). */
    public static int restFrame(double[] activity) {
        double[] m = median(activity, 2);
        int best = -1;
        for (int t = 0; t < m.length; t++) {
            if (Double.isFinite(m[t]) && (best < 0 || m[t] < m[best])) {
                best = t;
            }
        }
        if (best < 0) {
            throw new io.face3d.core.Face3dException("no face was found in any frame of the clip: give a clip where the "
                + "face is visible and at least 40 pixels wide");
        }
        return best;
    }

    /**
     * @param frames one per video frame, null where no face was found
     * @param rest   index of the rest frame (a frame with a face)
     */
    public static Result analyse(List<Frame> frames, double frameRate, int rest, Config config) {
        Frame r = frames.get(rest);
        if (r == null) {
            throw new IllegalArgumentException("the rest frame has no face");
        }
        int n = frames.size();
        SideMeasures[] restSides = {FaceMeasurer.measure(r.landmarks3d(), Side.RIGHT),
            FaceMeasurer.measure(r.landmarks3d(), Side.LEFT)};
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (String m : MEASURES) {
            double[][] c = new double[2][n];
            Arrays.fill(c[0], Double.NaN);
            Arrays.fill(c[1], Double.NaN);
            curves.put(m, c);
        }
        for (int t = 0; t < n; t++) {
            Frame f = frames.get(t);
            if (f == null) {
                continue;
            }
            for (int s = 0; s < 2; s++) {
                Side side = s == 0 ? Side.RIGHT : Side.LEFT;
                Map<String, Double> ch = Assessor.changes(FaceMeasurer.measure(f.landmarks3d(), side), restSides[s]);
                if (f.eyeOpenness() != null && r.eyeOpenness() != null) {
                    ch.put("closure_fraction", Assessor.closure(f.eyeOpenness()[s], r.eyeOpenness()[s]));
                }
                ch.put(CORNER_MEDIAL, cornerToMidline(r.landmarks3d(), side) - cornerToMidline(f.landmarks3d(), side));
                for (String m : MEASURES) {
                    curves.get(m)[s][t] = ch.get(m);
                }
            }
        }
        // Eye episodes: either eye closed.
        double[][] closure = curves.get("closure_fraction");
        double[] eyes = new double[n];
        for (int t = 0; t < n; t++) {
            eyes[t] = Math.max(closure[0][t], closure[1][t]);
        }
        boolean[] inEyeEpisode = new boolean[n];
        List<Blink> blinks = new ArrayList<>();
        int[] held = null;
        int bridge = (int) Math.round(EPISODE_GAP_S * frameRate);
        for (int[] e : merged(runs(eyes, config.closedFraction()), bridge)) {
            for (int t = Math.max(0, e[0] - 2); t <= Math.min(n - 1, e[1] + 2); t++) {
                inEyeEpisode[t] = true;
            }
            if ((e[1] - e[0] + 1) / frameRate < config.heldSeconds()) {
                blinks.add(new Blink(e[0], e[1], new double[] {max(closure[0], e[0], e[1]), max(closure[1], e[0], e[1])}));
            } else if (held == null || e[1] - e[0] > held[1] - held[0]) {
                held = e;
            }
        }
        Result partial = new Result(frameRate, n, rest, curves, Map.of(), blinks, 0, null, null);
        Map<Movement, Peak> peaks = new EnumMap<>(Movement.class);
        if (held != null) {
            double[] c = partial.curve(Movement.EYES_CLOSED);
            peaks.put(Movement.EYES_CLOSED, peak(Movement.EYES_CLOSED, c, held[0], held[1], config.peakFraction(), null,
                bridge));
        }
        for (Movement m : List.of(Movement.BROW, Movement.SMILE, Movement.PUCKER)) {
            double[] c = median(partial.curve(m), 1);
            Peak p = peak(m, c, 0, n - 1, config.peakFraction(), inEyeEpisode);
            if (p != null && p.value() >= config.minMovementMm()) {
                peaks.put(m, p);
            }
        }
        double minutes = n / frameRate / 60;
        double[] completeness = {Double.NaN, Double.NaN};
        if (!blinks.isEmpty()) {
            for (int s = 0; s < 2; s++) {
                final int side = s;
                completeness[s] = blinks.stream().mapToDouble(b -> b.closure()[side]).average().orElse(Double.NaN);
            }
        }
        return new Result(frameRate, n, rest, curves, peaks, List.copyOf(blinks), blinks.size() / minutes,
            completeness, coMovement(curves, peaks, inEyeEpisode));
    }

    /** Horizontal distance (model x, mm) of the side's mouth corner to the nose's midline. */
    static double cornerToMidline(float[] lm, Side side) {
        double mid = 0;
        for (int p : NOSE_MIDLINE) {
            mid += lm[3 * p] / NOSE_MIDLINE.length;
        }
        return Math.abs(lm[3 * (side == Side.RIGHT ? 48 : 54)] - mid);
    }

    private static CoMovement coMovement(Map<String, double[][]> curves, Map<Movement, Peak> peaks, boolean[] eyeEpisode) {
        double[][] closure = curves.get("closure_fraction");
        double[][] exc = curves.get("excursion_change_mm");
        double[] corr = new double[2], atSmile = new double[2], atPucker = new double[2];
        for (int s = 0; s < 2; s++) {
            List<double[]> pairs = new ArrayList<>();
            for (int t = 0; t < eyeEpisode.length; t++) {
                if (!eyeEpisode[t] && Double.isFinite(closure[s][t]) && Double.isFinite(exc[s][t])) {
                    pairs.add(new double[] {closure[s][t], Math.abs(exc[s][t])});
                }
            }
            corr[s] = pairs.size() < 3 ? Double.NaN : Correlation.pearson(
                pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
            Peak smile = peaks.get(Movement.SMILE), pucker = peaks.get(Movement.PUCKER);
            atSmile[s] = smile == null ? Double.NaN : closure[s][smile.frame()];
            atPucker[s] = pucker == null ? Double.NaN : closure[s][pucker.frame()];
        }
        return new CoMovement(corr, atSmile, atPucker);
    }

    /** The middle of the run at or above {@code fraction} of the maximum of c over [from, to], frames in {@code skip} left out. */
    static Peak peak(Movement m, double[] c, int from, int to, double fraction, boolean[] skip) {
        return peak(m, c, from, to, fraction, skip, 0);
    }

    /** As above, the run going on across up to {@code bridge} frames below the level (a held closure's dips). */
    static Peak peak(Movement m, double[] c, int from, int to, double fraction, boolean[] skip, int bridge) {
        int best = -1;
        for (int t = from; t <= to; t++) {
            if (Double.isFinite(c[t]) && (skip == null || !skip[t]) && (best < 0 || c[t] > c[best])) {
                best = t;
            }
        }
        if (best < 0) {
            return null;
        }
        double level = c[best] >= 0 ? fraction * c[best] : c[best] / fraction;
        int a = runEnd(c, best, from, -1, level, skip, bridge), b = runEnd(c, best, to, 1, level, skip, bridge);
        int mid = (a + b) / 2;
        return new Peak(m, mid, c[mid], a, b);
    }

    /**
     * Where the run at or above {@code level} that holds {@code start} ends going in direction {@code step} (-1 or
     * 1), not past {@code bound}: it goes on across up to {@code bridge} frames below the level, never across a
     * frame in {@code skip}.
     */
    private static int runEnd(double[] c, int start, int bound, int step, double level, boolean[] skip, int bridge) {
        int end = start;
        for (boolean grown = true; grown; ) {
            grown = false;
            for (int k = 1; k <= bridge + 1; k++) {
                int u = end + step * k;
                if ((step < 0 ? u < bound : u > bound) || (skip != null && skip[u])) {
                    break;
                }
                if (Double.isFinite(c[u]) && c[u] >= level) {
                    end = u;
                    grown = true;
                    break;
                }
            }
        }
        return end;
    }

    /**
     * Runs separated by at most {@code gap} frames joined into one: a held closure whose pixel reading dips under
     * the closed level for a frame or two is one closure, not a string of blinks (two of eight held-out clips of
     * {@code bench video --seed 4} read their gentle closure as 2-3 blinks and no closure).
     */
    static List<int[]> merged(List<int[]> runs, int gap) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : runs) {
            int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] - last[1] - 1 <= gap) {
                last[1] = r[1];
            } else {
                out.add(r.clone());
            }
        }
        return out;
    }

    /** Maximal runs of frames with value >= level: {first, last} each. */
    private static List<int[]> runs(double[] v, double level) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int t = 0; t <= v.length; t++) {
            boolean on = t < v.length && Double.isFinite(v[t]) && v[t] >= level;
            if (on && start < 0) {
                start = t;
            } else if (!on && start >= 0) {
                out.add(new int[] {start, t - 1});
                start = -1;
            }
        }
        return out;
    }

    private static double max(double[] v, int a, int b) {
        double m = Double.NaN;
        for (int t = a; t <= b; t++) {
            if (Double.isFinite(v[t]) && !(v[t] <= m)) {
                m = v[t];
            }
        }
        return m;
    }

    /** Moving median over t - k .. t + k (finite values only; NaN where none). */
    static double[] median(double[] v, int k) {
        double[] out = new double[v.length];
        double[] w = new double[2 * k + 1];
        for (int t = 0; t < v.length; t++) {
            int n = 0;
            for (int u = Math.max(0, t - k); u <= Math.min(v.length - 1, t + k); u++) {
                if (Double.isFinite(v[u])) {
                    w[n++] = v[u];
                }
            }
            if (n == 0 || !Double.isFinite(v[t])) {
                out[t] = Double.NaN;
                continue;
            }
            Arrays.sort(w, 0, n);
            out[t] = n % 2 == 1 ? w[n / 2] : (w[n / 2 - 1] + w[n / 2]) / 2;
        }
        return out;
    }
}
