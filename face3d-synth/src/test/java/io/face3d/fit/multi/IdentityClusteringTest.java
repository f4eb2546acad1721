package io.face3d.fit.multi;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.core.geom.Umeyama;
import io.face3d.fit.landmark.SyntheticFaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Identity clustering and joint fitting on synthetic people (identity N(0, I), each photo its own pose with yaw up
 * to 60 degrees and its own expressions, landmark noise 0.5% IOD).
 */
class IdentityClusteringTest {
    private static final int PEOPLE = 5;
    private static final int PHOTOS = 3;
    private static MorphableModel model;
    private static FitConfig config;
    private static LandmarkFitter fitter;
    private static int[] truth;
    private static double[][] ids;
    private static List<IdentityEvidence> evidence;

    @BeforeAll
    static void fitPhotos() {
        model = TestModel.get();
        config = FitConfig.defaults().withNoise(NoiseModel.CLEAN);
        fitter = LandmarkFitter.create(model, config);
        SyntheticFaces faces = new SyntheticFaces(model);
        Random rnd = new Random(20261123);
        List<LandmarkObservation> obs = new ArrayList<>();
        truth = new int[PEOPLE * PHOTOS];
        for (int p = 0; p < PEOPLE; p++) {
            double[] id = gaussian(rnd, model.identityCount());
            for (int q = 0; q < PHOTOS; q++) {
                SyntheticFaces.Face f = faces.draw(rnd, NoiseModel.CLEAN, 4);
                truth[obs.size()] = p;
                obs.add(faces.render(id, f.expression(), f.pose(), rnd, NoiseModel.CLEAN).observation());
            }
        }
        IdentityEvidence.Builder b = new IdentityEvidence.Builder(model, config);
        ids = new double[obs.size()][];
        IdentityEvidence[] ev = new IdentityEvidence[obs.size()];
        IntStream.range(0, obs.size()).parallel().forEach(i -> {
            FitResult r = fitter.fit(obs.get(i));
            ids[i] = r.identity();
            ev[i] = b.of(obs.get(i), r);
        });
        evidence = Arrays.asList(ev);
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = rnd.nextGaussian();
        }
        return v;
    }

    /** True when two labellings are the same partition (labels may be permuted). */
    private static boolean samePartition(int[] a, int[] b) {
        Map<Integer, Integer> ab = new HashMap<>(), ba = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            if (ab.putIfAbsent(a[i], b[i]) != null && ab.get(a[i]) != b[i]
                || ba.putIfAbsent(b[i], a[i]) != null && ba.get(b[i]) != a[i]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void givenKRecoversThePeopleExactlyAndDeterministically() {
        IdentityClustering.Result r = IdentityClustering.cluster(ids, evidence, IdentityClustering.Config.of(PEOPLE, 7));
        assertTrue(samePartition(truth, r.labels()), "refined labels " + Arrays.toString(r.labels()));
        IdentityClustering.Result again = IdentityClustering.cluster(ids, evidence,
            IdentityClustering.Config.of(PEOPLE, 7));
        assertArrayEquals(r.labels(), again.labels());
        assertArrayEquals(r.baseline(), again.baseline());
    }

    @Test
    void autoFindsTheNumberOfPeople() {
        IdentityClustering.Result r = IdentityClustering.auto(ids, evidence, IdentityClustering.Config.of(1, 7));
        assertEquals(PEOPLE, r.people());
        assertTrue(samePartition(truth, r.labels()), "labels " + Arrays.toString(r.labels()));
    }

    @Test
    void evidenceIsMinimalNearThePhotosOwnIdentity() {
        // the linearised cost at the photo's own fit is below its cost at the mean face and at other people's fits
        for (int i = 0; i < ids.length; i++) {
            double own = evidence.get(i).cost(ids[i]);
            assertTrue(own < evidence.get(i).cost(new double[ids[i].length]), "photo " + i);
            for (int j = 0; j < ids.length; j++) {
                if (truth[j] != truth[i]) {
                    assertTrue(own < evidence.get(i).cost(ids[j]), "photo " + i + " vs " + j);
                }
            }
        }
    }

    @Test
    void jointFitOfSeveralViewsBeatsOneFrontalView() {
        SyntheticFaces faces = new SyntheticFaces(model);
        Random rnd = new Random(99);
        double single = 0, joint = 0, mean = 0, jf = 0; // jf: the fitter's joint fit (Aggregation.JOINT)
        int people = 4;
        for (int p = 0; p < people; p++) {
            double[] id = gaussian(rnd, model.identityCount());
            SyntheticFaces.Face f0 = faces.draw(rnd, NoiseModel.CLEAN, 4, 0.0);
            LandmarkObservation frontal = faces.render(id, f0.expression(), f0.pose(), rnd, NoiseModel.CLEAN)
                .observation();
            List<LandmarkObservation> views = new ArrayList<>();
            for (int q = 0; q < 5; q++) {
                SyntheticFaces.Face f = faces.draw(rnd, NoiseModel.CLEAN, 4);
                views.add(faces.render(id, f.expression(), f.pose(), rnd, NoiseModel.CLEAN).observation());
            }
            single += rmse(fitter.fit(frontal).identity(), id) / people;
            // the per-photo fits once, combined both ways (what Aggregation.aggregate does for EVIDENCE and MEAN)
            List<FitResult> fits = new ArrayList<>();
            List<IdentityEvidence> ev = new ArrayList<>();
            IdentityEvidence.Builder b = new IdentityEvidence.Builder(model, config);
            for (LandmarkObservation v : views) {
                FitResult r = fitter.fit(v);
                fits.add(r);
                ev.add(b.of(v, r));
            }
            joint += rmse(Aggregation.pooled(fits, ev, config.identityLimit()).identity(), id) / people;
            mean += rmse(Aggregation.ofSingleFits(fits).identity(), id) / people;
            jf += rmse(fitter.fitJoint(views).identity(), id) / people;
        }
        // measured (seed 99): single 2.75, pooled evidence 2.16, mean 1.63, joint fit 1.41 mm
        assertTrue(joint < 0.85 * single, "pooled " + joint + " mm vs single frontal " + single + " mm");
        assertTrue(jf < mean, "joint fit " + jf + " mm vs mean of per-photo identities " + mean + " mm");
        assertTrue(jf < 0.6 * single, "joint fit " + jf + " mm vs single frontal " + single + " mm");
    }

    /** Dense full-face RMSE (mm) of the neutral face after a similarity alignment to the truth. */
    private static double rmse(double[] identity, double[] truthId) {
        float[] p = model.evaluate(identity, null, Region.FACE), t = model.evaluate(truthId, null, Region.FACE);
        int n = p.length / 3;
        double[] src = new double[p.length], dst = new double[t.length];
        for (int i = 0; i < p.length; i++) {
            src[i] = p[i];
            dst[i] = t[i];
        }
        return Umeyama.alignedRms(src, dst);
    }
}
