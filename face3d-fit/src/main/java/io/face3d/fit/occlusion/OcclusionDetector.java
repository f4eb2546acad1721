package io.face3d.fit.occlusion;

import io.face3d.core.geom.Box2;
import io.face3d.core.geom.Polygons;
import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.photometric.PhotometricOutputs;
import io.face3d.fit.photometric.PhotometricResult;
import io.face3d.fit.photometric.SkinColourModel;
import io.face3d.fit.render.Rasterizer;
import io.face3d.core.image.RgbImage;

import java.util.Arrays;

/**
 * Finds the pixels of the projected face that a fit cannot explain. Evidence per pixel of the face region (the
 * narrow face area rendered under the fit's pose):
 * <ul>
 * <li>colour: skin probability under a per-photo skin Gaussian ({@link SkinColourModel#fitRobust}, over the face
 *     region outside the facial features and the previous mask) below {@code strongSkin} / {@code weakSkin};</li>
 * <li>residual (when the fit has lighting and albedo): ||photo - albedo x SH irradiance|| above the region's median
 *     by {@code strongResidual} / {@code weakResidual} robust standard deviations (1.4826 MAD).</li>
 * </ul>
 * Eyes, brows, nostrils and lips are not skin and a smooth albedo does not explain them, so strong evidence there
 * does not count, and there only colour far from skin or twice the strong residual is weak evidence: hysteresis thresholding keeps the weak-evidence components (after a morphological opening) that
 * hold enough strong evidence outside those features, except components lying mostly above the brows (hair at the
 * hairline) or in the rim of the face region above the eyes (hair at the temples: not occluder, but left out of the
 * fit all the same, {@link OcclusionMask#hair()}); a closing, growth into the feature zones by colour, then a
 * re-segmentation by appearance ({@link #refineByAppearance}: only the mask's colours unlike the face's count;
 * docs/decisions/occlusion-mask-by-appearance.md), and hole filling. Landmarks whose detected position lies inside the mask dilated by
 * 4% of the face width (a misled detector puts them near, not on, the occluder) are reported as occluded.
 */
public final class OcclusionDetector {
    private final MorphableModel model;
    private final OcclusionConfig config;
    private final int[] narrowTriangles;
    private final int[] faceTriangles;
    private final PhotometricOutputs outputs;

    public OcclusionDetector(MorphableModel model, int[] mirror, OcclusionConfig config) {
        this.model = model;
        this.config = config;
        this.narrowTriangles = model.triangles(Region.NARROW);
        this.faceTriangles = model.triangles(Region.FACE);
        this.outputs = new PhotometricOutputs(model, mirror);
    }

    /** Mask from colour evidence only, under a start pose and shape (before any photometric fit). */
    public OcclusionMask detect(RgbImage photo, Pose pose, double[] identity, double[] expression, double[] landmarks) {
        return detect(photo, pose, identity, expression, null, landmarks, null);
    }

    /** Mask from colour and residual evidence of a fit; {@code previous} (may be null) is left out of the skin model. */
    public OcclusionMask detect(RgbImage photo, PhotometricResult fit, double[] landmarks, OcclusionMask previous) {
        return detect(photo, fit.pose(), fit.identity(), fit.expression(), fit, landmarks, previous);
    }

    /**
     * The mask carried past the narrow face area into the rest of the face area (neck, jaw sides, ears) that the
     * textured mesh covers: pixels there below the brows whose colour is far from skin ({@code weakSkin}; the skin
     * model refitted on the narrow area outside the mask) and nearer the mask's mean colour than the skin's, and
     * that connect to the mask (a medical mask reaching onto
     * the neck, a hand over the jaw line). For the texture's completion only: the fit's photometric term sees the
     * narrow area, and in the de-occluded photo hair beside the face would be painted over.
     */
    public OcclusionMask spill(RgbImage photo, PhotometricResult fit, OcclusionMask mask) {
        int w = photo.width(), h = photo.height(), n = w * h;
        float[] shape = model.evaluate(fit.identity(), fit.expression(), Region.FACE);
        Rasterizer ras = new Rasterizer(w, h);
        ras.render(shape, shape.length / 3, faceTriangles, faceTriangles.length / 3, fit.pose());
        int[] ids = ras.triangleIds();
        double[] p = fit.fittedPoints();
        double bx = p[48] - p[38], by = p[49] - p[39];
        float[] rgb = new float[3 * n];
        byte[] px = photo.rgb();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (px[i] & 0xff) / 255f;
        }
        boolean[] skinPixels = new boolean[n];
        for (int i = 0; i < n; i++) {
            skinPixels[i] = mask.faceRegion()[i] && !mask.occluded()[i];
        }
        SkinColourModel skin = SkinColourModel.fitRobust(rgb, w, h, skinPixels);
        boolean[] outer = new boolean[n];
        for (int i = 0; i < n; i++) {
            outer[i] = ids[i] >= 0 && !mask.faceRegion()[i]
                && bx * (i / w + 0.5 - p[39]) - by * (i % w + 0.5 - p[38]) >= 0;
        }
        boolean[] out = growByColour(mask.occluded(), mask.faceRegion(), outer, rgb, skin, w, h);
        return out == null ? mask : new OcclusionMask(w, h, out, mask.hair(), mask.faceRegion(), mask.occludedLandmarks());
    }

    /**
     * {@code occluded} grown by the pixels of {@code zone} whose colour is far from skin ({@code weakSkin}) and
     * nearer the mean colour of the occluded pixels in {@code region} than the mean of the rest of {@code region}
     * (hair beside a pair of glasses, or lips beside a hand, are not skin either), and that connect to the occluded
     * pixels; null when nothing is added.
     */
    private boolean[] growByColour(boolean[] occluded, boolean[] region, boolean[] zone, float[] rgb,
                                   SkinColourModel skin, int w, int h) {
        int n = w * h;
        double[] occ = new double[4], skinMean = new double[4];
        for (int i = 0; i < n; i++) {
            double[] acc = !region[i] ? null : occluded[i] ? occ : skinMean;
            if (acc != null) {
                for (int c = 0; c < 3; c++) {
                    acc[c] += rgb[3 * i + c];
                }
                acc[3]++;
            }
        }
        if (occ[3] == 0 || skinMean[3] == 0) {
            return null;
        }
        boolean[] grown = occluded.clone();
        boolean[] candidate = new boolean[n];
        for (int i = 0; i < n; i++) {
            double toOcc = 0, toSkin = 0;
            for (int c = 0; c < 3 && zone[i]; c++) {
                toOcc += Math.pow(rgb[3 * i + c] - occ[c] / occ[3], 2);
                toSkin += Math.pow(rgb[3 * i + c] - skinMean[c] / skinMean[3], 2);
            }
            candidate[i] = zone[i] && toOcc < toSkin
                && skin.probability(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) < config.weakSkin();
            grown[i] |= candidate[i];
        }
        int[] count = new int[1];
        int[] labels = BinaryMorphology.label(grown, w, h, count);
        boolean[] touches = new boolean[count[0] + 1];
        for (int i = 0; i < n; i++) {
            if (occluded[i]) {
                touches[labels[i]] = true;
            }
        }
        boolean[] out = occluded.clone();
        int added = 0;
        for (int i = 0; i < n; i++) {
            if (candidate[i] && touches[labels[i]]) {
                out[i] = true;
                added++;
            }
        }
        return added == 0 ? null : out;
    }

    private OcclusionMask detect(RgbImage photo, Pose pose, double[] identity, double[] expression,
                                 PhotometricResult fit, double[] landmarks, OcclusionMask previous) {
        int w = photo.width(), h = photo.height(), n = w * h;
        float[] shape = model.evaluate(identity, expression, Region.FACE);
        Rasterizer ras = new Rasterizer(w, h);
        ras.render(shape, shape.length / 3, narrowTriangles, narrowTriangles.length / 3, pose);
        int[] ids = ras.triangleIds();
        boolean[] region = new boolean[n];
        int regionCount = 0;
        for (int i = 0; i < n; i++) {
            region[i] = ids[i] >= 0;
            regionCount += region[i] ? 1 : 0;
        }
        double[] fitted = new double[136];
        pose.project(model.evaluate(identity, expression, model.landmarks68()), 68, fitted);
        double faceWidth = Math.max(16, Math.hypot(fitted[32] - fitted[0], fitted[33] - fitted[1]));
        if (regionCount < 50) {
            return new OcclusionMask(w, h, new boolean[n], new boolean[n], region, new int[0]);
        }
        float[] rgb = new float[3 * n];
        byte[] px = photo.rgb();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (px[i] & 0xff) / 255f;
        }
        // residuals against the fit's rendering
        float[] residual = null;
        double median = 0, sigma = 0;
        if (fit != null) {
            float[] colour = new float[3 * n];
            ras.interpolate(narrowTriangles, outputs.vertexColours(fit, shape), 3, colour);
            residual = new float[n];
            float[] all = new float[regionCount];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (region[i]) {
                    double s = 0;
                    for (int c = 0; c < 3; c++) {
                        double d = rgb[3 * i + c] - colour[3 * i + c];
                        s += d * d;
                    }
                    residual[i] = (float) Math.sqrt(s);
                    all[k++] = residual[i];
                }
            }
            double[] ms = medianAndSigma(all, regionCount);
            median = ms[0];
            sigma = ms[1];
        }
        boolean[] features = featureZones(fitted, w, h, 0.04 * faceWidth, 0.07 * faceWidth);
        // brightness against skin: log luminance of the photo over that of the mean skin albedo under the fit's
        // light, as robust z-scores over the region outside the features. The per-vertex albedo of a fit run
        // before the mask covered the occluder has partly taken on its colour, so the residual alone misses the
        // inside of dark lenses or a white mask; the mean skin albedo has not.
        boolean[] core = BinaryMorphology.erode(region, w, h, (int) Math.round(BORDER * faceWidth));
        float[] brightness = null;
        double bMedian = 0, bSigma = 1;
        if (fit != null) {
            brightness = new float[n];
            float[] skinColour = new float[3 * n];
            ras.interpolate(narrowTriangles, outputs.vertexColours(meanSkin(fit), shape), 3, skinColour);
            float[] all = new float[regionCount];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (region[i]) {
                    double lp = rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2];
                    double ls = skinColour[3 * i] + skinColour[3 * i + 1] + skinColour[3 * i + 2];
                    brightness[i] = (float) Math.log((lp + 0.06) / (ls + 0.06));
                    if (!features[i]) {
                        all[k++] = brightness[i];
                    }
                }
            }
            double[] ms = medianAndSigma(all, k);
            bMedian = ms[0];
            bSigma = ms[1];
        }
        // skin colour model over the face region outside the features and the previous mask, robust to the occluder
        boolean[] candidates = new boolean[n];
        boolean[] previousOut = previous == null ? null : previous.leftOut();
        for (int i = 0; i < n; i++) {
            candidates[i] = region[i] && !features[i] && (previousOut == null || !previousOut[i]);
        }
        SkinColourModel skin = SkinColourModel.fitRobust(rgb, w, h, candidates);
        boolean[] strong = new boolean[n], weak = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!region[i]) {
                continue;
            }
            double p = skin.probability(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
            // brightness only in the region's core: near the silhouette the light's shading is least sure and hair
            // and background overlap the fitted face
            double z = residual == null ? 0 : Math.max((residual[i] - median) / sigma,
                core[i] ? Math.abs(brightness[i] - bMedian) / bSigma : 0);
            // inside the facial features (lips and brows are not skin either, nor explained by a smooth albedo) only
            // colour far from skin or twice the strong residual counts, and only as weak evidence
            weak[i] = features[i] ? p < config.strongSkin() || z > 2 * config.strongResidual()
                : p < config.weakSkin() || z > config.weakResidual();
            strong[i] = !features[i] && (p < config.strongSkin() || z > config.strongResidual());
        }
        // Components are found in the region's core (the region eroded by BORDER of the face width): along the
        // region's edge the background or hair seen past a fitted silhouette a little wider than the face makes bands
        // of evidence that would join an occluder's component and carry it around the face
        boolean[] rawWeak = weak;
        weak = BinaryMorphology.open(weak, w, h, (int) Math.round(config.openRadius() * faceWidth));
        for (int i = 0; i < n; i++) {
            weak[i] &= core[i];
        }
        int[] count = new int[1];
        int[] labels = BinaryMorphology.label(weak, w, h, count);
        int[] seeds = new int[count[0] + 1];
        for (int i = 0; i < n; i++) {
            if (strong[i] && labels[i] > 0) {
                seeds[labels[i]]++;
            }
        }
        // hair at the hairline is not an occluder the fit should go around (the narrow face area reaches into it):
        // components lying mostly above the line through the brows' middle points (19, 24) are dropped. Hair at the
        // temples of a turned or tilted head reaches below that line: components lying mostly (70%) in the region's
        // rim (RIM deep) above the line through the outer eye corners (36, 45) are hair, not occluder, but stay out
        // of the fit (OcclusionMask.hair). Measured, `face3d bench occlusion --size 32` seeds 5/6/7: mask IoU >= 0.7
        // on 31/29/27 of 32 faces -> 32/31/31 (bars 7/6/6 of 8 -> 8/8/8; median IoU 0.910/0.883/0.865 ->
        // 0.926/0.934/0.937); dense RMSE over the unoccluded fit's, ratio of medians +9.5/+19.3/+5.5% ->
        // +10.6/+19.0/+5.5%. Dropping that hair from the fit's left-out pixels as well made the fit worse
        // (+13.4/+19.8/+10.2%): hair is not skin, and the plain photometric term has no other guard against it.
        int[] above = new int[count[0] + 1], size = new int[count[0] + 1], rimAboveEyes = new int[count[0] + 1];
        double bx = fitted[48] - fitted[38], by = fitted[49] - fitted[39];
        double ex = fitted[90] - fitted[72], ey = fitted[91] - fitted[73];
        boolean[] inner = BinaryMorphology.erode(region, w, h, (int) Math.round(RIM * faceWidth));
        boolean[] below = new boolean[n];
        for (int i = 0; i < n; i++) {
            double cross = bx * (i / w + 0.5 - fitted[39]) - by * (i % w + 0.5 - fitted[38]);
            below[i] = cross >= 0;
            if (labels[i] > 0) {
                size[labels[i]]++;
                above[labels[i]] += below[i] ? 0 : 1;
                boolean aboveEyes = ex * (i / w + 0.5 - fitted[73]) - ey * (i % w + 0.5 - fitted[72]) < 0;
                rimAboveEyes[labels[i]] += aboveEyes && !inner[i] ? 1 : 0;
            }
        }
        double minSeeds = Math.max(1, config.minSeedFraction() * regionCount);
        boolean[] kept = new boolean[n], hair = new boolean[n];
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            boolean component = l > 0 && seeds[l] >= minSeeds && above[l] < 0.7 * size[l];
            boolean temple = rimAboveEyes[l] >= 0.7 * size[l];
            kept[i] = component && !temple;
            hair[i] = component && temple;
        }
        // the kept components get back, near them, the thin parts the opening took and, below the brows, their part
        // in the edge band (a hand or a mask reaching the jaw line)
        boolean[] allowed = new boolean[n];
        for (int i = 0; i < n; i++) {
            allowed[i] = core[i] || (region[i] && below[i]);
        }
        boolean[] mask = finish(kept, rawWeak, allowed, region, w, h, faceWidth);
        // the feature zones discount their own evidence, so an occluder over the lips or the nostrils (a medical mask,
        // a bar) left them as notches open to the rest of the face, which hole filling cannot close: the mask grows
        // into the zones by colour (far from skin, nearer the occluder's mean colour than the skin's). Measured,
        // `face3d bench skin-occlusion-tuning --size 24 --seed 1`: mask IoU median 0.46 -> 0.59 (medical masks 0.30 ->
        // 0.43, bars 0.15 -> 0.51); docs/decisions/photo3-occlusion-on-skin.md
        boolean[] featureZone = new boolean[n];
        for (int i = 0; i < n; i++) {
            featureZone[i] = features[i] && region[i];
        }
        boolean[] grownIntoFeatures = growByColour(mask, region, featureZone, rgb, skin, w, h);
        if (grownIntoFeatures != null) {
            mask = grownIntoFeatures;
        }
        // the residual and brightness evidence also fires on wrinkles, folds and cast shadows beside the occluder,
        // and the mask stops short of its rim: re-segmented by appearance. The fitted region can fall short of the
        // face where the occluder hides its outline (a mask over the jaw): by appearance the mask may reach past it
        // below the brows, up to EXTEND of the face width. Measured, `face3d bench skin-occlusion-tuning --size 24
        // --seed 1`: IoU >= 0.7 on 3 -> 12 (inside the region) -> 14 of 20 faces, precision 0.69 -> 0.96;
        // docs/decisions/occlusion-mask-by-appearance.md
        boolean[] reach = BinaryMorphology.dilate(region, w, h, (int) Math.round(EXTEND * faceWidth));
        boolean[] allowedByAppearance = new boolean[n];
        for (int i = 0; i < n; i++) {
            allowedByAppearance[i] = allowed[i] || (reach[i] && below[i]);
        }
        boolean[] byAppearance = refineByAppearance(mask, region, reach, allowedByAppearance, rgb, w, h, faceWidth);
        if (byAppearance != null) {
            mask = byAppearance;
        }
        fillHoles(mask, w, h, MAX_HOLE * regionCount);
        hair = finish(hair, rawWeak, allowed, region, w, h, faceWidth);
        OcclusionMask pixels = new OcclusionMask(w, h, mask, hair, region, new int[0]);
        // one dilation of the left-out pixels (a dilation of a union is the union of the dilations)
        boolean[] grown = BinaryMorphology.dilate(pixels.leftOut(), w, h, (int) Math.round(0.04 * faceWidth));
        return pixels.withOccludedLandmarks(java.util.stream.IntStream.range(0, 68)
            .filter(k -> hit(grown, w, h, landmarks, k)).toArray());
    }

    /** How far past the fitted face region the appearance may carry the mask (below the brows), fraction of the face width. */
    static final double EXTEND = 0.06;

    /** Radius of the box filter over the appearance log-likelihood ratio, fraction of the face width. */
    static final double APPEARANCE_SMOOTH = 0.02;

    /**
     * The mask re-segmented by appearance: a colour mixture of the face without the occluder (the face region away
     * from the mask: skin in light and shade, lips, brows, lash lines; 5 components) and one of the mask's interior
     * (3 components), of which only the components unlike the face count as occluder (at least half of the mask
     * pixels they explain less likely under the face mixture than 95% of the face's own pixels: wrinkles, shadows
     * and folds that the residual flagged are skin); pixels whose log-likelihood ratio, box-filtered, favours the
     * occluder, in the connected parts that meet the mask, within {@code allowed}; twice, the mixtures refitted on
     * the new mask. Null (the mask stands) when no component of the mask is unlike the face (a skin-coloured
     * occluder: colour cannot tell it) or too few pixels are masked.
     */
    static boolean[] refineByAppearance(boolean[] mask, boolean[] region, boolean[] reach, boolean[] allowed,
                                        float[] rgb, int w, int h, double faceWidth) {
        int n = w * h;
        boolean[] current = new boolean[n];
        int masked = 0;
        for (int i = 0; i < n; i++) {
            current[i] = mask[i] && region[i];
            masked += current[i] ? 1 : 0;
        }
        if (masked < 50) {
            return null;
        }
        int smooth = Math.max(1, (int) Math.round(APPEARANCE_SMOOTH * faceWidth));
        for (int round = 0; round < 2; round++) {
            boolean[] inner = BinaryMorphology.erode(current, w, h, Math.max(1, smooth / 2));
            boolean[] near = BinaryMorphology.dilate(current, w, h, smooth);
            int[] occIdx = new int[n], faceIdx = new int[n];
            int no = 0, nf = 0, nInner = 0;
            for (int i = 0; i < n; i++) {
                nInner += inner[i] && region[i] ? 1 : 0;
            }
            for (int i = 0; i < n; i++) {
                if (region[i] && (nInner >= 50 ? inner[i] : current[i])) {
                    occIdx[no++] = i;
                }
                if (region[i] && !near[i]) {
                    faceIdx[nf++] = i;
                }
            }
            ColourMixture face = ColourMixture.fit(rgb, faceIdx, nf, 5);
            ColourMixture occ = ColourMixture.fit(rgb, occIdx, no, 3);
            if (face == null || occ == null) {
                return round == 0 ? null : current;
            }
            float[] faceLog = new float[nf];
            for (int s = 0; s < nf; s++) {
                int i = faceIdx[s];
                faceLog[s] = (float) face.logDensity(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
            }
            float[] sorted = faceLog.clone();
            Arrays.sort(sorted);
            double q = sorted[(int) (0.05 * nf)];
            int[] unlike = new int[occ.components()], all = new int[occ.components()];
            for (int s = 0; s < no; s++) {
                int i = occIdx[s];
                int j = occ.component(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
                all[j]++;
                unlike[j] += face.logDensity(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) < q ? 1 : 0;
            }
            boolean[] use = new boolean[occ.components()];
            boolean any = false;
            for (int j = 0; j < use.length; j++) {
                use[j] = all[j] > 0 && unlike[j] >= 0.5 * all[j];
                any |= use[j];
            }
            if (!any) {
                return round == 0 ? null : current;
            }
            float[] llr = new float[n];
            for (int i = 0; i < n; i++) {
                if (!reach[i]) {
                    llr[i] = (float) -LLR_CLIP;
                    continue;
                }
                double r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
                double d = occ.logDensity(r, g, b, use) - face.logDensity(r, g, b);
                llr[i] = (float) Math.max(-LLR_CLIP, Math.min(LLR_CLIP, d));
            }
            float[] mean = boxMean(llr, w, h, smooth);
            boolean[] label = new boolean[n];
            for (int i = 0; i < n; i++) {
                label[i] = reach[i] && allowed[i] && mean[i] > 0;
            }
            int[] count = new int[1];
            int[] labels = BinaryMorphology.label(label, w, h, count);
            boolean[] meets = new boolean[count[0] + 1];
            for (int i = 0; i < n; i++) {
                if (current[i] && labels[i] > 0) {
                    meets[labels[i]] = true;
                }
            }
            boolean[] next = new boolean[n];
            int kept = 0;
            for (int i = 0; i < n; i++) {
                next[i] = labels[i] > 0 && meets[labels[i]];
                kept += next[i] ? 1 : 0;
            }
            if (kept < 50) {
                return round == 0 ? null : current;
            }
            current = next;
        }
        return current;
    }

    /** Bound on the per-pixel appearance log-likelihood ratio before smoothing. */
    static final double LLR_CLIP = 8;

    /** Mean over the (2r+1)^2 box (clipped at the image edge), by a summed-area table. */
    static float[] boxMean(float[] v, int w, int h, int r) {
        double[] sat = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double row = 0;
            for (int x = 0; x < w; x++) {
                row += v[y * w + x];
                sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
            }
        }
        float[] out = new float[v.length];
        for (int y = 0; y < h; y++) {
            int y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
            for (int x = 0; x < w; x++) {
                int x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
                double s = sat[y1 * (w + 1) + x1] - sat[y0 * (w + 1) + x1] - sat[y1 * (w + 1) + x0] + sat[y0 * (w + 1) + x0];
                out[y * w + x] = (float) (s / ((y1 - y0) * (x1 - x0)));
            }
        }
        return out;
    }

    /** Components to mask: their thin parts given back ({@link #restoreThinParts}), closed, kept in the region. */
    private boolean[] finish(boolean[] components, boolean[] rawWeak, boolean[] allowed, boolean[] region, int w, int h,
                             double faceWidth) {
        restoreThinParts(components, rawWeak, allowed, w, h, (int) Math.round(RESTORE * faceWidth));
        boolean[] mask = BinaryMorphology.close(components, w, h, (int) Math.round(config.closeRadius() * faceWidth));
        for (int i = 0; i < mask.length; i++) {
            mask[i] &= region[i];
        }
        return mask;
    }

    /** Width of the band along the face region's edge where background and hair leak in, fraction of the face width. */
    static final double BORDER = 0.05;

    /** Depth of the rim of the face region where hair at the temples lies, fraction of the face width. */
    static final double RIM = 3 * BORDER;

    /** Reach of {@link #restoreThinParts}, fraction of the face width. */
    static final double RESTORE = 0.06;

    /**
     * Gives back to the kept components the thin parts the opening took from them (a glasses' bridge and rims,
     * fingers): weak-evidence pixels (before the opening) of a weak component that touches a kept pixel, within
     * {@code reach} pixels of the kept ones and {@code allowed} (a reconstruction by dilation limited in distance
     * and kept off the hairline, so hair or noise attached to the occluder does not spread).
     */
    static void restoreThinParts(boolean[] kept, boolean[] rawWeak, boolean[] allowed, int w, int h, int reach) {
        int[] count = new int[1];
        int[] labels = BinaryMorphology.label(rawWeak, w, h, count);
        boolean[] touches = new boolean[count[0] + 1];
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] && labels[i] > 0) {
                touches[labels[i]] = true;
            }
        }
        boolean[] near = BinaryMorphology.dilate(kept, w, h, reach);
        for (int i = 0; i < kept.length; i++) {
            kept[i] |= labels[i] > 0 && touches[labels[i]] && near[i] && allowed[i];
        }
    }

    /** Enclosed holes up to this fraction of the face region are filled (an occluder has none: eyes behind lenses). */
    static final double MAX_HOLE = 0.05;

    /**
     * Fills what the mask encloses (parts outside it with no 4-neighbour path to the image border) up to
     * {@code maxPixels} each: the eyes and brows inside a pair of lenses, the mouth under a mask, whose own evidence
     * the feature zones discount, and the mesh's eye and mouth openings there (outside the face region, but
     * occluded all the same: the completed photo must not show the occluder through them).
     */
    static void fillHoles(boolean[] mask, int w, int h, double maxPixels) {
        boolean[] free = new boolean[mask.length];
        for (int i = 0; i < free.length; i++) {
            free[i] = !mask[i];
        }
        int[] count = new int[1];
        int[] labels = BinaryMorphology.label(free, w, h, count);
        boolean[] open = new boolean[count[0] + 1];
        int[] size = new int[count[0] + 1];
        for (int i = 0; i < free.length; i++) {
            int l = labels[i];
            if (l > 0) {
                size[l]++;
                int x = i % w, y = i / w;
                open[l] |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
            }
        }
        for (int i = 0; i < free.length; i++) {
            int l = labels[i];
            if (l > 0 && !open[l] && size[l] <= maxPixels) {
                mask[i] = true;
            }
        }
    }

    /** Median and robust standard deviation (1.4826 MAD, at least 0.01) of the first {@code k} values (sorted in place). */
    private static double[] medianAndSigma(float[] v, int k) {
        if (k == 0) {
            return new double[] {0, 1};
        }
        Arrays.sort(v, 0, k);
        double median = v[k / 2];
        for (int i = 0; i < k; i++) {
            v[i] = (float) Math.abs(v[i] - median);
        }
        Arrays.sort(v, 0, k);
        return new double[] {median, Math.max(1.4826 * v[k / 2], 0.01)};
    }

    /** The fit with every vertex at the mean skin albedo. */
    private static PhotometricResult meanSkin(PhotometricResult f) {
        float[] albedo = new float[f.albedo().length];
        for (int i = 0; i < albedo.length; i++) {
            albedo[i] = (float) f.meanAlbedo()[i % 3];
        }
        return new PhotometricResult(f.pose(), f.identity(), f.expression(), f.light(), albedo, f.meanAlbedo(),
            f.fittedPoints(), f.history(), f.startLoss(), f.millis());
    }

    private static boolean hit(boolean[] m, int w, int h, double[] points, int k) {
        int x = (int) Math.floor(points[2 * k]), y = (int) Math.floor(points[2 * k + 1]);
        return x >= 0 && y >= 0 && x < w && y < h && m[y * w + x];
    }

    /**
     * Pixels within {@code margin} of the fitted facial features (eye contours, brows, nostril line, outer lip) or
     * inside the eye and lip contours: their colour is not skin without any occluder.
     */
    static boolean[] featureZones(double[] p, int w, int h, double margin, double browMargin) {
        int[][] loops = {{36, 37, 38, 39, 40, 41}, {42, 43, 44, 45, 46, 47},
            {48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59}};
        int[][] lines = {{17, 18, 19, 20, 21}, {22, 23, 24, 25, 26}, {31, 32, 33, 34, 35}};
        Box2 inner = Box2.of(p, 2, 17, 68);
        boolean[] out = new boolean[w * h];
        double reach = Math.max(margin, browMargin);
        int x0 = Math.max(0, (int) (inner.minX() - reach)), x1 = Math.min(w - 1, (int) (inner.maxX() + reach));
        int y0 = Math.max(0, (int) (inner.minY() - reach)), y1 = Math.min(h - 1, (int) (inner.maxY() + reach));
        double[][] polys = new double[loops.length][];
        for (int l = 0; l < loops.length; l++) {
            polys[l] = new double[2 * loops[l].length];
            for (int i = 0; i < loops[l].length; i++) {
                polys[l][2 * i] = p[2 * loops[l][i]];
                polys[l][2 * i + 1] = p[2 * loops[l][i] + 1];
            }
        }
        double m2 = margin * margin, b2 = browMargin * browMargin;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double u = x + 0.5, v = y + 0.5;
                boolean hit = false;
                for (int l = 0; l < loops.length && !hit; l++) {
                    hit = Polygons.contains(polys[l], u, v) || near(p, loops[l], true, u, v, m2);
                }
                for (int l = 0; l < lines.length && !hit; l++) {
                    hit = near(p, lines[l], false, u, v, l < 2 ? b2 : m2);
                }
                out[y * w + x] = hit;
            }
        }
        return out;
    }

    private static boolean near(double[] p, int[] idx, boolean closed, double u, double v, double m2) {
        int segments = closed ? idx.length : idx.length - 1;
        for (int s = 0; s < segments; s++) {
            int a = idx[s], b = idx[(s + 1) % idx.length];
            double ax = p[2 * a], ay = p[2 * a + 1], dx = p[2 * b] - ax, dy = p[2 * b + 1] - ay;
            double t = Math.max(0, Math.min(1, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy + 1e-12)));
            double ex = u - ax - t * dx, ey = v - ay - t * dy;
            if (ex * ex + ey * ey <= m2) {
                return true;
            }
        }
        return false;
    }
}
