package io.face3d.fit.occlusion;

import io.face3d.core.image.RgbImage;

import java.util.Arrays;

/**
 * An occlusion mask in photo pixels: the pixels of the face region that the fit cannot explain (an occluder).
 *
 * @param width              photo width
 * @param height             photo height
 * @param occluded           width x height flags, row-major, true = occluded (inside {@code faceRegion}, or a
 *                           hole of the face region, such as an eye opening, that the occluded pixels enclose;
 *                           {@link OcclusionDetector#spill} adds the occluder's continuation over the rest of the
 *                           face area, for the texture)
 * @param hair               width x height flags: hair over the rim of the face region above the eyes (temples,
 *                           hairline), not an occluder (not in {@code occluded}, not completed in the texture) but not
 *                           skin either, so left out of the fit with it ({@link #leftOut()})
 * @param faceRegion         width x height flags: the fitted face (narrow face area) projected into the photo
 * @param occludedLandmarks  indices (iBUG 0..67) of the landmarks treated as occluded, ascending
 */
public record OcclusionMask(int width, int height, boolean[] occluded, boolean[] hair, boolean[] faceRegion,
                            int[] occludedLandmarks) {
    public OcclusionMask {
        if (occluded.length != width * height || hair.length != width * height || faceRegion.length != width * height) {
            throw new IllegalArgumentException("mask arrays must hold width x height flags");
        }
    }

    /** This mask with {@code more} landmarks (e.g. disputed by two detectors) also treated as occluded. */
    public OcclusionMask withOccludedLandmarks(int[] more) {
        if (more.length == 0) {
            return this;
        }
        int[] union = java.util.stream.IntStream.concat(Arrays.stream(occludedLandmarks), Arrays.stream(more))
            .distinct().sorted().toArray();
        return new OcclusionMask(width, height, occluded, hair, faceRegion, union);
    }

    /** The pixels the fit leaves out: the occluder and the hair. */
    public boolean[] leftOut() {
        boolean[] out = new boolean[occluded.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = occluded[i] || hair[i];
        }
        return out;
    }

    /** Occluded pixels of the face region / face region pixels. */
    public double coverage() {
        int n = 0;
        for (int i = 0; i < occluded.length; i++) {
            n += occluded[i] && faceRegion[i] ? 1 : 0;
        }
        return (double) n / Math.max(1, count(faceRegion));
    }

    /** The mask as bytes (255 occluded, 0 not), row-major. */
    public byte[] toBytes() {
        byte[] b = new byte[occluded.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = occluded[i] ? (byte) 255 : 0;
        }
        return b;
    }

    /** The mask as a grey image: white occluded, mid-grey the rest of the face region, black outside. */
    public RgbImage toPixels() {
        byte[] rgb = new byte[3 * occluded.length];
        for (int i = 0; i < occluded.length; i++) {
            byte v = occluded[i] ? (byte) 255 : faceRegion[i] ? (byte) 64 : 0;
            Arrays.fill(rgb, 3 * i, 3 * i + 3, v);
        }
        return new RgbImage(width, height, rgb);
    }

    /** Intersection over union of this mask with a true occluder mask, both restricted to {@code region}. */
    public double iou(boolean[] truth, boolean[] region) {
        long inter = 0, union = 0;
        for (int i = 0; i < occluded.length; i++) {
            if (!region[i]) {
                continue;
            }
            boolean a = occluded[i], b = truth[i];
            inter += a && b ? 1 : 0;
            union += a || b ? 1 : 0;
        }
        return union == 0 ? 1 : (double) inter / union;
    }

    static int count(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
