package io.face3d.fit.occlusion;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import io.face3d.fit.photometric.PhotometricAttention;
import io.face3d.fit.photometric.PhotometricConfig;
import io.face3d.fit.photometric.PhotometricOutputs;
import io.face3d.fit.render.UvTexture;
import io.face3d.fit.render.SyntheticFace;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OcclusionAwareFitterTest {
    private static MorphableModel model;
    private static SyntheticFaceRenderer renderer;
    private static OcclusionAwareFitter fitter;

    @BeforeAll
    static void setUp() {
        model = TestModel.get();
        renderer = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults().withSize(320, 320).withAngles(25, 10, 10));
        fitter = new OcclusionAwareFitter(model, PhotometricConfig.perPhoto(), OcclusionConfig.defaults());
    }

    /**
     * One synthetic face (seed 21, unused by the bench) with a pasted medical mask or sunglasses covering 15-25% of
     * the face, started from the true pose and the mean face with the true landmarks: the mask's IoU with the true
     * occluder inside the face region is at least 0.6 (the bench target 0.7 is for the median), at least 80% of
     * the landmarks under the occluder are flagged, at least 60% of the flagged ones are under it, and the texture
 * with the mask carried onto the face area ({@link OcclusionDetector#spill}) keeps at most a fifth of the
 * occluder-coloured texels of the texture without it.
     */
    @ParameterizedTest
    @EnumSource(value = SyntheticOccluder.Kind.class, names = {"MEDICAL_MASK", "SUNGLASSES"})
    void findsTheOccluderAndFlagsItsLandmarks(SyntheticOccluder.Kind kind) {
        SyntheticFace f = renderer.render(21);
        SyntheticOccluder.Occluded occ = SyntheticOccluder.paste(model, f, kind, new Random(21), 0.15, 0.25);
        assertTrue(occ.coverage() >= 0.15 && occ.coverage() <= 0.25, "coverage " + occ.coverage());
        OcclusionResult r = fitter.fit(occ.image(), f.landmarks(), f.pose(), null, null);
        double iou = r.mask().iou(occ.occluder(), occ.faceRegion());
        assertTrue(iou >= 0.6, kind + " IoU " + iou);
        int w = f.image().width(), under = 0, flaggedUnder = 0;
        boolean[] isUnder = new boolean[68];
        for (int k = 0; k < 68; k++) {
            int x = (int) f.landmarks()[2 * k], y = (int) f.landmarks()[2 * k + 1];
            isUnder[k] = occ.occluder()[y * w + x];
            under += isUnder[k] ? 1 : 0;
        }
        for (int k : r.mask().occludedLandmarks()) {
            flaggedUnder += isUnder[k] ? 1 : 0;
        }
        assertTrue(under > 5, "the occluder should cover landmarks");
        assertTrue(flaggedUnder >= 0.8 * under, flaggedUnder + " of " + under + " flagged");
        assertTrue(flaggedUnder >= 0.6 * r.mask().occludedLandmarks().length,
            flaggedUnder + " of " + r.mask().occludedLandmarks().length + " flags right");
        assertTrue(r.rounds() >= 1 && r.rounds() <= OcclusionConfig.defaults().rounds());
        // completion: both occluders are bluish (b > r, b >= g), skin is not; the texture with the mask shows at most a
        // fifth of the bluish texels of the texture sampled without it
        PhotometricOutputs out = new PhotometricOutputs(model, fitter.photometric().mirrorMap());
        FaceCompletion completion = new FaceCompletion(model, fitter.photometric().mirrorMap());
        int plain = bluish(out.texture(r.fit(), occ.image(), 128)), completed = bluish(completion.texture(r.fit(), occ.image(), 128,
            fitter.detector().spill(occ.image(), r.fit(), r.mask()).occluded()));
        assertTrue(plain > 100 && completed < 0.2 * plain, "bluish texels " + completed + " with the mask, " + plain + " without");
    }

    private static int bluish(UvTexture t) {
        byte[] px = t.toPixels().rgb();
        int n = 0;
        for (int i = 0; i < px.length; i += 3) {
            // blue above red and at least green: the occluders' colours, not skin nor a green backdrop
            // seen past the face's silhouette at the ears
            int r = px[i] & 0xff, g = px[i + 1] & 0xff, b = px[i + 2] & 0xff;
            n += b > r + 10 && b >= g ? 1 : 0;
        }
        return n;
    }

    /** Enclosed holes up to the size limit are filled; a hole touching the image border or too large is not. */
    @Test
    void fillsEnclosedHolesOnly() {
        int w = 30, h = 20;
        boolean[] m = new boolean[w * h];
        for (int y = 2; y < 12; y++) {
            for (int x = 2; x < 12; x++) {
                m[y * w + x] = y == 2 || y == 11 || x == 2 || x == 11; // a ring around an 8 x 8 hole
            }
        }
        for (int y = 0; y < 6; y++) {
            m[y * w + 20] = true; // a wall open to the border: its side is not a hole
        }
        boolean[] small = m.clone();
        OcclusionDetector.fillHoles(small, w, h, 64);
        boolean[] tooSmallLimit = m.clone();
        OcclusionDetector.fillHoles(tooSmallLimit, w, h, 63);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean hole = x > 2 && x < 11 && y > 2 && y < 11;
                assertEquals(m[y * w + x] || hole, small[y * w + x], "pixel " + x + ", " + y);
                assertEquals(m[y * w + x], tooSmallLimit[y * w + x], "pixel " + x + ", " + y);
            }
        }
    }

    @Test
    void morphologyOpensAwaySpecksAndClosesHoles() {
        int w = 20, h = 20;
        boolean[] m = new boolean[w * h];
        for (int y = 5; y < 15; y++) {
            for (int x = 5; x < 15; x++) {
                m[y * w + x] = true;
            }
        }
        m[10 * w + 10] = false;   // a hole
        m[3 * w + 17] = true;     // a speck (away from the border, which erosion treats as set)
        boolean[] closed = BinaryMorphology.close(m, w, h, 1);
        assertTrue(closed[10 * w + 10]);
        boolean[] opened = BinaryMorphology.open(closed, w, h, 1);
        assertTrue(!opened[3 * w + 17] && opened[7 * w + 7] && !opened[4 * w + 4]);
        int[] n = new int[1];
        BinaryMorphology.label(m, w, h, n);
        assertEquals(2, n[0]);
    }

    @Test
    void attentionValidatesAndMasksRoundTrip() {
        assertThrows(IllegalArgumentException.class, () -> new PhotometricAttention(4, 4, new boolean[15], null));
        assertThrows(IllegalArgumentException.class, () -> new PhotometricAttention(4, 4, null, new double[67]));
        boolean[] occ = new boolean[16], hair = new boolean[16], region = new boolean[16];
        occ[5] = true;
        hair[7] = true;
        region[5] = region[6] = region[7] = region[8] = true;
        OcclusionMask mask = new OcclusionMask(4, 4, occ, hair, region, new int[] {3});
        // hair is left out of the fit but is not occluder: not in the coverage, the IoU or the mask's bytes
        assertEquals(0.25, mask.coverage(), 1e-12);
        assertEquals(1.0, mask.iou(occ, region), 1e-12);
        PhotometricAttention a = fitter.attention(mask);
        assertTrue(a.excluded(1, 1) && a.excluded(3, 1) && !a.excluded(2, 1) && !a.excluded(0, 2));
        assertEquals(0, mask.toBytes()[7]);
        assertEquals(OcclusionConfig.defaults().landmarkWeight(), a.landmarkWeight(3), 1e-12);
        assertEquals(1.0, a.landmarkWeight(4), 1e-12);
        assertArrayEquals(new byte[] {0, (byte) 255}, new byte[] {mask.toBytes()[0], mask.toBytes()[5]});
    }
}
