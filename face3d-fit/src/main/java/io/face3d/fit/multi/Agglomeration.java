package io.face3d.fit.multi;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Bottom-up grouping of photos by the evidence that they share one identity. Under the linearised model of
 * {@link IdentityEvidence} the photos F of one person have the marginal likelihood (identity integrated over its
 * N(0, I) prior) {@code log p(F) = -1/2 (J_F + log det P_F) + const}, with {@code P_F = I + sum H},
 * {@code J_F = sum c - g' P_F^-1 g}, {@code g = sum h} (the MAP objective at the joint identity). Merging groups
 * A and B changes it by {@code -1/2 score}, {@code score = J_AB - J_A - J_B + log det P_AB - log det P_A
 * - log det P_B}: the log Bayes factor of "one person" against "two people". Greedy: always merge the pair with the
 * lowest score, until K groups remain, or (K not given) while the best score is negative (the Bayes factor favours
 * one person).
 *
 * <p>Candidate pairs: each photo's {@value #NEIGHBOURS} nearest photos by the symmetrised excess cost of explaining
 * each with the other's own identity estimate, and, after a merge, the union of the two groups' candidates; this
 * keeps the work near-linear in the photos instead of quadratic in Cholesky factorisations.
 */
final class Agglomeration {
    static final int NEIGHBOURS = 12;

    private Agglomeration() {
    }

    /** Summed evidence of a group, with its MAP objective J and log det P. */
    private static final class Group {
        final double[] h;
        final double[] g;
        double c;
        double j;
        double logDet;
        int stamp;
        final TreeSet<Integer> near = new TreeSet<>();

        Group(int d) {
            h = new double[d * d];
            g = new double[d];
        }
    }

    private record Candidate(double score, int a, int b, int stampA, int stampB) {
    }

    /**
     * Labels 0..K-1 (numbered by first photo), merging down to {@code people} groups, or by the Bayes factor when
     * {@code people} is 0.
     */
    static int[] merge(List<IdentityEvidence> evidence, int people) {
        int n = evidence.size(), d = evidence.get(0).size();
        Group[] groups = new Group[n];
        double[][] own = new double[n][];
        for (int i = 0; i < n; i++) {
            Group gr = new Group(d);
            IdentityEvidence e = evidence.get(i);
            System.arraycopy(e.hessian(), 0, gr.h, 0, d * d);
            System.arraycopy(e.gradient(), 0, gr.g, 0, d);
            gr.c = e.constant();
            groups[i] = gr;
        }
        IntStream.range(0, n).parallel().forEach(i -> own[i] = solve(groups[i], groups[i], d));
        double[] self = new double[n];
        for (int i = 0; i < n; i++) {
            self[i] = evidence.get(i).cost(own[i]);
        }
        // screening: excess[i][j] = cost_i(own_j) - cost_i(own_i)
        double[][] excess = new double[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                excess[i][j] = j == i ? 0 : evidence.get(i).cost(own[j]) - self[i];
            }
        });
        for (int i = 0; i < n; i++) {
            final int ii = i;
            Integer[] order = IntStream.range(0, n).filter(j -> j != ii).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (x, y) -> Double.compare(excess[ii][x] + excess[x][ii], excess[ii][y] + excess[y][ii]));
            for (int m = 0; m < Math.min(NEIGHBOURS, order.length); m++) {
                groups[i].near.add(order[m]);
                groups[order[m]].near.add(i);
            }
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        PriorityQueue<Candidate> queue = new PriorityQueue<>((x, y) -> {
            int cmp = Double.compare(x.score(), y.score());
            return cmp != 0 ? cmp : x.a() != y.a() ? Integer.compare(x.a(), y.a()) : Integer.compare(x.b(), y.b());
        });
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j : groups[i].near) {
                if (j > i) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        Candidate[] initial = new Candidate[pairs.size()];
        IntStream.range(0, pairs.size()).parallel().forEach(p -> initial[p] = candidate(groups, pairs.get(p)[0],
            pairs.get(p)[1], d));
        queue.addAll(Arrays.asList(initial));
        int alive = n;
        int target = Math.max(1, people);
        while (alive > target && !queue.isEmpty()) {
            Candidate best = queue.poll();
            Group a = groups[best.a()], b = groups[best.b()];
            if (a == null || b == null || a.stamp != best.stampA() || b.stamp != best.stampB()) {
                continue; // stale: one side has merged since
            }
            if (people == 0 && best.score() >= 0) {
                break;
            }
            for (int k = 0; k < d * d; k++) {
                a.h[k] += b.h[k];
            }
            for (int k = 0; k < d; k++) {
                a.g[k] += b.g[k];
            }
            a.c += b.c;
            a.stamp++;
            groups[best.b()] = null;
            parent[best.b()] = best.a();
            alive--;
            solve(a, a, d);
            TreeSet<Integer> near = new TreeSet<>();
            for (int x : a.near) {
                near.add(find(parent, x));
            }
            for (int x : b.near) {
                near.add(find(parent, x));
            }
            near.remove(best.a());
            a.near.clear();
            a.near.addAll(near);
            for (int x : near) {
                groups[x].near.add(best.a());
            }
            Integer[] others = near.toArray(Integer[]::new);
            Candidate[] fresh = new Candidate[others.length];
            IntStream.range(0, others.length).parallel().forEach(q -> fresh[q] = candidate(groups, best.a(),
                others[q], d));
            queue.addAll(Arrays.asList(fresh));
        }
        // groups left unmerged for lack of candidates when K is given: merged by the cheapest pair overall
        while (people > 0 && alive > target) {
            Candidate best = null;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n && groups[i] != null; j++) {
                    if (groups[j] != null) {
                        Candidate cd = candidate(groups, i, j, d);
                        if (best == null || cd.score() < best.score()) {
                            best = cd;
                        }
                    }
                }
            }
            Group a = groups[best.a()], b = groups[best.b()];
            for (int k = 0; k < d * d; k++) {
                a.h[k] += b.h[k];
            }
            for (int k = 0; k < d; k++) {
                a.g[k] += b.g[k];
            }
            a.c += b.c;
            solve(a, a, d);
            groups[best.b()] = null;
            parent[best.b()] = best.a();
            alive--;
        }
        int[] labels = new int[n];
        int[] number = new int[n];
        Arrays.fill(number, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (number[root] < 0) {
                number[root] = next++;
            }
            labels[i] = number[root];
        }
        return labels;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static Candidate candidate(Group[] groups, int i, int j, int d) {
        Group a = groups[i], b = groups[j];
        Group ab = new Group(d);
        for (int k = 0; k < d * d; k++) {
            ab.h[k] = a.h[k] + b.h[k];
        }
        for (int k = 0; k < d; k++) {
            ab.g[k] = a.g[k] + b.g[k];
        }
        ab.c = a.c + b.c;
        solve(ab, ab, d);
        double score = ab.j - a.j - b.j + ab.logDet - a.logDet - b.logDet;
        return new Candidate(score, Math.min(i, j), Math.max(i, j), groups[Math.min(i, j)].stamp,
            groups[Math.max(i, j)].stamp);
    }

    /** The group's MAP identity (I + sum H)^-1 sum h (unclamped); stores its J and log det P in {@code store}. */
    private static double[] solve(Group gr, Group store, int d) {
        DMatrixRMaj p = new DMatrixRMaj(d, d), b = new DMatrixRMaj(d, 1), x = new DMatrixRMaj(d, 1);
        System.arraycopy(gr.h, 0, p.data, 0, d * d);
        for (int k = 0; k < d; k++) {
            p.data[k * d + k] += 1;
        }
        System.arraycopy(gr.g, 0, b.data, 0, d);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(d);
        if (!chol.setA(p)) {
            throw new IllegalStateException("identity normal equations not positive definite");
        }
        chol.solve(b, x);
        if (store != null) {
            // log det P = 2 sum log L_kk of the Cholesky factor P = L L'
            @SuppressWarnings("unchecked")
            DMatrixRMaj l = ((CholeskyDecomposition_F64<DMatrixRMaj>) chol.getDecomposition()).getT(null);
            double ld = 0;
            for (int k = 0; k < d; k++) {
                ld += 2 * Math.log(l.get(k, k));
            }
            double gx = 0;
            for (int k = 0; k < d; k++) {
                gx += gr.g[k] * x.data[k];
            }
            store.j = gr.c - gx;
            store.logDet = ld;
        }
        return x.data.clone();
    }
}
