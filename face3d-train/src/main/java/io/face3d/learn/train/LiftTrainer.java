package io.face3d.learn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.model.MorphableModel;
import io.face3d.learn.LiftWeights;
import io.face3d.learn.MdsLifter;
import io.face3d.learn.MeanFacePrior;
import io.face3d.learn.RegressLifter;
import io.face3d.learn.data.PairFeatures;
import io.face3d.learn.data.LiftDataConfig;
import io.face3d.learn.data.LiftDataGenerator;
import io.face3d.learn.data.LiftSample;
import io.face3d.learn.data.LiftTargets;
import io.face3d.learn.data.Normalisation;
import io.face3d.learn.data.Pairs;
import io.face3d.learn.net.Mlp;
import io.face3d.learn.net.MlpFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Trains the lifting networks with DJL (PyTorch engine, CPU) on synthetic faces and exports them as
 * {@link MlpFiles}: the depth regressor, the canonical-view autoencoder, the shipped distance network (CONTEXT
 * features) with its face encoder, and the paper's eq.-6-only distance network twice (on the autoencoder's canonical
 * view, and on the raw input view, for the ablation). Every random draw comes from a
 * {@link Random} seeded by the configuration, and PyTorch runs with a fixed thread count, so a run is repeatable.
 */
public final class LiftTrainer {
    /** Faces per step of the shipped distance network, and random pairs per face (see {@link #trainContext}). */
    static final int CONTEXT_FACES = 64, CONTEXT_PAIRS = 36;
    /** Length of the face encoder's code. */
    static final int FACE_CODE = 32;

    private final MorphableModel model;
    private final TrainConfig config;
    private final Consumer<String> progress;

    public LiftTrainer(MorphableModel model, TrainConfig config, Consumer<String> progress) {
        this.model = model;
        this.config = config;
        this.progress = progress;
    }

    /** Trains every network and writes them into {@code outDir}; returns the networks. */
    public LiftWeights train(Path outDir, String command) throws IOException {
        // must be set before the engine loads; DJL reads them once
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(config.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) config.seed());
        long t0 = System.nanoTime();
        List<LiftSample> data = new LiftDataGenerator(model, LiftDataConfig.defaults()).generate(config.seed(), config.faces());
        int n = 68, f = data.size();
        float[] mf = model.evaluate(null, null, model.landmarks68());
        double[] meanFace = new double[mf.length];
        for (int i = 0; i < mf.length; i++) {
            meanFace[i] = mf[i];
        }
        MeanFacePrior prior = new MeanFacePrior(meanFace);
        float[] inputs = new float[f * 2 * n], depthInputs = new float[f * 3 * n], depths = new float[f * n];
        float[] canonical = new float[f * 2 * n];
        double[][] normalised = new double[f][];
        for (int s = 0; s < f; s++) {
            LiftSample sample = data.get(s);
            normalised[s] = Normalisation.of(sample.points2d()).apply(sample.points2d());
            copy(normalised[s], inputs, s * 2 * n);
            double[] base = prior.depth(normalised[s]), truth = LiftTargets.depth(sample.camera3d());
            System.arraycopy(RegressLifter.input(normalised[s], base), 0, depthInputs, s * 3 * n, 3 * n);
            for (int i = 0; i < n; i++) {
                depths[s * n + i] = (float) (truth[i] - base[i]);
            }
            copy(LiftTargets.canonicalView(sample.model3d()), canonical, s * 2 * n);
        }
        progress.accept(String.format("generated %d faces (data seed %d) in %.1f s", f, config.seed(), seconds(t0)));
        Random rnd = new Random(config.seed());
        Mlp depth, autoencoder, distance, distanceEncoder, distanceCanonical, distanceRaw;
        ObjectNode losses = new ObjectMapper().createObjectNode();
        try (NDManager manager = engine.newBaseManager()) {
            DjlMlp depthNet = new DjlMlp(manager, LiftWeights.DEPTH, new int[] {3 * n, 256, 256, 256, n},
                Mlp.Activation.RELU, 1, 3, rnd);
            losses.put(LiftWeights.DEPTH, trainDense(manager, depthNet, depthInputs, depths, f, rnd));
            depth = depthNet.toMlp();
            DjlMlp aeNet = new DjlMlp(manager, LiftWeights.CANONICAL, new int[] {2 * n, 256, 32, 256, 2 * n},
                Mlp.Activation.RELU, -1, -1, rnd);
            losses.put(LiftWeights.CANONICAL, trainDense(manager, aeNet, inputs, canonical, f, rnd));
            autoencoder = aeNet.toMlp();
            int code = MdsLifter.bottleneckLayer(autoencoder);
            int w = config.distanceWidth(), aeCode = autoencoder.sizes()[code];
            DjlMlp encoder = new DjlMlp(manager, LiftWeights.DISTANCE_ENCODER, new int[] {3 * n, 128, FACE_CODE},
                Mlp.Activation.RELU, -1, -1, rnd);
            DjlMlp context = new DjlMlp(manager, LiftWeights.DISTANCE, new int[] {PairFeatures.width(PairFeatures.Kind.CONTEXT,
                aeCode + FACE_CODE), w, w, w, w, 1}, Mlp.Activation.RELU, 1, 3, true, rnd);
            losses.put(LiftWeights.DISTANCE, trainContext(manager, context, encoder, autoencoder, code, prior, normalised, data, rnd));
            distance = context.toMlp();
            distanceEncoder = encoder.toMlp();
            Mlp[] dist = new Mlp[2];
            String[] names = {LiftWeights.DISTANCE_CANONICAL, LiftWeights.DISTANCE_RAW};
            for (int k = 0; k < 2; k++) {
                boolean raw = k == 1;
                DjlMlp net = new DjlMlp(manager, names[k], new int[] {PairFeatures.width(PairFeatures.Kind.INPUT_VIEW, 0), w, w,
                    w, w, 1}, Mlp.Activation.RELU, 1, 3, rnd);
                IntFunction<float[]> features = face -> PairFeatures.eq6(raw ? normalised[face]
                    : MdsLifter.canonicalView(autoencoder, normalised[face]));
                losses.put(names[k], trainDistance(manager, net, features, data, rnd));
                dist[k] = net.toMlp();
            }
            distanceCanonical = dist[0];
            distanceRaw = dist[1];
        }
        LiftWeights weights = new LiftWeights(depth, autoencoder, distance, distanceEncoder, distanceCanonical, distanceRaw,
            prior);
        ObjectNode provenance = new ObjectMapper().createObjectNode();
        provenance.put("command", command);
        provenance.put("seed", config.seed());
        provenance.put("data_seed", config.seed());
        provenance.put("faces", config.faces());
        provenance.put("dense_epochs", config.denseEpochs());
        provenance.put("batch", config.batch());
        provenance.put("distance_steps", config.distanceSteps());
        provenance.put("context_steps", config.contextSteps());
        provenance.put("context_batch", CONTEXT_FACES + " faces x " + CONTEXT_PAIRS + " random pairs");
        provenance.put("learning_rate", config.learningRate());
        provenance.put("threads", config.threads());
        provenance.put("engine", "DJL " + Engine.getDjlVersion() + " / " + engine.getEngineName() + " " + engine.getVersion());
        provenance.set("final_training_loss", losses);
        provenance.put("seconds", Math.round(seconds(t0)));
        weights.write(outDir, provenance);
        progress.accept(String.format("wrote weights to %s in %.1f s", outDir, seconds(t0)));
        return weights;
    }

    /** Mini-batches of faces, MSE; returns the mean loss of the last epoch. */
    private double trainDense(NDManager manager, DjlMlp net, float[] x, float[] y, int rows, Random rnd) {
        int in = x.length / rows, out = y.length / rows, batch = config.batch();
        int steps = config.denseEpochs() * ((rows + batch - 1) / batch);
        Optimizer adam = adam(steps);
        int[] order = identity(rows);
        double last = 0;
        long t0 = System.nanoTime();
        for (int epoch = 0; epoch < config.denseEpochs(); epoch++) {
            shuffle(order, rnd);
            double sum = 0;
            for (int start = 0; start < rows; start += batch) {
                int b = Math.min(batch, rows - start);
                float[] bx = new float[b * in], by = new float[b * out];
                for (int r = 0; r < b; r++) {
                    System.arraycopy(x, order[start + r] * in, bx, r * in, in);
                    System.arraycopy(y, order[start + r] * out, by, r * out, out);
                }
                sum += step(manager, net, adam, bx, new Shape(b, in), by, new Shape(b, out)) * b;
            }
            last = sum / rows;
        }
        progress.accept(String.format("%s: %d epochs, final loss %.5f, %.1f s", net.toMlp().name(), config.denseEpochs(),
            last, seconds(t0)));
        return last;
    }

    /** One face per step, all of its pairs (the paper's pairs-from-the-same-face batches); mean loss of the last 10%. */
    private double trainDistance(NDManager manager, DjlMlp net, IntFunction<float[]> features, List<LiftSample> data,
                                 Random rnd) {
        int steps = config.distanceSteps(), f = data.size(), pairs = Pairs.count(68);
        Optimizer adam = adam(steps);
        int[] order = identity(f);
        double tail = 0;
        int tailCount = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            if (s % f == 0) {
                shuffle(order, rnd);
            }
            int face = order[s % f];
            float[] x = features.apply(face);
            double[] d = LiftTargets.distances(data.get(face).camera3d());
            float[] y = new float[pairs];
            for (int p = 0; p < pairs; p++) {
                y[p] = (float) d[p];
            }
            double loss = step(manager, net, adam, x, new Shape(pairs, x.length / pairs), y, new Shape(pairs, 1));
            if (s >= steps - Math.max(1, steps / 10)) {
                tail += loss;
                tailCount++;
            }
        }
        progress.accept(String.format("%s: %d steps, final loss %.5f, %.1f s", net.toMlp().name(), steps, tail / tailCount,
            seconds(t0)));
        return tail / tailCount;
    }

    /**
     * The shipped distance network with its face encoder, trained together. A step is {@value #CONTEXT_FACES} faces
     * with {@value #CONTEXT_PAIRS} random pairs each (about the rows of one whole face): each face's pairs share
     * its code, as in the paper's same-face batches, but the identity, expression and pose corrections are functions
     * of the whole face, so they need many faces per step (probes on 100 held-out faces of data seed 777, baseline
     * 2.58 % NME: one to four faces per step for 2000-4000 steps gave 2.51-2.58 %; 64 faces per step for 3000 steps
     * gave 2.39 % without the face encoder and 2.29 % with it). Target: the correction of the baseline distance
     * (input x, y, aligned mean face's depth) to the distance of the input x, y with the true depth
     * ({@link LiftTargets#liftDistances}); MSE. Returns the mean loss of the last 10% of the steps.
     */
    private double trainContext(NDManager manager, DjlMlp net, DjlMlp encoder, Mlp autoencoder, int bottleneck,
                                MeanFacePrior prior, double[][] normalised, List<LiftSample> data, Random rnd) {
        int f = data.size(), pairs = Pairs.count(68), rows = CONTEXT_FACES * CONTEXT_PAIRS, steps = config.contextSteps();
        int fixed = net.inputSize() - FACE_CODE, in = encoder.inputSize();
        double[] priorDistances = prior.distances(), priorUnit = prior.unitLandmarks();
        // per face: what the rows read except the baseline distances (computed per step: 2278 doubles a face)
        double[][] canonical = new double[f][], priorDepth = new double[f][], trueDepth = new double[f][];
        float[][] code = new float[f][], encoderIn = new float[f][];
        for (int s = 0; s < f; s++) {
            PairFeatures.FaceContext c = MdsLifter.faceContext(autoencoder, bottleneck, null, prior, normalised[s]);
            canonical[s] = c.canonical();
            priorDepth[s] = c.priorDepth();
            code[s] = c.code();
            encoderIn[s] = RegressLifter.input(normalised[s], priorDepth[s]);
            trueDepth[s] = LiftTargets.depth(data.get(s).camera3d());
        }
        // selects each row's face code: row r of (select x codes) is the code of face r / CONTEXT_PAIRS
        float[] select = new float[rows * CONTEXT_FACES];
        for (int r = 0; r < rows; r++) {
            select[r * CONTEXT_FACES + r / CONTEXT_PAIRS] = 1;
        }
        Optimizer adam = adam(steps);
        int[] order = identity(f);
        int cursor = 0;
        double tail = 0;
        int tailCount = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            float[] x = new float[rows * fixed], e = new float[CONTEXT_FACES * in], y = new float[rows];
            for (int b = 0; b < CONTEXT_FACES; b++, cursor++) {
                if (cursor % f == 0) {
                    shuffle(order, rnd);
                }
                int face = order[cursor % f];
                int[] picked = new int[CONTEXT_PAIRS];
                for (int q = 0; q < CONTEXT_PAIRS; q++) {
                    picked[q] = rnd.nextInt(pairs);
                }
                double[] base = LiftTargets.liftDistances(normalised[face], priorDepth[face]);
                double[] target = LiftTargets.liftDistances(normalised[face], trueDepth[face]);
                PairFeatures.FaceContext c = new PairFeatures.FaceContext(normalised[face], canonical[face], priorDepth[face],
                    base, code[face]);
                System.arraycopy(PairFeatures.context(c, priorDistances, priorUnit, picked), 0, x,
                    b * CONTEXT_PAIRS * fixed, CONTEXT_PAIRS * fixed);
                System.arraycopy(encoderIn[face], 0, e, b * in, in);
                for (int q = 0; q < CONTEXT_PAIRS; q++) {
                    y[b * CONTEXT_PAIRS + q] = (float) (target[picked[q]] - base[picked[q]]);
                }
            }
            double loss;
            try (NDManager sub = manager.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray codes = sub.create(select, new Shape(rows, CONTEXT_FACES))
                        .matMul(encoder.forward(sub.create(e, new Shape(CONTEXT_FACES, in))));
                    NDArray l = net.forward(sub.create(x, new Shape(rows, fixed)).concat(codes, 1))
                        .sub(sub.create(y, new Shape(rows, 1))).square().mean();
                    gc.backward(l);
                    loss = l.getFloat();
                }
                update(adam, "d", net.parameters());
                update(adam, "e", encoder.parameters());
            }
            if (s >= steps - Math.max(1, steps / 10)) {
                tail += loss;
                tailCount++;
            }
        }
        progress.accept(String.format("%s: %d steps of %d faces x %d pairs, final loss %.6f, %.1f s", net.toMlp().name(),
            steps, CONTEXT_FACES, CONTEXT_PAIRS, tail / tailCount, seconds(t0)));
        return tail / tailCount;
    }

    private Optimizer adam(int steps) {
        return Optimizer.adam().optLearningRateTracker(CosineTracker.builder().setBaseValue(config.learningRate())
            .optFinalValue(config.learningRate() / 20).setMaxUpdates(steps).build()).build();
    }

    /** One Adam step on the MSE of a batch; returns the loss. */
    private static double step(NDManager manager, DjlMlp net, Optimizer adam, float[] x, Shape xs, float[] y, Shape ys) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray bx = sub.create(x, xs), by = sub.create(y, ys);
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = net.forward(bx).sub(by).square().mean();
                gc.backward(l);
                loss = l.getFloat();
            }
            update(adam, "p", net.parameters());
            return loss;
        }
    }

    /** One Adam update of parameters named {@code prefix + index}, then their gradients zeroed. */
    private static void update(Optimizer adam, String prefix, NDArray[] params) {
        for (int p = 0; p < params.length; p++) {
            NDArray g = params[p].getGradient();
            adam.update(prefix + p, params[p], g);
            g.muli(0); // gradients accumulate in PyTorch until zeroed
            g.close();
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void copy(double[] src, float[] dst, int off) {
        for (int i = 0; i < src.length; i++) {
            dst[off + i] = (float) src[i];
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
