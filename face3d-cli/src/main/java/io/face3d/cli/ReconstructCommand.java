package io.face3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.api.Face3d;
import io.face3d.api.ReconstructConfig;
import io.face3d.api.Reconstructor;
import io.face3d.core.Face3dException;
import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.fit.occlusion.FaceCompletion;
import io.face3d.fit.occlusion.OcclusionDetector;
import io.face3d.fit.occlusion.OcclusionMask;
import io.face3d.fit.photometric.PhotometricFitter;
import io.face3d.fit.photometric.PhotometricOutputs;
import io.face3d.fit.photometric.PhotometricResult;
import io.face3d.core.image.RgbImage;
import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceLandmarks;
import io.face3d.core.image.Images;
import io.face3d.core.mesh.MeshIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "reconstruct", mixinStandardHelpOptions = true,
    description = {"The main job: detect faces, place landmarks, fit the morphable model.",
        "Per photo: DIR/<photo>.json (schema R, listing every file written), a mesh per face in model space (mm) "
            + "and DIR/<photo>_overlay.png (fitted mesh over the photo; detected landmarks red, fitted blue). With "
            + "--method photometric also <photo>_textured.obj/.mtl/_texture.png (and _textured.glb with glb among "
            + "the formats), <photo>_rendered.png (the fitted face rendered over the photo) and <photo>_residual.png, "
            + "and the per-term loss of every iteration in the JSON. Photos are processed in parallel; a photo that "
            + "fails is reported and skipped, and the command then exits 2."})
final class ReconstructCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Photos (" + io.face3d.core.image.Images.FORMATS + ") or folders of photos.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path outDir = Paths.get("out");

    @Option(names = "--video", paramLabel = "CLIP", description = "One clip (MP4, MOV, MKV, WebM) of one face instead "
        + "of photos: one identity for the clip, pose and expression per frame; writes DIR/CLIP_frames.csv, DIR/CLIP.json "
        + "and the identity's neutral face DIR/CLIP.obj.")
    Path video;

    @Option(names = "--method", paramLabel = "landmarks|photometric",
        description = "landmarks: fit to the detector's landmarks (fast); photometric: then refine by analysis by "
            + "synthesis (default: ${DEFAULT-VALUE}).")
    String method = "landmarks";

    @Option(names = "--detector", paramLabel = "mediapipe|dlib", description = "Landmark detector "
        + "(default: ${DEFAULT-VALUE}; dlib's model is for non-commercial use).")
    String detector = "mediapipe";

    @Option(names = "--formats", split = ",", paramLabel = "obj,ply,stl,glb", description = "Mesh formats "
        + "(default: obj).")
    List<String> formats = List.of("obj");

    @Option(names = "--region", paramLabel = "head|face|narrow", description = "Mesh region (default: ${DEFAULT-VALUE}).")
    String region = "face";

    /**
     * Perspective by default: photos are perspective, and on photo-like renders (perspective, 30-55 degree field of
     * view) the perspective fit with the focal estimated was better than SOP in dense RMSE and rotation on the
     * tuning renders (bench renders --size 40 --seed 3000: 3.99 against 4.15 mm, mean face 4.25; README).
     */
    @Option(names = "--camera", paramLabel = "sop|perspective", description = "Camera model (default: ${DEFAULT-VALUE}).")
    String camera = "perspective";

    @Option(names = "--focal", paramLabel = "F", description = "Perspective focal length in pixels (default: estimated).")
    Double focal;

    @Option(names = "--person", description = "All photos show one person: one shared identity (its prior counted "
        + "once), pose and expression per photo; also writes person.json and its neutral mesh.")
    boolean person;

    @Option(names = "--aggregate", paramLabel = "evidence|joint|mean|kmeans", description = "With --person: how the "
        + "photos make one identity (see face3d fit --help) (default: ${DEFAULT-VALUE}).")
    String aggregate = io.face3d.fit.multi.Aggregation.DEFAULT.name().toLowerCase(Locale.ROOT);

    @Option(names = "--no-occlusion", description = "Photometric method: trust every pixel (no occlusion mask).")
    boolean noOcclusion;

    @Option(names = "--save-mask", description = "Photometric method: write the occlusion mask as a PNG "
        + "(<photo>_mask.png: white occluded, grey the rest of the face region).")
    boolean saveMask;

    @Option(names = "--save-completed", description = "Photometric method: write the photo with the rendered face "
        + "composited over the occluder (<photo>_completed.png).")
    boolean saveCompleted;

    @Option(names = "--threads", paramLabel = "N", description = "Photos processed at once (default: the cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private boolean photometric;

    @Override
    public Integer call() {
        if (video != null) {
            if (inputs != null && !inputs.isEmpty()) {
                throw new Face3dException("--video takes the place of the photos: give either --video CLIP or photos");
            }
            InputFiles.requireOutput(outDir, "-o");
            return new VideoReconstruct(spec.commandLine().getErr(), outDir, DetectorName.check(detector), threads)
                .run(video);
        }
        if (inputs == null || inputs.isEmpty()) {
            throw new Face3dException("give at least one photo or folder (or --video CLIP)");
        }
        ReconstructConfig.Method m = ReconstructConfig.Method.parse(method);
        photometric = m == ReconstructConfig.Method.PHOTOMETRIC;
        if (photometric && person) {
            throw new Face3dException("--person uses the landmark method (a joint photometric fit is not built): "
                + "drop --method photometric or --person");
        }
        if ((noOcclusion || saveMask || saveCompleted) && !photometric) {
            throw new Face3dException("--no-occlusion, --save-mask and --save-completed go with --method photometric");
        }
        if (noOcclusion && (saveMask || saveCompleted)) {
            throw new Face3dException("--save-mask and --save-completed need the occlusion mask: drop --no-occlusion");
        }
        if (threads < 1) {
            throw new Face3dException("--threads must be at least 1");
        }
        InputFiles.requireOutput(outDir, "-o");
        detector = DetectorName.check(detector);
        MeshOutput meshes = new MeshOutput(outDir, formats, Region.parse(region));
        FitConfig fitConfig = FitCommand.fitConfig(Face3d.fitConfigFor(detector), camera, focal);
        ReconstructConfig config = ReconstructConfig.defaults().withDetector(ReconstructConfig.Detector.parse(detector))
            .withMethod(m).withCamera(fitConfig.camera(), fitConfig.focal()).withOcclusion(photometric && !noOcclusion);
        List<Path> photos = Batch.distinctStems(InputFiles.expand(inputs, InputFiles.IMAGES, "reconstruct",
            InputFiles.ownOutputsOf("reconstruct")));
        Batch.cleanStale(outDir);
        Images.preloadCodecs(); // overlaps with the model's loading below
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(threads));
        MorphableModel model = face3d.model();
        return person ? reconstructPerson(face3d, model, fitConfig, meshes, photos)
            : reconstructEach(face3d.reconstructor(config), meshes, photos);
    }

    private int reconstructEach(Reconstructor reconstructor, MeshOutput meshes, List<Path> photos) {
        return Batch.run(spec.commandLine().getErr(), "reconstruct", photos, threads,
            (i, photo) -> reconstructOne(reconstructor, meshes, photo), outDir.toString());
    }

    /**
     * Seconds per step of the photometric path on the example photo (astronaut.png, 512 px, one face; 2 busy
     * cores): the estimates until this run has timed a step itself.
     */
    private static final Map<String, Double> PHOTOMETRIC_PRIOR = Map.of("read", 0.3, Reconstructor.Stages.DETECT,
        1.3, Reconstructor.Stages.FIT, 0.15, Reconstructor.Stages.REFINE, 4.0, "write", 2.2);
    private final Steps.Estimates estimates = new Steps.Estimates(PHOTOMETRIC_PRIOR);

    private String reconstructOne(Reconstructor reconstructor, MeshOutput meshes, Path photo) {
        // the photometric path takes seconds per face: its steps are reported; the landmark path is one line
        try (Steps steps = photometric ? new Steps(spec.commandLine().getErr(), photo.toString(), estimates) : null) {
            return reconstructOne(reconstructor, meshes, photo, steps);
        }
    }

    /** Announces each stage of one photo's photometric reconstruction, the plan updated when the faces are known. */
    private static Reconstructor.Stages announce(Steps steps) {
        return (stage, face, faces) -> {
            List<String> ahead = new ArrayList<>();
            if (stage.equals(Reconstructor.Stages.DETECT)) {
                ahead.addAll(List.of(Reconstructor.Stages.FIT, Reconstructor.Stages.REFINE));
            } else {
                int fitsLeft = stage.equals(Reconstructor.Stages.FIT) ? faces - face - 1 : 0;
                int refinesLeft = stage.equals(Reconstructor.Stages.FIT) ? faces : faces - face - 1;
                ahead.addAll(java.util.Collections.nCopies(fitsLeft, Reconstructor.Stages.FIT));
                ahead.addAll(java.util.Collections.nCopies(refinesLeft, Reconstructor.Stages.REFINE));
            }
            ahead.add("write");
            steps.plan(ahead).start(stage, stage.equals(Reconstructor.Stages.DETECT) ? "detecting faces"
                : stage + " (face " + (face + 1) + " of " + faces + ")");
        };
    }

    private String reconstructOne(Reconstructor reconstructor, MeshOutput meshes, Path photo, Steps steps) {
        long t0 = System.nanoTime();
        if (steps != null) {
            steps.plan(List.of(Reconstructor.Stages.DETECT, Reconstructor.Stages.FIT, Reconstructor.Stages.REFINE,
                "write")).start("read", "reading the photo");
        }
        RgbImage img = Images.read(photo);
        long t1 = System.nanoTime();
        Reconstructor.Photo result = reconstructor.reconstruct(img, steps == null ? Reconstructor.Stages.NONE
            : announce(steps));
        long t2 = System.nanoTime();
        if (result.faces().isEmpty()) {
            throw new Face3dException("no face found: give a photo where the face is visible and at least 40 pixels "
                + "wide");
        }
        List<FaceLandmarks> faces = new ArrayList<>();
        List<FitResult> fits = new ArrayList<>();
        List<PhotometricResult> refined = new ArrayList<>();
        List<io.face3d.fit.photometric.RefinementGuard.Decision> guards = new ArrayList<>();
        List<OcclusionMask> masks = new ArrayList<>();
        for (Reconstructor.Face f : result.faces()) {
            faces.add(f.landmarks());
            fits.add(f.fit());
            if (f.refined() != null) {
                refined.add(f.refined());
                guards.add(f.guard());
            }
            if (f.mask() != null) {
                masks.add(f.mask());
            }
        }
        MorphableModel model = reconstructor.model();
        if (steps != null) {
            steps.plan(List.of()).start("write", "writing the textured mesh and images");
        }
        StageTimes writeStages = new StageTimes();
        // all of one photo's outputs appear together or not at all (a killed run leaves none of them)
        try (io.face3d.core.io.OutputSet set = io.face3d.core.io.OutputSet.open(outDir, MeshOutput.stem(photo))) {
            if (photometric) {
                writePhotometric(model, reconstructor.photometricFitter().orElseThrow(),
                    reconstructor.occlusionDetector().orElseThrow(), img, photo, refined, masks, set.dir(),
                    writeStages);
            }
            List<Map<String, Double>> faceStages = result.faces().stream().map(Reconstructor.Face::stagesMs).toList();
            writePhoto(model, meshes.in(set.dir()), photo, img, faces, fits,
                new double[] {ms(t0, t1), result.detectMs(), result.fitMs(), result.photometricMs()}, t0, t2,
                refined, guards, masks, set.dir(), faceStages, writeStages);
            set.commit();
        }
        return faces.size() + (faces.size() == 1 ? " face" : " faces");
    }

    private static double ms(long a, long b) {
        return (b - a) / 1e6;
    }

    private void writePhoto(MorphableModel model, MeshOutput meshes, Path photo, RgbImage img,
                            List<FaceLandmarks> faces, List<FitResult> fits, double[] stagesMs, long start,
                            long writeStart, List<PhotometricResult> refined,
                            List<io.face3d.fit.photometric.RefinementGuard.Decision> guards, List<OcclusionMask> masks,
                            Path dir, List<Map<String, Double>> faceStages, StageTimes writeStages) {
        String stem = MeshOutput.stem(photo);
        ObjectNode root = SchemaR.document(photo.toString(), img.width(), img.height(), model);
        ArrayNode out = (ArrayNode) root.get("faces");
        List<Overlays.FittedFace> drawn = new ArrayList<>();
        for (int k = 0; k < faces.size(); k++) {
            FaceLandmarks f = faces.get(k);
            FitResult r = fits.get(k);
            String meshName = faces.size() == 1 ? stem : stem + "_face" + k;
            // the face area's positions are evaluated once, for the mesh files and the overlay
            io.face3d.core.mesh.Mesh evaluated = writeStages.time("meshes", () -> model.mesh(r.identity(),
                r.expression(), meshes.region()));
            String mesh = writeStages.time("meshes", () -> meshes.write(evaluated, meshName));
            FaceBox b = f.box();
            ObjectNode face = SchemaR.face(r, new double[] {b.x(), b.y(), b.width(), b.height()}, f.points(),
                model.expressionNames(), mesh);
            face.put("score", f.score());
            face.put("detector", f.detector());
            face.put("detector_version", Provenance.detectorVersion(f.detector()));
            ObjectNode t = face.with("timing_ms");
            t.put("read", stagesMs[0]);
            t.put("detect", stagesMs[1]);
            t.put("fit_all_faces", stagesMs[2]);
            if (k < faceStages.size() && !faceStages.get(k).isEmpty()) {
                ObjectNode own = t.putObject("face_stages");
                faceStages.get(k).forEach(own::put);
            }
            if (!refined.isEmpty()) {
                t.put("photometric_all_faces", stagesMs[3]);
                face.set("photometric", SchemaR.photometric(refined.get(k), guards.get(k), faces.size() == 1 ? stem
                    : stem + "_face" + k));
            }
            if (!masks.isEmpty()) {
                ArrayNode occluded = face.putArray("occluded_landmarks");
                for (int i : masks.get(k).occludedLandmarks()) {
                    occluded.add(i);
                }
                face.put("occluded_fraction", masks.get(k).coverage());
            }
            out.add(face);
            drawn.add(new Overlays.FittedFace(f.points(), r,
                meshes.region() == io.face3d.core.model.Region.FACE ? evaluated.positions() : null));
        }
        writeStages.time("overlay", () -> Images.writePng(Overlays.fit(img, drawn, model),
            dir.resolve(stem + "_overlay.png")));
        // read + detect + fit_all_faces (+ photometric_all_faces) + write = total, the photo's wall time up to its
        // JSON (what is left out: the JSON's own serialisation and the rename into place, well under a millisecond)
        long end = System.nanoTime();
        for (int k = 0; k < out.size(); k++) {
            ObjectNode t = (ObjectNode) out.get(k).get("timing_ms");
            t.put("write", ms(writeStart, end));
            t.put("total", ms(start, end));
            ObjectNode w = t.putObject("write_stages");
            writeStages.all().forEach(w::put);
            w.put("other", ms(writeStart, end) - writeStages.sum());
        }
        SchemaR.writeListingFiles(root, dir, stem + ".json");
    }

    private int reconstructPerson(Face3d face3d, MorphableModel model, FitConfig fitConfig, MeshOutput meshes,
                                  List<Path> photos) {
        // each photo read and its face found first: a bad photo is reported and left out of the shared identity
        RgbImage[] images = new RgbImage[photos.size()];
        FaceLandmarks[] faces = new FaceLandmarks[photos.size()];
        int status = Batch.run(spec.commandLine().getErr(), "reconstruct --person", photos, threads, (i, photo) -> {
            RgbImage img = Images.read(photo);
            faces[i] = face3d.largestFace(img, detector).orElseThrow(() -> new Face3dException("no face found: give "
                + "a photo where the face is visible and at least 40 pixels wide"));
            images[i] = img;
            return "face found";
        }, null);
        List<Integer> good = new ArrayList<>();
        List<io.face3d.fit.landmark.LandmarkObservation> obs = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            if (faces[i] != null) {
                good.add(i);
                obs.add(Face3d.observation(faces[i], images[i]));
            }
        }
        if (good.isEmpty()) {
            throw new Face3dException("no face in any of the " + photos.size() + " photos: nothing to reconstruct");
        }
        long t0 = System.nanoTime();
        io.face3d.fit.multi.Aggregation aggregation = io.face3d.fit.multi.Aggregation.parse(aggregate);
        JointFitResult joint = aggregation.aggregate(model, fitConfig, face3d.landmarkFitter(fitConfig), obs);
        double fitMs = ms(t0, System.nanoTime());
        for (int k = 0; k < good.size(); k++) {
            int i = good.get(k);
            try (io.face3d.core.io.OutputSet set = io.face3d.core.io.OutputSet.open(outDir, MeshOutput.stem(photos.get(i)))) {
                writePhoto(model, meshes.in(set.dir()), photos.get(i), images[i], List.of(faces[i]),
                    List.of(joint.images().get(k)), new double[] {0, 0, fitMs, 0}, System.nanoTime(),
                    System.nanoTime(), List.of(), List.of(), List.of(), set.dir(), List.of(), new StageTimes());
                set.commit();
            }
        }
        FitCommand.writePerson(model, meshes, joint, outDir, aggregation.name().toLowerCase(Locale.ROOT));
        spec.commandLine().getErr().println("face3d reconstruct --person: one identity from " + good.size() + " of "
            + photos.size() + " photos; wrote " + outDir.resolve("person.json"));
        return status;
    }

    /**
     * Per face: the textured mesh (OBJ + MTL + texture PNG; texels under the mask carried onto the face area
     * ({@link OcclusionDetector#spill}) completed by {@link FaceCompletion}), the rendered face over
     * the photo, the residual map; per photo, with the occlusion masks (one per face, or empty with --no-occlusion),
     * the union mask ({@code --save-mask}) and the de-occluded photo ({@code --save-completed}).
     */
    private void writePhotometric(MorphableModel model, PhotometricFitter fitter, OcclusionDetector detector,
                                  RgbImage pixels, Path photo, List<PhotometricResult> refined, List<OcclusionMask> masks,
                                  Path dir, StageTimes times) {
        PhotometricOutputs out = new PhotometricOutputs(model, fitter.mirrorMap());
        FaceCompletion completion = new FaceCompletion(model, fitter.mirrorMap());
        String stem = MeshOutput.stem(photo);
        RgbImage completed = pixels;
        for (int k = 0; k < refined.size(); k++) {
            String base = refined.size() == 1 ? stem : stem + "_face" + k;
            PhotometricResult r = refined.get(k);
            boolean[] occluded = masks.isEmpty() ? null : masks.get(k).occluded();
            if (occluded == null) {
                times.time("textured_mesh", () -> out.writeTexturedMesh(r, pixels, dir, base + "_textured", 1024));
            } else {
                OcclusionMask mask = masks.get(k);
                times.time("textured_mesh_with_completion", () -> completion.writeTexturedMesh(r, pixels, dir,
                    base + "_textured", 1024, detector.spill(pixels, r, mask).occluded()));
            }
            if (formats.stream().anyMatch(f -> f.trim().equalsIgnoreCase("glb"))) {
                // the GLB of the fit carries the photo texture too (the viewer shows glTF): the textured OBJ's mesh
                // and texture, embedded
                times.time("textured_glb", () -> MeshIO.write(MeshIO.read(dir.resolve(base + "_textured.obj")),
                    dir.resolve(base + "_textured.glb")));
            }
            times.time("rendered", () -> Images.writePng(out.renderOverPhoto(r, pixels),
                dir.resolve(base + "_rendered.png")));
            times.time("residual", () -> Images.writePng(out.residualMap(r, pixels),
                dir.resolve(base + "_residual.png")));
            if (saveCompleted) {
                RgbImage before = completed;
                completed = times.time("completed_photo", () -> completion.completedPhoto(r, before, occluded));
            }
        }
        long m0 = System.nanoTime();
        if (saveMask) {
            byte[] grey = new byte[3 * pixels.width() * pixels.height()];
            for (OcclusionMask m : masks) {
                byte[] g = m.toPixels().rgb();
                for (int i = 0; i < grey.length; i++) {
                    grey[i] = (byte) Math.max(grey[i] & 0xff, g[i] & 0xff);
                }
            }
            Images.writePng(new RgbImage(pixels.width(), pixels.height(), grey), dir.resolve(stem + "_mask.png"));
        }
        if (saveCompleted) {
            Images.writePng(completed, dir.resolve(stem + "_completed.png"));
        }
        if (saveMask || saveCompleted) {
            times.add("mask_and_completed_png", ms(m0, System.nanoTime()));
        }
    }

    static Pose.Camera camera(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sop" -> Pose.Camera.SOP;
            case "perspective" -> Pose.Camera.PERSPECTIVE;
            default -> throw new Face3dException("unknown camera '" + name + "': use sop or perspective");
        };
    }
}
