package io.face3d.server;

import io.face3d.api.Face3d;
import io.face3d.api.ReconstructConfig;
import io.face3d.api.Reconstructor;
import io.face3d.core.image.RgbImage;
import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceLandmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The check of a photo on arrival, so a poor photo is retaken while the patient is still there: a face is found,
 * it faces the camera (the fitted pose), eyes and mouth are inside the picture, the face is sharp and evenly lit.
 * Each failed item carries the request shown to the clinician.
 */
public final class PhotoCheck {
    /** Yaw or pitch beyond this (degrees, the fitted pose) is not frontal enough for the measures. */
    static final double MAX_TURN_DEG = 20;
    /**
     * Variance of the Laplacian of the face (grey levels 0-255, face resampled to {@value #SHARP_SIDE} pixels wide)
     * below which it is blurred; the variance-of-Laplacian focus measure of Pech-Pacheco et al., ICPR 2000.
     */
    static final double MIN_SHARPNESS = 15;
    static final int SHARP_SIDE = 128;
    /** Mean grey level of the face below or above which it is too dark or too bright. */
    static final double MIN_LIGHT = 45, MAX_LIGHT = 225;

    /** One item of the check. */
    public record Item(String name, boolean ok, String detail) {
    }

    /** The outcome: whether all items passed, the first failed item's request (or ""), every item. */
    public record Result(boolean ok, String retake, List<Item> items) {
        static Result of(List<Item> items) {
            return new Result(items.stream().allMatch(Item::ok), items.stream().filter(i -> !i.ok()).map(Item::detail)
                .findFirst().orElse(""), List.copyOf(items));
        }
    }

    private final Face3d face3d;
    private final String detector;

    public PhotoCheck(Face3d face3d, String detector) {
        this.face3d = face3d;
        this.detector = detector;
    }

    public Result check(RgbImage image) {
        List<Item> items = new ArrayList<>();
        Optional<FaceLandmarks> found = face3d.largestFace(image, detector);
        if (found.isEmpty()) {
            items.add(new Item("face", false, "No face was found: retake with the whole face in the picture, "
                + "facing the camera, in good light."));
            return Result.of(items);
        }
        FaceLandmarks f = found.get();
        items.add(new Item("face", true, "Face found."));
        List<Reconstructor.Face> r = face3d.reconstructor(ReconstructConfig.defaults()
            .withDetector(ReconstructConfig.Detector.parse(detector))).reconstruct(image).faces();
        double[] ypr = r.isEmpty() ? new double[3] : largest(r).fit().pose().eulerDegrees();
        boolean frontal = Math.abs(ypr[0]) <= MAX_TURN_DEG && Math.abs(ypr[1]) <= MAX_TURN_DEG;
        items.add(new Item("frontal", frontal, frontal
            ? String.format(Locale.ROOT, "Facing the camera (turned %.0f°, tilted %.0f°).", ypr[0], ypr[1])
            : String.format(Locale.ROOT, "The face is turned %.0f° and tilted %.0f°: retake with the patient looking "
                + "straight into the camera.", ypr[0], ypr[1])));
        boolean inside = inside(f.points(), image);
        items.add(new Item("features", inside, inside ? "Eyes and mouth are in the picture."
            : "Part of the eyes or mouth is outside the picture: retake with the whole face in view."));
        FaceBox b = f.box();
        double[] stats = faceStats(image, b);
        boolean sharp = stats[1] >= MIN_SHARPNESS;
        items.add(new Item("sharp", sharp, sharp ? "Sharp."
            : "The face is blurred: hold the camera still, focus on the face and retake."));
        boolean lit = stats[0] >= MIN_LIGHT && stats[0] <= MAX_LIGHT;
        items.add(new Item("light", lit, lit ? "Well lit." : stats[0] < MIN_LIGHT
            ? "The face is too dark: add light in front of the patient and retake."
            : "The face is too bright: move away from direct light and retake."));
        return Result.of(items);
    }

    private static Reconstructor.Face largest(List<Reconstructor.Face> r) {
        return r.stream().max(java.util.Comparator.comparingDouble(x -> x.landmarks().box().width()
            * x.landmarks().box().height())).orElseThrow();
    }

    /** Eyes (36-47) and mouth (48-67) landmarks inside the image. */
    private static boolean inside(double[] pts, RgbImage img) {
        for (int k = 36; k < 68; k++) {
            double x = pts[2 * k], y = pts[2 * k + 1];
            if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
                return false;
            }
        }
        return true;
    }

    /** {mean grey, variance of the Laplacian} of the face box resampled to SHARP_SIDE wide (nearest pixel). */
    static double[] faceStats(RgbImage img, FaceBox b) {
        int n = SHARP_SIDE;
        double[] g = new double[n * n];
        double sum = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int x = clamp((int) (b.x() + (i + 0.5) * b.width() / n), img.width());
                int y = clamp((int) (b.y() + (j + 0.5) * b.height() / n), img.height());
                double v = 0.299 * img.get(x, y, 0) + 0.587 * img.get(x, y, 1) + 0.114 * img.get(x, y, 2);
                g[j * n + i] = v;
                sum += v;
            }
        }
        double mean = sum / g.length, s = 0, s2 = 0;
        int m = 0;
        for (int j = 1; j < n - 1; j++) {
            for (int i = 1; i < n - 1; i++) {
                double lap = g[(j - 1) * n + i] + g[(j + 1) * n + i] + g[j * n + i - 1] + g[j * n + i + 1]
                    - 4 * g[j * n + i];
                s += lap;
                s2 += lap * lap;
                m++;
            }
        }
        double lm = s / m;
        return new double[] {mean, s2 / m - lm * lm};
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
