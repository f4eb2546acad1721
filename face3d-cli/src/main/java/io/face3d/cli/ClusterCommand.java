package io.face3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.api.Face3d;
import io.face3d.core.Face3dException;
import io.face3d.core.geom.Box2;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.fit.multi.Aggregation;
import io.face3d.fit.multi.IdentityClustering;
import io.face3d.fit.multi.IdentityEvidence;
import io.face3d.vision.FaceLandmarks;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Group photos (PNG/JPEG: largest face of each) or schema-L landmark files by person: a landmark fit "
        + "per input, K-means++ on the identities (the seed's method), then refined by moving each input to the person "
        + "whose pooled identity explains its landmarks best. Writes assignment.csv/json and "
        + "person_<k>/ (person.json, mesh, contact_sheet.png). Inputs without a face get person -1.")
final class ClusterCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUTS", description = "Photos, schema-L files, or folders of them.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path outDir = Paths.get("face3d-cluster");

    @Option(names = "--people", paramLabel = "K", description = "Number of persons.")
    Integer people;

    @Option(names = "--auto", description = "Choose the number of persons: groups are merged while the Bayes factor "
        + "(landmark likelihood, identity prior integrated out) favours one shared identity.")
    boolean auto;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the K-means++ draws (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--detector", paramLabel = "mediapipe|dlib", description = "Landmark detector for photos "
        + "(default: ${DEFAULT-VALUE}).")
    String detector = "mediapipe";

    @Option(names = "--noise", paramLabel = "dlib|mediapipe|clean",
        description = "Landmark noise model of landmark files (photos use the detector's) (default: ${DEFAULT-VALUE}).")
    String noise = "dlib";

    @Option(names = "--formats", split = ",", paramLabel = "obj,ply,stl,glb", description = "Mesh formats (default: obj).")
    List<String> formats = List.of("obj");

    @Option(names = "--region", paramLabel = "head|face|narrow", description = "Mesh region (default: ${DEFAULT-VALUE}).")
    String region = "face";

    @Option(names = "--threads", paramLabel = "N", description = "Inputs fitted at once (default: the cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-contact-sheets", description = "Skip the contact sheet PNGs (faster for large sets).")
    boolean noSheets;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One input after its fit: what was seen and fitted, or why it was skipped. */
    private record Item(Path path, boolean photo, LandmarkObservation obs, FitResult fit, IdentityEvidence evidence,
                        String skipped) {
    }

    @Override
    public Integer call() {
        if ((people == null) == !auto) {
            throw new Face3dException("give either --people K or --auto");
        }
        if (people != null && people < 1) {
            throw new Face3dException("--people must be at least 1, got " + people);
        }
        if (threads < 1) {
            throw new Face3dException("--threads must be at least 1");
        }
        MeshOutput probe = new MeshOutput(outDir, formats, Region.parse(region));
        InputFiles.requireOutput(outDir, "-o");
        detector = DetectorName.check(detector);
        List<String> kinds = new ArrayList<>(InputFiles.IMAGES);
        kinds.add("json");
        List<Path> files = InputFiles.expand(inputs, kinds, "cluster", InputFiles.ownOutputsOf("cluster"));
        Batch.cleanStale(outDir);
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(threads));
        MorphableModel model = face3d.model();
        // the fitter's noise model is the same for photos (detector's) and files (--noise) when they agree; the
        // evidence must use the configuration of the fit it linearises, so each kind keeps its own pair
        FitConfig fileConfig = FitConfig.defaults().withNoise(NoiseModel.named(noise));
        FitConfig photoConfig = Face3d.fitConfigFor(detector);
        LandmarkFitter fileFitter = LandmarkFitter.create(model, fileConfig);
        LandmarkFitter photoFitter = LandmarkFitter.create(model, photoConfig);
        IdentityEvidence.Builder fileEvidence = new IdentityEvidence.Builder(model, fileConfig);
        IdentityEvidence.Builder photoEvidence = new IdentityEvidence.Builder(model, photoConfig);

        Item[] items = new Item[files.size()];
        Batch.Result fitted = Batch.runEach(err, files, threads, (idx, f) -> {
            boolean photo = isPhoto(f);
            Optional<LandmarkObservation> obs = photo ? photoObservation(face3d, f) : fileObservation(f);
            if (obs.isEmpty()) {
                items[idx] = new Item(f, photo, null, null, null, "no face");
                throw new Face3dException("no face (listed with person -1)");
            }
            FitResult fit = (photo ? photoFitter : fileFitter).fit(obs.get());
            IdentityEvidence ev = (photo ? photoEvidence : fileEvidence).of(obs.get(), fit);
            items[idx] = new Item(f, photo, obs.get(), fit, ev, null);
            return "fitted";
        });
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                // one bad input is listed with its reason and person -1, never the end of the whole run
                items[i] = new Item(files.get(i), isPhoto(files.get(i)), null, null, null, fitted.failures().get(i));
            }
        }
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            if (items[i].skipped() == null) {
                ok.add(i);
            }
        }
        if (ok.isEmpty()) {
            throw new Face3dException("no face in any of the " + items.length + " inputs: nothing to cluster");
        }
        if (people != null && people > ok.size()) {
            throw new Face3dException("--people " + people + " but only " + ok.size() + " inputs have a face: "
                + "give at most " + ok.size());
        }
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        double[][] ids = new double[ok.size()][];
        List<IdentityEvidence> ev = new ArrayList<>();
        for (int j = 0; j < ok.size(); j++) {
            ids[j] = items[ok.get(j)].fit().identity();
            ev.add(items[ok.get(j)].evidence());
        }
        // after the fits (one line each, with the time left), the two steps over all of them; the persons' prior:
        // 3 s for 3 photos with the contact sheet (examples/astronaut.png, 2 busy cores)
        IdentityClustering.Result res;
        JointFitResult[] joints;
        List<List<Integer>> members;
        int k;
        try (Steps steps = new Steps(err, "face3d cluster", new Steps.Estimates(Map.of("clustering",
            0.02 * ok.size(), "persons", (noSheets ? 0.1 : 1.0) * ok.size())))) {
            steps.plan(List.of("persons")).start("clustering", "grouping " + Failures.plural(ok.size(), "input")
                + " by identity");
            IdentityClustering.Config cfg = IdentityClustering.Config.of(people == null ? 1 : people, seed);
            res = auto ? IdentityClustering.auto(ids, ev, cfg) : IdentityClustering.cluster(ids, ev, cfg);
            k = res.people();
            err.printf(Locale.ROOT, "face3d cluster: %d inputs with a face, %s%s; %d refinement rounds; "
                    + "%d inputs moved from the K-means grouping%n", ok.size(), Failures.plural(k, "person"),
                auto ? " (--auto: Bayes factor)" : "", res.iterations(), moved(res));

            // each person's face: its photos' pooled landmark evidence (Aggregation.EVIDENCE: reuses the per-photo
            // fits; the joint fit, the default of --person, is more accurate but refits every photo); in parallel
            // over persons
            members = IdentityClustering.members(res.labels(), k);
            joints = new JointFitResult[k];
            steps.start("persons", "writing " + Failures.plural(k, "person") + " (mesh" + (noSheets ? ")"
                : ", contact sheet)"));
            Batch.forEach(k, threads, person -> {
                List<FitResult> fits = new ArrayList<>();
                List<IdentityEvidence> pe = new ArrayList<>();
                for (int j : members.get(person)) {
                    fits.add(items[ok.get(j)].fit());
                    pe.add(items[ok.get(j)].evidence());
                }
                joints[person] = Aggregation.pooled(fits, pe, fileConfig.identityLimit());
                writePerson(model, probe, person, joints[person], members.get(person), ok, items);
            });
        }
        writeAssignment(items, ok, res, joints);
        err.printf(Locale.ROOT, "face3d cluster: fits %.1f s, total %.1f s; wrote %s%n", fitSeconds,
            (System.nanoTime() - t0) / 1e9, outDir.resolve("assignment.csv"));
        Batch.summary(err, "cluster", fitted, outDir.toString());
        return fitted.status();
    }

    private static int moved(IdentityClustering.Result r) {
        // the K-means labels are arbitrary: count inputs whose K-means cluster's majority person differs
        int n = r.labels().length, k = r.people();
        int[][] table = new int[k][k];
        for (int i = 0; i < n; i++) {
            table[r.baseline()[i]][r.labels()[i]]++;
        }
        int kept = 0;
        for (int[] row : table) {
            kept += Arrays.stream(row).max().orElse(0);
        }
        return n - kept;
    }

    private void writePerson(MorphableModel model, MeshOutput probe, int person, JointFitResult joint,
                             List<Integer> members, List<Integer> ok, Item[] items) {
        Path dir = outDir.resolve("person_" + person);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Face3dException("cannot create " + dir + " (" + e.getMessage() + "): check the folder is writable");
        }
        MeshOutput meshes = new MeshOutput(dir, probe.formats(), probe.region());
        FitCommand.writePerson(model, meshes, joint, dir, "evidence");
        if (noSheets) {
            return;
        }
        List<ContactSheet.Tile> tiles = new ArrayList<>();
        for (int j : members) {
            Item it = items[ok.get(j)];
            BufferedImage photo = it.photo() ? Images.toBufferedImage(Images.read(it.path())) : null;
            tiles.add(new ContactSheet.Tile(photo, it.obs().points(), ContactSheet.caption(it.path().toString())));
        }
        BufferedImage sheet = ContactSheet.draw("person " + person + ": " + members.size() + " inputs",
            model.mesh(joint.identity(), null, Region.FACE), tiles);
        Images.writePng(sheet, dir.resolve("contact_sheet.png"));
    }

    private void writeAssignment(Item[] items, List<Integer> ok, IdentityClustering.Result res,
                                 JointFitResult[] joints) {
        int[] person = new int[items.length];
        double[] dist = new double[items.length];
        Arrays.fill(person, -1);
        Arrays.fill(dist, Double.NaN);
        for (int j = 0; j < ok.size(); j++) {
            int i = ok.get(j);
            person[i] = res.labels()[j];
            dist[i] = euclid(items[i].fit().identity(), joints[person[i]].identity());
        }
        StringBuilder csv = new StringBuilder("input,person,distance,status\n");
        JsonNodeFactory nf = JsonNodeFactory.instance;
        ObjectNode root = nf.objectNode();
        root.put("people", res.people());
        root.put("method", "kmeans++ on identities, refined by landmark-likelihood reassignment"
            + (auto ? "; K by the Bayes factor of merging" : ""));
        root.put("distance", "Euclidean distance between the input's own identity coefficients and its person's "
            + "identity (standard deviations)");
        root.put("seed", seed);
        ArrayNode arr = root.putArray("inputs");
        for (int i = 0; i < items.length; i++) {
            String status = items[i].skipped() == null ? "ok" : items[i].skipped();
            csv.append(csvField(items[i].path().toString())).append(',').append(person[i]).append(',')
                .append(Double.isNaN(dist[i]) ? "" : String.format(Locale.ROOT, "%.4f", dist[i])).append(',')
                .append(csvField(status)).append('\n');
            ObjectNode o = arr.addObject();
            o.put("input", items[i].path().toString());
            o.put("person", person[i]);
            if (Double.isNaN(dist[i])) {
                o.putNull("distance");
            } else {
                o.put("distance", dist[i]);
            }
            o.put("status", status);
        }
        io.face3d.core.io.AtomicFiles.writeString(outDir.resolve("assignment.csv"), csv.toString());
        SchemaR.write(root, outDir.resolve("assignment.json"));
    }

    private static String csvField(String s) {
        return s.matches(".*[,\"\\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static double euclid(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static boolean isPhoto(Path p) {
        return !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private Optional<LandmarkObservation> photoObservation(Face3d face3d, Path f) {
        RgbImage img = Images.read(f);
        Optional<FaceLandmarks> face = face3d.largestFace(img, detector);
        return face.map(l -> Face3d.observation(l, img));
    }

    /** The largest face of a schema-L file (by its landmarks' box), or empty when the file lists no face. */
    private static Optional<LandmarkObservation> fileObservation(Path f) {
        SchemaLReader.Document d;
        try {
            d = SchemaLReader.read(f);
        } catch (Face3dException e) {
            if (hasNoFace(f)) {
                return Optional.empty();
            }
            throw e;
        }
        int best = 0;
        double bestArea = -1;
        for (int i = 0; i < d.points().length; i++) {
            double[] p = d.points()[i];
            Box2 box = Box2.of(p, 2, 0, 68);
            double area = box.width() * box.height();
            if (area > bestArea) {
                bestArea = area;
                best = i;
            }
        }
        return Optional.of(new LandmarkObservation(d.points()[best], null, d.dense()[best], d.width(), d.height()));
    }

    /** True when the file is JSON with an empty (or missing) "faces" array: a landmark file of a faceless photo. */
    private static boolean hasNoFace(Path f) {
        try {
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
            return root != null && root.isObject() && root.path("faces").isArray() && root.get("faces").isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
