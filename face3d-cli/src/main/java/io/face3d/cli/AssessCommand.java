package io.face3d.cli;

import io.face3d.api.Face3d;
import io.face3d.api.PosturePhotos;
import io.face3d.clinic.Assessment;
import io.face3d.clinic.Assessor;
import io.face3d.clinic.FaceState;
import io.face3d.clinic.Movement;
import io.face3d.clinic.PatientFolder;
import io.face3d.clinic.ReportFigure;
import io.face3d.clinic.ReportFigures;
import io.face3d.clinic.ReportInfo;
import io.face3d.clinic.ReportView;
import io.face3d.clinic.ReportWriter;
import io.face3d.clinic.Side;
import io.face3d.core.Face3dException;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.mesh.MeshIO;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.MeshCoefficientFitter;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "assess", mixinStandardHelpOptions = true,
    description = {"Facial symmetry and palsy measures per side, in mm in the face's own frame (3D from meshes and "
        + "reconstructions; from photos in the face's frontal plane).",
        "Each posture is a photo (PNG/JPEG; all photos are fitted jointly: one identity, pose and expression per "
            + "photo), a schema-R JSON from reconstruct/fit, or a mesh (OBJ/PLY/STL) in the model's topology and "
            + "space. Writes DIR/report.html (scores first, then movements, faces and side-signed asymmetry maps), "
            + "DIR/report.pdf, DIR/report.json and DIR/report.csv. A research tool, not a medical device."})
final class AssessCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What the benchmarks measured; shown on the report. Kept in step with README (face3d bench assess). */
    static final String ACCURACY_PHOTOS_NOTE = "Photos: weaker side right for 11 to 12 of 12 synthetic subjects per "
        + "movement (face3d bench assess).";

    static final String ACCURACY = "Measured on synthetic subjects (face3d bench assess --size 48, seeds 1-3 and "
        + "31): from meshes in model topology the weaker side was right for 48 of 48 subjects per movement and the "
        + "smile ratio within 0.1 for all; from photo-like renders (12 subjects per seed) the weaker side was right for 11 to 12 "
        + "of 12 subjects per movement (eye closure read from the pixels) and the smile ratio within 0.15 for 9, 12, "
        + "11 and 12 of 12 (median error 0.07, 0.04, 0.07, 0.08). From photos a movement is measured in the face's frontal "
        + "plane (one photo does not show depth): a smile's change in mm is about 0.7 of the 3D change, its ratio "
        + "nearly the same; read ratios from photos as approximate.";

    /** Shown on a clip's report. Kept in step with README (face3d bench video). */
    static final String ACCURACY_VIDEO = "From a clip: rest and each movement's peak frame are found in the clip and "
        + "assessed as photos are (see below). Measured on rendered clips of synthetic patients with known movements "
        + "(face3d bench video): see README for the peak-frame error and the agreement of the weaker side with photos "
        + "of the same subjects. " + ACCURACY_PHOTOS_NOTE;

    @Option(names = "--rest", paramLabel = "A", description = "The face at rest (required unless --video).")
    Path rest;
    @Option(names = "--video", paramLabel = "CLIP", description = "One clip of the movements (MP4, MOV, MKV, WebM) "
        + "instead of posture photos: rest and the peaks of brow raise, gentle eye closure, smile and pucker are found "
        + "in it; also writes DIR/frames.csv (every frame's pose and measures per side) and the movement curves.")
    Path video;
    @Option(names = "--smile", paramLabel = "B", description = "Full smile.")
    Path smile;
    @Option(names = "--brow", paramLabel = "C", description = "Brows raised.")
    Path brow;
    @Option(names = "--eyes-closed", paramLabel = "D", description = "Eyes gently closed.")
    Path eyesClosed;
    @Option(names = "--pucker", paramLabel = "E", description = "Lips puckered ([u]).")
    Path pucker;
    @Option(names = "--eee", paramLabel = "F", description = "Saying [e].")
    Path eee;
    @Option(names = "--snarl", paramLabel = "G", description = "Snarl (upper lip raised, nose wrinkled; Sunnybrook).")
    Path snarl;
    @Option(names = "--eyes-closed-tight", paramLabel = "H", description = "Eyes shut tight (eFACE full closure).")
    Path eyesClosedTight;
    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path outDir = Paths.get("assessment");
    @Option(names = "--healthy", paramLabel = "left|right",
        description = "The healthy side (default: chosen from the movements).")
    String healthy;
    @Option(names = "--patient", paramLabel = "DIR", description = "Patient folder: also store this assessment as a "
        + "visit there (with --visit), for face3d progress.")
    Path patient;
    @Option(names = "--visit", paramLabel = "YYYY-MM-DD", description = "The visit's date (with --patient).")
    String visit;
    @Option(names = "--detector", paramLabel = "mediapipe|dlib", description = "Landmark detector for photos "
        + "(default: ${DEFAULT-VALUE}).")
    String detector = "mediapipe";

    @Override
    public Integer call() {
        Optional<Side> healthySide = Optional.ofNullable(healthy).map(h -> switch (h.toLowerCase(Locale.ROOT)) {
            case "left" -> Side.LEFT;
            case "right" -> Side.RIGHT;
            default -> throw new Face3dException("--healthy must be left or right, got '" + h + "'");
        });
        if ((patient == null) != (visit == null)) {
            throw new Face3dException("--patient and --visit go together: give both, e.g. --patient P01 --visit 2026-11-03");
        }
        java.time.LocalDate visitDate = visit == null ? null : io.face3d.clinic.PatientFolder.date(visit);
        if (video != null) {
            if (rest != null || smile != null || brow != null || eyesClosed != null || pucker != null || eee != null
                || snarl != null || eyesClosedTight != null) {
                throw new Face3dException("--video replaces the posture photos: give either --video CLIP or --rest and "
                    + "the posture options, not both");
            }
            return new VideoAssess(spec.commandLine().getErr(), outDir, detector, patient, ACCURACY_VIDEO)
                .run(video, healthySide, visitDate);
        }
        if (rest == null) {
            throw new Face3dException("an assessment needs the face at rest: give --rest PHOTO (or --video CLIP)");
        }
        Map<Movement, Path> inputs = new EnumMap<>(Movement.class);
        inputs.put(Movement.REST, rest);
        putIf(inputs, Movement.SMILE, smile);
        putIf(inputs, Movement.BROW, brow);
        putIf(inputs, Movement.EYES_CLOSED, eyesClosed);
        putIf(inputs, Movement.PUCKER, pucker);
        putIf(inputs, Movement.EEE, eee);
        putIf(inputs, Movement.SNARL, snarl);
        putIf(inputs, Movement.EYES_CLOSED_TIGHT, eyesClosedTight);
        int photos = (int) inputs.values().stream().filter(p -> kind(p) == Kind.PHOTO).count();
        int meshFiles = (int) inputs.values().stream().filter(p -> kind(p) == Kind.MESH).count();
        try (Steps steps = new Steps(spec.commandLine().getErr(), "face3d assess",
            new Steps.Estimates(prior(photos, meshFiles, inputs.size())))) {
            List<String> plan = new ArrayList<>(List.of("photos", "meshes", "measures", "report"));
            if (photos == 0) {
                plan.remove("photos");
            }
            if (meshFiles == 0) {
                plan.remove("meshes");
            }
            steps.plan(plan).start("model", "loading the model");
            return assess(inputs, healthySide, visitDate, steps, photos, meshFiles);
        }
    }

    /**
     * Expected seconds of each step until this run has timed it: measured with the example photo as every posture
     * on 2 busy cores (3 photos: joint fit 8.4 s, measures 2.2 s; 2 schema-R files: measures 2.7 s; model 0.5-0.8 s).
     */
    private static Map<String, Double> prior(int photos, int meshes, int postures) {
        return Map.of("model", 0.7, "photos", 0.5 + 2.7 * photos, "meshes", 0.5 + 0.5 * meshes,
            "measures", 0.5 + 0.8 * postures, "report", 0.5 + 0.2 * postures);
    }

    private Integer assess(Map<Movement, Path> inputs, Optional<Side> healthySide, java.time.LocalDate visitDate,
                           Steps steps, int photos, int meshFiles) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults());
        MorphableModel model = face3d.model();
        Map<Movement, FaceState> states = new EnumMap<>(Movement.class);
        List<ReportFigure> figures = new ArrayList<>();
        if (photos > 0) {
            steps.start("photos", "reading and fitting the " + Failures.plural(photos, "photo") + " jointly");
        }
        loadPhotos(face3d, model, inputs, states, figures);
        if (meshFiles > 0) {
            steps.start("meshes", "reading the " + Failures.plural(meshFiles, "mesh file") + " and fitting them jointly");
        }
        loadMeshes(model, inputs, states);
        steps.start("measures", "measuring and mapping the asymmetry of " + Failures.plural(inputs.size(), "posture"));
        loadReconstructions(model, inputs, states);
        Assessment a = Assessor.assess(states, healthySide);
        figures.addAll(ReportFigures.asymmetryMaps(model, states));
        Map<Movement, String> sources = new EnumMap<>(Movement.class);
        states.forEach((m, s) -> sources.put(m, s.source()));
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        inputs.forEach((m, p) -> files.put(m.key(), p.toString()));
        extra.put("inputs", files);
        extra.put("summary", ReportWriter.summary(a));
        steps.start("report", "writing the report");
        ReportWriter.write(a, sources, extra, view(a, model, patient, visitDate, figures, ACCURACY), outDir);
        if (visitDate != null) {
            Map<String, Path> byKey = new LinkedHashMap<>();
            inputs.forEach((m, p) -> byKey.put(m.key(), p));
            storeVisit(spec.commandLine().getErr(), patient, visitDate, byKey, a, sources, extra, states, model);
        }
        spec.commandLine().getErr().println("face3d assess: wrote report.html, report.pdf, report.json and report.csv "
            + "in " + outDir);
        return ExitCodes.OK;
    }

    /** The report page's content: patient and visit (when stored as a visit), versions, the earlier visits. */
    static ReportView view(Assessment a, MorphableModel model, Path patient, java.time.LocalDate visitDate,
                           List<ReportFigure> figures, String accuracy) {
        ReportInfo info = new ReportInfo(patient == null ? null : patient.toAbsolutePath().normalize().getFileName()
            .toString(), visitDate == null ? null : visitDate.toString(), java.time.LocalDate.now().toString(),
            "face3d " + Main.VERSION, model.name() + " (" + Provenance.modelVersion(model) + ")");
        return ReportView.of(a, info, figures, visitDate == null ? List.of()
            : new PatientFolder(patient).visitsBefore(visitDate), accuracy);
    }

    /** Stores the assessment as a visit of the patient folder (inputs' checksums, report, versions, 3D faces). */
    static void storeVisit(java.io.PrintWriter err, Path patient, java.time.LocalDate date, Map<String, Path> inputs,
                           Assessment a, Map<Movement, String> sources, Map<String, Object> extra,
                           Map<Movement, FaceState> states, MorphableModel model) {
        Map<Movement, float[]> faces = new EnumMap<>(Movement.class);
        states.forEach((m, s) -> faces.put(m, s.face()));
        Path stored = new io.face3d.clinic.PatientFolder(patient).save(date, inputs,
            ReportWriter.toJson(a, sources, extra), "face3d " + Main.VERSION, model.name(), faces);
        err.println("face3d assess: stored the visit in " + stored);
    }

    private static void putIf(Map<Movement, Path> m, Movement k, Path p) {
        if (p != null) {
            m.put(k, p);
        }
    }

    private enum Kind { PHOTO, MESH, RECONSTRUCTION }

    private static Kind kind(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return Kind.PHOTO;
        }
        if (n.endsWith(".obj") || n.endsWith(".ply") || n.endsWith(".stl")) {
            return Kind.MESH;
        }
        if (n.endsWith(".json")) {
            return Kind.RECONSTRUCTION;
        }
        throw new Face3dException("cannot tell what " + p + " is: give a photo (.png, .jpg), a schema-R .json or a "
            + "mesh (.obj, .ply, .stl) in the model's topology");
    }

    /**
     * All photos fitted jointly (one identity, the person's; pose and expression per photo), then each posture
     * measured on the rest photo's points tracked into it, referenced to rest ({@link PosturePhotos}).
     */
    private void loadPhotos(Face3d face3d, MorphableModel model, Map<Movement, Path> inputs,
                            Map<Movement, FaceState> states, List<ReportFigure> figures) {
        List<Movement> order = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        inputs.forEach((m, p) -> {
            if (kind(p) == Kind.PHOTO) {
                order.add(m);
                images.add(Images.read(p));
                names.add(p.toString());
            }
        });
        if (images.isEmpty()) {
            return;
        }
        List<PosturePhotos.Posture> fits = PosturePhotos.fit(face3d, images, names, order.indexOf(Movement.REST),
            detector);
        for (int i = 0; i < order.size(); i++) {
            PosturePhotos.Posture p = fits.get(i);
            FitResult fit = p.fit();
            states.put(order.get(i), PosturePhotos.state(model, p));
            figures.add(ReportFigures.faceCrop(Images.toBufferedImage(images.get(i)), p.followed(), order.get(i)));
            figures.add(new ReportFigure(ReportFigure.Kind.DETAIL, order.get(i), order.get(i).label() + ": points "
                + "measured (red; at rest as detected, in a movement the rest points tracked into the photo) and the "
                + "joint fit (blue)", Overlays.fit(images.get(i), List.of(new Overlays.FittedFace(p.followed(), fit)),
                model)));
        }
    }

    /** Meshes in model topology: coefficients recovered jointly (shared identity) for the activations. */
    private static void loadMeshes(MorphableModel model, Map<Movement, Path> inputs, Map<Movement, FaceState> states) {
        List<Movement> order = new ArrayList<>();
        List<float[]> meshes = new ArrayList<>();
        int faceVertices = model.vertexCount(Region.FACE);
        inputs.forEach((m, p) -> {
            if (kind(p) == Kind.MESH) {
                Mesh mesh = MeshIO.read(p);
                if (mesh.vertexCount() != faceVertices && mesh.vertexCount() != model.vertexCount()) {
                    throw new Face3dException(p + " has " + mesh.vertexCount() + " vertices; a mesh in the model's "
                        + "topology has " + faceVertices + " (full face area) or " + model.vertexCount()
                        + " (whole head): write it with face3d reconstruct or fit");
                }
                order.add(m);
                meshes.add(java.util.Arrays.copyOf(mesh.positions(), 3 * faceVertices));
            }
        });
        if (meshes.isEmpty()) {
            return;
        }
        MeshCoefficientFitter.Result r = new MeshCoefficientFitter(model).fit(meshes);
        int[] lm = model.landmarks68();
        for (int i = 0; i < order.size(); i++) {
            float[] face = meshes.get(i);
            float[] l3 = new float[3 * lm.length];
            for (int k = 0; k < lm.length; k++) {
                System.arraycopy(face, 3 * lm[k], l3, 3 * k, 3);
            }
            states.put(order.get(i), new FaceState(l3, face, model.expressionsByName(r.expressions().get(i)), "mesh"));
        }
    }

    private static void loadReconstructions(MorphableModel model, Map<Movement, Path> inputs,
                                            Map<Movement, FaceState> states) {
        inputs.forEach((m, p) -> {
            if (kind(p) == Kind.RECONSTRUCTION) {
                SchemaR.FaceCoefficients c = SchemaR.readFirstFace(p, model.identityCount(), model.expressionNames());
                double[] ex = new double[model.expressionCount()];
                for (int i = 0; i < ex.length; i++) {
                    ex[i] = Math.max(0, Math.min(1, c.expression().get(model.expressionNames().get(i))));
                }
                states.put(m, new FaceState(model.evaluate(c.identity(), ex, model.landmarks68()),
                    model.evaluate(c.identity(), ex, Region.FACE), c.expression(), "reconstruction"));
            }
        });
    }
}
