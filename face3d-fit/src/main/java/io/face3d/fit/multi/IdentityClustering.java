package io.face3d.fit.multi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups photos by person. The seed's method (Dhouioui et al. 2022), kept as the baseline: K-means++ over the
 * per-photo identity coefficient vectors, several restarts, the lowest within-cluster sum of squares kept. The
 * grouping returned instead comes from the photos' landmark likelihood ({@link IdentityEvidence}): photos are
 * merged bottom-up while (or until K remain) the Bayes factor favours one shared identity ({@link Agglomeration};
 * K-means from its own seeds cannot undo a person split across two clusters while two others share one), then
 * refined by classification EM: each person's
 * identity is the linearised joint fit of its photos; each photo moves to the person whose identity explains its
 * landmarks best (lowest reprojection chi-square with pose and expression free), its own person's identity being
 * refitted without it (leave one out, so a photo does not vote for itself); until no photo moves.
 *
 * <p>Why: a single photo's identity estimate is shrunk toward the mean face along the directions its view does not
 * see, and differently for each view, so Euclidean distances between per-photo estimates mix pose with identity
 * (plain K-means reaches ARI about 0.75). The likelihood compares a photo with a person only along what the photo
 * measures, with the detector's noise as the yardstick.
 */
public final class IdentityClustering {

    /**
     * @param people        K, the number of persons (1..photos)
     * @param restarts      K-means++ restarts (lowest WCSS kept)
     * @param maxIterations reassignment rounds at most (0 = K-means only)
     * @param seed          seed of the K-means++ draws
     * @param identityLimit identities clamped to +- this many standard deviations
     */
    public record Config(int people, int restarts, int maxIterations, long seed, double identityLimit) {
        public Config {
            if (people < 1) {
                throw new IllegalArgumentException("people must be at least 1, got " + people);
            }
            if (restarts < 1 || maxIterations < 0) {
                throw new IllegalArgumentException("restarts >= 1 and maxIterations >= 0 required");
            }
            if (!(identityLimit > 0)) {
                throw new IllegalArgumentException("identityLimit must be positive");
            }
        }

        public static Config of(int people, long seed) {
            return new Config(people, 10, 50, seed, 4);
        }

        public Config withPeople(int k) {
            return new Config(k, restarts, maxIterations, seed, identityLimit);
        }
    }

    /**
     * @param baseline   K-means labels (the seed's method)
     * @param labels     refined labels, 0..K-1
     * @param identities per person, the linearised joint identity of its photos (refined labels)
     * @param costs      per photo, the chi-square of its landmarks under its person's identity
     * @param iterations reassignment rounds run
     */
    public record Result(int[] baseline, int[] labels, double[][] identities, double[] costs, int iterations) {
        public int people() {
            return identities.length;
        }
    }

    private IdentityClustering() {
    }

    /** The seed's method only: K-means++ on the identity vectors. */
    public static KMeans.Result kmeans(double[][] identities, Config c) {
        return KMeans.cluster(identities, c.people(), c.restarts(), c.seed());
    }

    /**
     * Clusters photos given each photo's own identity estimate and its evidence (same order).
     */
    public static Result cluster(double[][] identities, List<IdentityEvidence> evidence, Config c) {
        int n = identities.length;
        if (evidence.size() != n) {
            throw new IllegalArgumentException("one evidence per photo required");
        }
        if (c.people() > n) {
            throw new IllegalArgumentException("more people (" + c.people() + ") than photos (" + n + ")");
        }
        int[] baseline = kmeans(identities, c).labels();
        Result r = refine(Agglomeration.merge(evidence, c.people()), evidence, c);
        return new Result(baseline, r.labels(), r.identities(), r.costs(), r.iterations());
    }

    /**
     * K not given: persons are merged while the Bayes factor says two share one identity
     * ({@link Agglomeration}), then refined like {@link #cluster}.
     */
    public static Result auto(double[][] identities, List<IdentityEvidence> evidence, Config c) {
        int[] start = Agglomeration.merge(evidence, 0);
        int k = Arrays.stream(start).max().orElse(0) + 1;
        Config ck = c.withPeople(k);
        Result r = refine(start, evidence, ck);
        return new Result(kmeans(identities, ck).labels(), r.labels(), r.identities(), r.costs(), r.iterations());
    }

    /** The reassignment rounds from given labels (0..K-1); {@code baseline} of the result = the given labels. */
    public static Result refine(int[] start, List<IdentityEvidence> evidence, Config c) {
        int n = start.length;
        int k = c.people(), d = evidence.get(0).size();
        int[] baseline = start.clone();
        int[] labels = baseline.clone();
        double[] costs = new double[n];
        int it = 0;
        double[][] centre = null;
        int[] bestLabels = null;
        double[][] bestCentre = null;
        double bestObjective = Double.POSITIVE_INFINITY;
        while (true) {
            ClusterSums sums = new ClusterSums(evidence, labels, k, d);
            centre = new double[k][];
            for (int j = 0; j < k; j++) {
                centre[j] = sums.count[j] == 0 ? new double[d] : sums.solve(j, null, c.identityLimit());
            }
            // leave-one-out moves do not decrease the objective monotonically: keep the best labelling seen
            double objective = objective(evidence, labels, centre);
            if (objective < bestObjective) {
                bestObjective = objective;
                bestLabels = labels;
                bestCentre = centre;
            }
            if (it >= c.maxIterations()) {
                break;
            }
            it++;
            final double[][] cs = centre;
            final int[] current = labels;
            int[] next = new int[n];
            double[] nextCost = new double[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                IdentityEvidence e = evidence.get(i);
                int own = current[i];
                int best = -1;
                double bestCost = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double[] id = j == own && sums.count[j] > 1 ? sums.solve(j, e, c.identityLimit()) : cs[j];
                    double cost = e.cost(id);
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = j;
                    }
                }
                next[i] = best;
                nextCost[i] = bestCost;
            });
            refillEmpty(next, nextCost, evidence, k);
            boolean changed = !Arrays.equals(next, labels);
            labels = next;
            if (!changed) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            costs[i] = evidence.get(i).cost(bestCentre[bestLabels[i]]);
        }
        return new Result(baseline, bestLabels, bestCentre, costs, it);
    }

    /** The MAP objective of a grouping: sum over persons of ||a||^2 plus its photos' costs at a. */
    private static double objective(List<IdentityEvidence> evidence, int[] labels, double[][] centre) {
        double s = 0;
        for (double[] a : centre) {
            for (double v : a) {
                s += v * v;
            }
        }
        for (int i = 0; i < labels.length; i++) {
            s += evidence.get(i).cost(centre[labels[i]]);
        }
        return s;
    }

    /**
     * A person left without photos takes the photo its current person explains worst (highest chi-square) among
     * persons with two photos or more, so K persons survive.
     */
    private static void refillEmpty(int[] labels, double[] cost, List<IdentityEvidence> evidence, int k) {
        int[] count = new int[k];
        for (int l : labels) {
            count[l]++;
        }
        for (int j = 0; j < k; j++) {
            if (count[j] > 0) {
                continue;
            }
            int worst = -1;
            for (int i = 0; i < labels.length; i++) {
                if (count[labels[i]] > 1 && (worst < 0 || cost[i] > cost[worst])) {
                    worst = i;
                }
            }
            count[labels[worst]]--;
            labels[worst] = j;
            count[j] = 1;
            cost[worst] = evidence.get(worst).cost(new double[evidence.get(worst).size()]);
        }
    }

    /** Per person, the sums of its photos' evidence (sum H, sum h). */
    private static final class ClusterSums {
        final double[][] h;
        final double[][] g;
        final int[] count;
        final int d;

        ClusterSums(List<IdentityEvidence> evidence, int[] labels, int k, int d) {
            this.d = d;
            h = new double[k][d * d];
            g = new double[k][d];
            count = new int[k];
            for (int i = 0; i < labels.length; i++) {
                IdentityEvidence e = evidence.get(i);
                int j = labels[i];
                count[j]++;
                double[] eh = e.hessian(), eg = e.gradient();
                for (int a = 0; a < d * d; a++) {
                    h[j][a] += eh[a];
                }
                for (int a = 0; a < d; a++) {
                    g[j][a] += eg[a];
                }
            }
        }

        /** The person's MAP identity, without photo {@code leaveOut} when it is not null. */
        double[] solve(int j, IdentityEvidence leaveOut, double limit) {
            if (leaveOut == null) {
                return IdentityEvidence.solvePrior(h[j], g[j], d, limit);
            }
            double[] hj = h[j].clone(), gj = g[j].clone();
            double[] eh = leaveOut.hessian(), eg = leaveOut.gradient();
            for (int i = 0; i < d * d; i++) {
                hj[i] -= eh[i];
            }
            for (int i = 0; i < d; i++) {
                gj[i] -= eg[i];
            }
            return IdentityEvidence.solvePrior(hj, gj, d, limit);
        }
    }

    /** Members of each person, in photo order. */
    public static List<List<Integer>> members(int[] labels, int k) {
        List<List<Integer>> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            out.get(labels[i]).add(i);
        }
        return out;
    }
}
