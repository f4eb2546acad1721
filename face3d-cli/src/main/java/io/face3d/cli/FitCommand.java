package io.face3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.api.Face3d;
import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.geom.Box2;
import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.fit.multi.Aggregation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Fit the morphable model to 2D landmarks (schema L files, no image): per input a schema-R JSON and "
        + "a mesh in model space (mm). Files are fitted in parallel; a bad file is reported and skipped.")
final class FitCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "LANDMARKS.json", description = "Schema-L landmark files.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path outDir = Paths.get("face3d-fit");

    @Option(names = "--camera", paramLabel = "sop|perspective", description = "Camera model (default: ${DEFAULT-VALUE}).")
    String camera = "sop";

    @Option(names = "--focal", paramLabel = "F", description = "Perspective focal length in pixels (default: estimated).")
    Double focal;

    @Option(names = "--formats", split = ",", paramLabel = "obj,ply,stl,glb", description = "Mesh formats (default: obj).")
    List<String> formats = List.of("obj");

    @Option(names = "--region", paramLabel = "head|face|narrow", description = "Mesh region (default: ${DEFAULT-VALUE}).")
    String region = "face";

    @Option(names = "--noise", paramLabel = "dlib|mediapipe|clean",
        description = "Where the landmarks come from; unless it names a detector the fit estimates their noise "
            + "(the JSON's noise field says what it settled on). dlib or mediapipe = that detector's measured noise, "
            + "taken as given, and its calibrated convention (jaw on fixed vertices, as reconstruct fits photos); "
            + "clean = 0.5%% noise as the start of the estimate. Default: the file's \"detector\" field when it names "
            + "dlib or mediapipe, else estimated from a detector-like start with the jaw sliding along the outline.")
    String noise;

    @Option(names = "--fixed-noise", description = "Take the --noise level as given instead of estimating it.")
    boolean fixedNoise;

    @Option(names = "--person", description = "One person in all inputs: one shared identity, pose and expression per "
        + "face; also writes person.json and its neutral mesh.")
    boolean person;

    @Option(names = "--aggregate", paramLabel = "evidence|joint|mean|kmeans", description = "With --person: how the "
        + "photos make one identity: joint = one joint fit (the most accurate in face3d bench multi), evidence = "
        + "per-photo fits with their landmark likelihoods pooled, mean = mean of per-photo identities, kmeans = the seed's "
        + "K-means centroid (K = 1: the mean) (default: ${DEFAULT-VALUE}).")
    String aggregate = Aggregation.DEFAULT.name().toLowerCase(Locale.ROOT);

    @Override
    public Integer call() {
        InputFiles.requireOutput(outDir, "-o");
        MeshOutput meshes = new MeshOutput(outDir, formats, Region.parse(region));
        inputs = Batch.distinctStems(inputs);
        Batch.requireNotInput(inputs, in -> outDir.resolve(MeshOutput.stem(in) + ".json"));
        Batch.cleanStale(outDir);
        if (fixedNoise && noise == null) {
            throw new Face3dException("--fixed-noise needs --noise dlib|mediapipe|clean");
        }
        if (noise != null) {
            NoiseModel.named(noise); // an unknown name is a usage error before any file is read
        }
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        Aggregation aggregation = Aggregation.parse(aggregate);
        return person ? fitPerson(model, aggregation, meshes) : fitEach(model, meshes);
    }

    /**
     * The configuration for a file: --noise when given, else the file's detector when it names one whose
     * convention face3d has calibrated, else the default (noise estimated, jaw sliding along the outline).
     */
    FitConfig configFor(SchemaLReader.Document d) {
        String source = noise;
        if (source == null) {
            // schema L names the detector at the top or per face (what `face3d landmarks` writes)
            String detector = d.root().path("detector").asText(d.root().path("faces").path(0).path("detector")
                .asText("")).toLowerCase(Locale.ROOT);
            source = detector.equals("dlib") || detector.equals("mediapipe") ? detector : null;
        }
        // a real detector's measured noise is taken as given (Face3d.fitConfigFor says why); otherwise estimated
        FitConfig base = source == null ? FitConfig.defaults()
            : NoiseModel.named(source).bias() != null ? Face3d.fitConfigFor(source)
            : FitConfig.defaults().withNoise(NoiseModel.named(source)).withNoiseCalibration(!fixedNoise);
        return fitConfig(base, camera, focal);
    }

    private final Map<FitConfig, LandmarkFitter> fitters = new ConcurrentHashMap<>();

    private LandmarkFitter fitterFor(MorphableModel model, FitConfig config) {
        return fitters.computeIfAbsent(config, c -> LandmarkFitter.create(model, c));
    }

    /** The camera options applied to a fit configuration (shared by fit and reconstruct). */
    static FitConfig fitConfig(FitConfig base, String camera, Double focal) {
        Pose.Camera cam = ReconstructCommand.camera(camera);
        if (focal != null && !(focal > 0 && Double.isFinite(focal))) {
            throw new Face3dException("--focal must be a positive number of pixels, got " + focal);
        }
        if (focal != null && cam == Pose.Camera.SOP) {
            throw new Face3dException("--focal needs --camera perspective");
        }
        return base.withCamera(cam, focal == null ? Double.NaN : focal);
    }

    private int fitEach(MorphableModel model, MeshOutput meshes) {
        return Batch.run(spec.commandLine().getErr(), "fit", inputs, Runtime.getRuntime().availableProcessors(),
            (i, in) -> {
                fitFile(model, meshes, in);
                return "fitted";
            }, outDir.toString());
    }

    private static List<LandmarkObservation> observations(SchemaLReader.Document d) {
        List<LandmarkObservation> obs = new ArrayList<>();
        for (int f = 0; f < d.points().length; f++) {
            obs.add(new LandmarkObservation(d.points()[f], null, d.dense()[f], d.width(), d.height()));
        }
        return obs;
    }

    /** Fits every face of one file; writes nothing unless all its faces fit. */
    private void fitFile(MorphableModel model, MeshOutput meshes, Path in) {
        SchemaLReader.Document d = SchemaLReader.read(in);
        LandmarkFitter fitter = fitterFor(model, configFor(d));
        List<LandmarkObservation> obs = observations(d);
        List<FitResult> results = new ArrayList<>();
        for (LandmarkObservation o : obs) {
            results.add(fitter.fit(o));
        }
        writeResults(model, meshes, in, d, results);
    }

    /** One input's JSON and meshes, together or not at all. */
    private void writeResults(MorphableModel model, MeshOutput meshes, Path in, SchemaLReader.Document d,
                              List<FitResult> results) {
        try (io.face3d.core.io.OutputSet set = io.face3d.core.io.OutputSet.open(outDir, MeshOutput.stem(in))) {
            writeResults(model, meshes.in(set.dir()), in, d, results, set.dir());
            set.commit();
        }
    }

    private void writeResults(MorphableModel model, MeshOutput meshes, Path in, SchemaLReader.Document d,
                              List<FitResult> results, Path dir) {
        String stem = MeshOutput.stem(in);
        ObjectNode root = SchemaR.document(d.root().path("image").isTextual() ? d.root().get("image").asText() : null,
            d.width(), d.height(), model);
        ArrayNode faces = (ArrayNode) root.get("faces");
        for (int f = 0; f < results.size(); f++) {
            FitResult r = results.get(f);
            String base = results.size() == 1 ? stem : stem + "_face" + f;
            String mesh = meshes.write(model, r.identity(), r.expression(), base);
            double[] box = boxOf(d, f);
            faces.add(SchemaR.face(r, box, d.points()[f], model.expressionNames(), mesh));
        }
        SchemaR.writeListingFiles(root, dir, stem + ".json");
    }

    private static double[] boxOf(SchemaLReader.Document d, int f) {
        var b = d.root().get("faces").get(f).path("box");
        if (b.isArray() && b.size() == 4) {
            return new double[] {b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()};
        }
        double[] p = d.points()[f];
        Box2 box = Box2.of(p, 2, 0, 68);
        return new double[] {box.minX(), box.minY(), box.width(), box.height()};
    }

    private int fitPerson(MorphableModel model, Aggregation aggregation, MeshOutput meshes) {
        SchemaLReader.Document[] read = new SchemaLReader.Document[inputs.size()];
        List<List<LandmarkObservation>> seen = new ArrayList<>(java.util.Collections.nCopies(inputs.size(), null));
        // each file read and checked first: a bad file is reported and left out of the shared identity
        Batch.Result result = Batch.runEach(spec.commandLine().getErr(), inputs,
            Runtime.getRuntime().availableProcessors(), (i, in) -> {
                SchemaLReader.Document d = SchemaLReader.read(in);
                seen.set(i, observations(d));
                read[i] = d;
                return Failures.plural(d.points().length, "face");
            });
        List<SchemaLReader.Document> docs = new ArrayList<>();
        List<LandmarkObservation> all = new ArrayList<>();
        for (int i = 0; i < read.length; i++) {
            if (read[i] != null) {
                docs.add(read[i]);
                all.addAll(seen.get(i));
            }
        }
        if (all.isEmpty()) {
            throw new Face3dException("no usable landmark file among the " + inputs.size() + " inputs");
        }
        spec.commandLine().getErr().printf(Locale.ROOT,
            "face3d fit --person: one identity from %d faces of %d files (--aggregate %s)%n", all.size(), docs.size(), aggregation.name().toLowerCase(Locale.ROOT));
        // one person, one detector: the first file's configuration serves all
        FitConfig config = configFor(docs.get(0));
        JointFitResult joint = aggregation.aggregate(model, config, fitterFor(model, config), all);
        int k = 0;
        for (SchemaLReader.Document d : docs) {
            List<FitResult> mine = joint.images().subList(k, k + d.points().length);
            k += d.points().length;
            writeResults(model, meshes, d.file(), d, mine);
        }
        writePerson(model, meshes, joint, outDir, aggregation.name().toLowerCase(Locale.ROOT));
        Batch.summary(spec.commandLine().getErr(), "fit --person", result, outDir.toString());
        return result.status();
    }

    /** person.json (schema R, one face: the shared identity, neutral expression, no pose) and its mesh. */
    static void writePerson(MorphableModel model, MeshOutput meshes, JointFitResult joint, Path outDir) {
        writePerson(model, meshes, joint, outDir, null);
    }

    /** As above, naming in person.json how the identity was made ({@code aggregation}, or null for a joint fit). */
    static void writePerson(MorphableModel model, MeshOutput meshes, JointFitResult joint, Path outDir,
                            String aggregation) {
        FitResult ref = joint.images().get(0);
        FitResult neutral = new FitResult(ref.pose(), joint.identity(), new double[model.expressionCount()],
            ref.fittedPoints(), neutralLandmarks(model, joint.identity()), ref.residuals(), ref.weights(),
            ref.landmarkVertices(), joint.iterations(), joint.converged(), ref.timingMs());
        String mesh = meshes.write(model, joint.identity(), null, "person");
        ObjectNode root = SchemaR.document(null, 0, 0, model);
        ObjectNode face = SchemaR.face(neutral, null, null, model.expressionNames(), mesh);
        face.remove("pose");
        face.put("images", joint.images().size());
        face.put("aggregation", aggregation == null ? "joint" : aggregation);
        ((ArrayNode) root.get("faces")).add(face);
        meshes.names("person").forEach(root.putArray("files")::add);
        SchemaR.write(root, outDir.resolve("person.json"));
    }

    private static double[] neutralLandmarks(MorphableModel model, double[] id) {
        float[] p = model.evaluate(id, null, model.landmarks68());
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i];
        }
        return out;
    }
}
