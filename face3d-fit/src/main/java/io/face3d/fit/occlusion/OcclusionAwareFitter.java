package io.face3d.fit.occlusion;

import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.photometric.PhotometricAttention;
import io.face3d.fit.photometric.PhotometricConfig;
import io.face3d.fit.photometric.PhotometricFitter;
import io.face3d.fit.photometric.PhotometricResult;
import io.face3d.core.image.RgbImage;

/**
 * Photometric fitting around an occluder, the three steps of Zhao et al. 2022 (segment the occluder, fit with an
 * occlusion attention in the photometric loss; completion is in {@link io.face3d.fit.photometric.PhotometricOutputs})
 * built without networks: the mask is what the fit cannot explain ({@link OcclusionDetector}), refined with the fit
 * in a loop: colour-only mask under the start pose -> full photometric fit with the mask as attention (weight 0
 * inside) and the landmarks inside it down-weighted -> mask from colour and residual -> short refit
 * ({@code refineIterations} at the finest level from the previous fit) -> mask ..., at most {@code rounds} fits,
 * stopping early when a fit's mask agrees with the mask it was fitted with (IoU >= {@link #STABLE}, pixels left out).
 * Under the occluder the shape comes from the model prior, the visible pixels and the visible landmarks.
 *
 * <p>Where the remaining error comes from, and the variants measured and left out:
 * docs/decisions/occlusion-loop.md.
 */
public final class OcclusionAwareFitter {
    private final PhotometricFitter full;
    private final PhotometricFitter refine;
    private final OcclusionDetector detector;
    private final OcclusionConfig config;

    public OcclusionAwareFitter(MorphableModel model, PhotometricConfig photometric, OcclusionConfig config) {
        this.full = new PhotometricFitter(model, photometric);
        this.refine = new PhotometricFitter(model, photometric.withSchedule(1, config.refineIterations(), photometric.samples()));
        this.detector = new OcclusionDetector(model, full.mirrorMap(), config);
        this.config = config;
    }

    /** The detector (for masks of other fits). */
    public OcclusionDetector detector() {
        return detector;
    }

    /** The plain fitter with the same photometric config. */
    public PhotometricFitter photometric() {
        return full;
    }

    public OcclusionResult fit(RgbImage photo, double[] landmarks, Pose start, double[] identity, double[] expression) {
        return fit(photo, landmarks, start, identity, expression, null);
    }

    /**
     * As {@link #fit(RgbImage, double[], Pose, double[], double[])}; when the first (colour-only) mask flags
     * landmarks and {@code landmarkFitter} is given, the start is first refitted to the landmarks with the flagged
     * ones at {@code landmarkWeight} (robust landmarks: a landmark fit bent toward a misled detector's points under the occluder
     * would otherwise leave the shape there where the photometric term, blind under the mask, cannot move it).
     */
    public OcclusionResult fit(RgbImage photo, double[] landmarks, Pose start, double[] identity, double[] expression,
                               LandmarkFitter landmarkFitter) {
        return fit(photo, landmarks, start, identity, expression, landmarkFitter, new int[0]);
    }

    /**
     * As above, with {@code disputed} landmarks (a second detector places them elsewhere,
     * {@link LandmarkAgreement}) treated as occluded from the start, whatever the masks say.
     */
    public OcclusionResult fit(RgbImage photo, double[] landmarks, Pose start, double[] identity, double[] expression,
                               LandmarkFitter landmarkFitter, int[] disputed) {
        long t0 = System.nanoTime();
        OcclusionMask mask = detector.detect(photo, start, identity, expression, landmarks).withOccludedLandmarks(disputed);
        long maskNanos = System.nanoTime() - t0;
        FitResult robust = null;
        if (landmarkFitter != null && mask.occludedLandmarks().length > 0 && mask.occludedLandmarks().length <= 40) {
            double[] weights = new double[68];
            java.util.Arrays.fill(weights, 1);
            for (int k : mask.occludedLandmarks()) {
                weights[k] = config.landmarkWeight();
            }
            robust = landmarkFitter.fit(new LandmarkObservation(landmarks, weights, null, photo.width(),
                photo.height()));
            start = robust.pose();
            identity = robust.identity();
            expression = robust.expression();
        }
        PhotometricResult fit = null;
        int round = 0;
        for (; round < config.rounds(); round++) {
            PhotometricAttention attention = attention(mask);
            fit = round == 0
                ? full.fit(photo, landmarks, start, identity, expression, attention)
                : refine.fit(photo, landmarks, fit.pose(), fit.identity(), fit.expression(), attention);
            long m0 = System.nanoTime();
            OcclusionMask next = detector.detect(photo, fit, landmarks, mask).withOccludedLandmarks(disputed);
            maskNanos += System.nanoTime() - m0;
            boolean settled = agreement(mask, next) >= STABLE;
            mask = next;
            if (settled) {
                round++;
                break;
            }
        }
        return new OcclusionResult(fit, mask, round, (System.nanoTime() - t0) / 1e6, maskNanos / 1e6, robust);
    }

    /** The loop stops when consecutive masks agree this well (IoU; two empty masks agree fully). */
    static final double STABLE = 0.85;

    private static double agreement(OcclusionMask a, OcclusionMask b) {
        boolean[] x = a.leftOut(), y = b.leftOut();
        long inter = 0, union = 0;
        for (int i = 0; i < x.length; i++) {
            inter += x[i] && y[i] ? 1 : 0;
            union += x[i] || y[i] ? 1 : 0;
        }
        return union == 0 ? 1 : (double) inter / union;
    }

    /** The mask as the fitter's attention: pixels left out (occluder and hair), occluded landmarks at {@code landmarkWeight}. */
    public PhotometricAttention attention(OcclusionMask mask) {
        double[] weights = new double[68];
        java.util.Arrays.fill(weights, 1);
        for (int k : mask.occludedLandmarks()) {
            weights[k] = config.landmarkWeight();
        }
        return new PhotometricAttention(mask.width(), mask.height(), mask.leftOut(), weights);
    }
}
