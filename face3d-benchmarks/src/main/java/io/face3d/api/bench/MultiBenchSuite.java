package io.face3d.api.bench;

import static io.face3d.bench.BenchStats.median;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.geom.Similarity;
import io.face3d.core.geom.Umeyama;
import io.face3d.eval.cluster.AdjustedRandIndex;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.fit.landmark.SyntheticFaces;
import io.face3d.fit.multi.Aggregation;
import io.face3d.fit.multi.IdentityClustering;
import io.face3d.fit.multi.IdentityEvidence;
import io.face3d.fit.multi.KMeans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * {@code face3d bench multi}: several photos of one person and photo sets of many people.
 *
 * <p>Data: people drawn from the model (identity N(0, I)); every photo of a person has its own pose (yaw U(-60,
 * 60), pitch U(-25, 25), roll U(-20, 20)) and its own 0-4 expressions (mostly one-sided: {@link SyntheticFaces});
 * landmark noise 0.5% IOD, and at the detector-like level of {@link NoiseModel#DLIB}. The fitter is told the noise
 * level of the data. (1) Median dense neutral-face RMSE (mm, full face area, after a similarity alignment to the
 * truth, Umeyama) of: one frontal photo (yaw 0, its own pitch, roll and expressions); the mean of per-photo
 * identities; the seed's K-means centroid (all people's photos clustered with K = number of people, each person's
 * face = the centroid of the cluster holding most of its photos); the landmark fitter's joint fit ({@link Aggregation#JOINT}, the default); the pooled
 * evidence ({@link Aggregation#EVIDENCE}); as the number of photos grows.
 * (2) Clustering: adjusted Rand index of the seed's K-means and of the refined clustering
 * ({@link IdentityClustering}) for 10, 20 and 50 people with 3-6 photos each.
 */
public final class MultiBenchSuite extends AbstractBenchSuite {
    private static final int MAX_PHOTOS = 8;
    /** Clustering rows: people, fewest and most photos per person (the last row: the target set). */
    private static final int[][] CLUSTER_ROWS = {{10, 3, 6}, {20, 3, 6}, {50, 3, 6}, {20, 5, 5}};
    private static final int CLUSTER_REPEATS = 3;
    /** Quick setting (a check that every step runs): photos 1-2, one small clustering row, one draw. */
    private static final int QUICK_PHOTOS = 2;
    private static final int[][] QUICK_ROWS = {{3, 2, 3}};

    public MultiBenchSuite() {
        super("multi", "several photos per person: dense RMSE of single / mean / K-means centroid / joint fit; clustering ARI");
    }

    @Override
    public Result run(Context context) {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        int people = context.sizeOr(20);
        StringBuilder md = new StringBuilder("## multi: several photos per person, identity clustering\n\n");
        md.append(String.format(Locale.ROOT, "Synthetic people from the model, seed %d. Each photo: yaw U(-60, 60), "
            + "pitch U(-25, 25), roll U(-20, 20) degrees, 0-4 expressions (mostly one-sided), SOP camera; "
            + "the fitter is given the data's noise level. Dense RMSE: neutral face, full face area, mm, after "
            + "similarity alignment (Umeyama) to the truth; median over %d people per row.%n%n",
            context.seed(), people));
        NoiseModel[] levels = {NoiseModel.CLEAN, NoiseModel.DETECTOR_LIKE};
        for (NoiseModel noise : levels) {
            context.progress().accept("multi: aggregation, noise " + noise.name());
            md.append(aggregationTable(model, noise, people, context.quick() ? QUICK_PHOTOS : MAX_PHOTOS,
                context.seed()));
        }
        for (NoiseModel noise : levels) {
            context.progress().accept("multi: clustering, noise " + noise.name());
            md.append(clusteringTable(model, noise, context.seed(), context.quick() ? QUICK_ROWS : CLUSTER_ROWS,
                context.quick() ? 1 : CLUSTER_REPEATS, context.progress()));
        }
        return new Result(md.toString());
    }

    private static String label(NoiseModel noise) {
        return noise == NoiseModel.CLEAN ? "0.5% IOD" : "detector-like (" + noise.name()
            + ": 5% IOD, jaw 10%)";
    }

    /** Photos of one person: its identity and the detector's points of each photo. */
    record Person(double[] identity, LandmarkObservation frontal, List<LandmarkObservation> photos) {
    }

    static Person drawPerson(SyntheticFaces faces, MorphableModel model, Random rnd, NoiseModel noise,
                                     int photos) {
        double[] id = new double[model.identityCount()];
        for (int k = 0; k < id.length; k++) {
            id[k] = rnd.nextGaussian();
        }
        // SyntheticFaces draws pose and expressions with the fitting benchmark's distribution; the identity is ours
        SyntheticFaces.Face f0 = faces.draw(rnd, noise, 4, 0.0);
        LandmarkObservation frontal = faces.render(id, f0.expression(), f0.pose(), rnd, noise).observation();
        List<LandmarkObservation> obs = new ArrayList<>();
        for (int p = 0; p < photos; p++) {
            SyntheticFaces.Face f = faces.draw(rnd, noise, 4);
            obs.add(faces.render(id, f.expression(), f.pose(), rnd, noise).observation());
        }
        return new Person(id, frontal, obs);
    }

    private String aggregationTable(MorphableModel model, NoiseModel noise, int people, int maxPhotos, long seed) {
        FitConfig config = FitConfig.defaults().withNoise(noise);
        LandmarkFitter fitter = LandmarkFitter.create(model, config);
        IdentityEvidence.Builder evidence = new IdentityEvidence.Builder(model, config);
        SyntheticFaces faces = new SyntheticFaces(model);
        float[][] truthCache = new float[people][];
        StringBuilder md = new StringBuilder();
        md.append("### Dense neutral-face RMSE (mm), landmark noise ").append(label(noise)).append("\n\n");
        md.append("| photos | single frontal | single photo (mean of per-photo RMSE) | mean of identities "
            + "| K-means centroid | joint fit (fitter, default) | pooled evidence | default vs frontal "
            + "|\n|---|---|---|---|---|---|---|---|\n");
        for (int n = 1; n <= maxPhotos; n++) {
            Random rnd = new Random(seed * 1_000_003L + 7919L * n + noise.name().hashCode());
            List<Person> ps = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                ps.add(drawPerson(faces, model, rnd, noise, n));
            }
            double[] frontal = new double[people], single = new double[people], mean = new double[people];
            double[] joint = new double[people], kmeans = new double[people], pooled = new double[people];
            double[][][] perPhotoIds = new double[people][][];
            IntStream.range(0, people).parallel().forEach(p -> {
                Person person = ps.get(p);
                float[] truth = model.evaluate(person.identity(), null, Region.FACE);
                truthCache[p] = truth;
                frontal[p] = denseRmse(model, fitter.fit(person.frontal()).identity(), truth);
                List<FitResult> fits = new ArrayList<>();
                double s = 0;
                for (LandmarkObservation o : person.photos()) {
                    FitResult f = fitter.fit(o);
                    fits.add(f);
                    s += denseRmse(model, f.identity(), truth);
                }
                single[p] = s / fits.size();
                perPhotoIds[p] = fits.stream().map(FitResult::identity).toArray(double[][]::new);
                mean[p] = denseRmse(model, Aggregation.ofSingleFits(fits).identity(), truth);
                List<IdentityEvidence> ev = new ArrayList<>();
                for (int i = 0; i < fits.size(); i++) {
                    ev.add(evidence.of(person.photos().get(i), fits.get(i)));
                }
                pooled[p] = denseRmse(model, Aggregation.pooled(fits, ev, config.identityLimit()).identity(), truth);
                joint[p] = denseRmse(model, fitter.fitJoint(person.photos()).identity(), truth);
            });
            // the seed's K-means over all people's photos, K = number of people
            List<double[]> all = new ArrayList<>();
            List<Integer> owner = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                for (double[] id : perPhotoIds[p]) {
                    all.add(id);
                    owner.add(p);
                }
            }
            KMeans.Result km = KMeans.cluster(all.toArray(double[][]::new), people, 20, seed + n);
            for (int p = 0; p < people; p++) {
                int[] votes = new int[people];
                for (int i = 0; i < all.size(); i++) {
                    if (owner.get(i) == p) {
                        votes[km.labels()[i]]++;
                    }
                }
                int best = 0;
                for (int c = 1; c < people; c++) {
                    if (votes[c] > votes[best]) {
                        best = c;
                    }
                }
                kmeans[p] = denseRmse(model, km.centroids()[best], truthCache[p]);
            }
            double mf = median(frontal), mj = median(joint);
            md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %+.1f%% |%n", n,
                mf, median(single), median(mean), median(kmeans), mj, median(pooled), 100 * (mj - mf) / mf));
        }
        return md.append('\n').toString();
    }

    private String clusteringTable(MorphableModel model, NoiseModel noise, long seed, int[][] rows, int repeats,
                                   java.util.function.Consumer<String> progress) {
        StringBuilder md = new StringBuilder();
        md.append("### Identity clustering, adjusted Rand index, landmark noise ").append(label(noise))
            .append(String.format(Locale.ROOT, "%n%n%d draws per row: median (min) ARI. K given (the true number "
                + "of people).%n%n", repeats));
        md.append("| people | photos per person | photos (mean) | K-means (seed's method) | refined (Bayes-factor "
            + "merging + likelihood reassignment) | reassignment rounds (median) |\n|---|---|---|---|---|---|\n");
        for (int[] row : rows) {
            md.append(clusteringRow(model, noise, seed, row[0], row[1], row[2], repeats, progress));
        }
        return md.append('\n').toString();
    }

    /** One row of the clustering table: {@code people} synthetic people with minPhotos..maxPhotos photos each. */
    public static String clusteringRow(MorphableModel model, NoiseModel noise, long seed, int people, int minPhotos,
                                       int maxPhotos, java.util.function.Consumer<String> progress) {
        return clusteringRow(model, noise, seed, people, minPhotos, maxPhotos, CLUSTER_REPEATS, progress);
    }

    private static String clusteringRow(MorphableModel model, NoiseModel noise, long seed, int people, int minPhotos,
                                        int maxPhotos, int repeats, java.util.function.Consumer<String> progress) {
        FitConfig config = FitConfig.defaults().withNoise(noise);
        LandmarkFitter fitter = LandmarkFitter.create(model, config);
        IdentityEvidence.Builder evidence = new IdentityEvidence.Builder(model, config);
        SyntheticFaces faces = new SyntheticFaces(model);
        double[] base = new double[repeats], refined = new double[repeats];
        double[] rounds = new double[repeats];
        double photos = 0;
        for (int r = 0; r < repeats; r++) {
            // 3-6 photo rows keep the seeds of the first published run; other photo ranges get their own
            long spec = minPhotos == 3 && maxPhotos == 6 ? 0 : 7919L * (10 * minPhotos + maxPhotos);
            Random rnd = new Random(seed * 31 + 1009L * people + r + noise.name().hashCode() + spec);
            List<LandmarkObservation> obs = new ArrayList<>();
            List<Integer> truth = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                int count = minPhotos + rnd.nextInt(maxPhotos - minPhotos + 1);
                Person person = drawPerson(faces, model, rnd, noise, count);
                for (LandmarkObservation o : person.photos()) {
                    obs.add(o);
                    truth.add(p);
                }
            }
            photos += obs.size() / (double) repeats;
            double[][] ids = new double[obs.size()][];
            IdentityEvidence[] ev = new IdentityEvidence[obs.size()];
            IntStream.range(0, obs.size()).parallel().forEach(i -> {
                FitResult f = fitter.fit(obs.get(i));
                ids[i] = f.identity();
                ev[i] = evidence.of(obs.get(i), f);
            });
            IdentityClustering.Result res = IdentityClustering.cluster(ids, Arrays.asList(ev),
                IdentityClustering.Config.of(people, seed + r));
            int[] t = truth.stream().mapToInt(Integer::intValue).toArray();
            base[r] = AdjustedRandIndex.of(t, res.baseline());
            refined[r] = AdjustedRandIndex.of(t, res.labels());
            rounds[r] = res.iterations();
            progress.accept(String.format(Locale.ROOT, "multi: %d people x %d-%d photos, draw %d: ARI K-means %.3f, "
                + "refined %.3f", people, minPhotos, maxPhotos, r, base[r], refined[r]));
        }
        return String.format(Locale.ROOT, "| %d | %d-%d | %.0f | %.3f (%.3f) | %.3f (%.3f) | %.0f |%n", people,
            minPhotos, maxPhotos, photos, median(base), Arrays.stream(base).min().orElse(0), median(refined),
            Arrays.stream(refined).min().orElse(0), median(rounds));
    }

    /** RMSE (mm) over the full face area between the neutral face of an identity and the truth, after Umeyama. */
    static double denseRmse(MorphableModel model, double[] identity, float[] truth) {
        float[] pred = model.evaluate(identity, null, Region.FACE);
        double[] src = new double[pred.length], dst = new double[truth.length];
        for (int i = 0; i < pred.length; i++) {
            src[i] = pred[i];
            dst[i] = truth[i];
        }
        Similarity t = Umeyama.estimate(src, dst, true);
        float[] aligned = t.apply(pred);
        double s = 0;
        for (int i = 0; i < aligned.length; i++) {
            double d = aligned[i] - truth[i];
            s += d * d;
        }
        return Math.sqrt(s / (aligned.length / 3));
    }

}
