package io.face3d.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.api.Face3d;
import io.face3d.api.PosturePhotos;
import io.face3d.clinic.Assessment;
import io.face3d.clinic.Assessor;
import io.face3d.clinic.AsymmetryMap;
import io.face3d.clinic.FaceState;
import io.face3d.clinic.Movement;
import io.face3d.clinic.ReportWriter;
import io.face3d.core.Face3dException;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import io.face3d.core.io.AtomicFiles;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.mesh.MeshIO;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.eval.plot.ColorMap;
import io.face3d.eval.plot.ErrorHeatmap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One visit's assessment through the library, as {@code face3d assess} does it for photos: all posture photos
 * fitted jointly ({@link PosturePhotos}), measured and scored ({@link Assessor}), the report JSON
 * ({@link ReportWriter#toJson}); per posture the fitted face as GLB with the asymmetry map as vertex colours, as
 * OBJ, and the asymmetry heatmap PNG.
 */
public final class VisitAnalysis {
    /** Top of the asymmetry colour scale, mm (the same as the assessment report's heatmaps). */
    static final double ASYMMETRY_SCALE_MM = 5;
    private final Face3d face3d;
    private final String detector;

    public VisitAnalysis(Face3d face3d, String detector) {
        this.face3d = face3d;
        this.detector = detector;
    }

    /** The outcome: the report and, per posture key, the files (kind to bytes). */
    public record Outcome(ObjectNode report, Map<String, Map<String, byte[]>> files) {
    }

    /** @param photos posture to the stored photo file; must include rest */
    public Outcome run(Map<Posture, Path> photos) {
        if (!photos.containsKey(Posture.REST)) {
            throw new Face3dException("the visit has no photo at rest: add one and submit again");
        }
        MorphableModel model = face3d.model();
        List<Posture> order = new ArrayList<>(photos.keySet());
        List<RgbImage> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Posture p : order) {
            images.add(Images.read(photos.get(p)));
            names.add("the " + p.title().toLowerCase(java.util.Locale.ROOT) + " photo");
        }
        List<PosturePhotos.Posture> fits = PosturePhotos.fit(face3d, images, names, order.indexOf(Posture.REST),
            detector);
        Map<Movement, FaceState> states = new EnumMap<>(Movement.class);
        for (int i = 0; i < order.size(); i++) {
            states.put(order.get(i).movement(), PosturePhotos.state(model, fits.get(i)));
        }
        Assessment a = Assessor.assess(states, Optional.empty());
        Map<Movement, String> sources = new EnumMap<>(Movement.class);
        states.keySet().forEach(m -> sources.put(m, "photo"));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("summary", ReportWriter.summary(a));
        ObjectNode report = ReportWriter.toJson(a, sources, extra);
        Map<String, Map<String, byte[]>> files = new LinkedHashMap<>();
        int[] triangles = model.triangles(Region.FACE);
        for (Posture p : order) {
            FaceState s = states.get(p.movement());
            double[] asym = AsymmetryMap.compute(s.face(), model.mirrorMap());
            Mesh mesh = new Mesh(s.face(), triangles).withColors(colours(asym));
            Map<String, byte[]> f = new LinkedHashMap<>();
            f.put("glb", meshBytes(mesh, "glb"));
            f.put("obj", meshBytes(new Mesh(s.face(), triangles), "obj"));
            f.put("heatmap", pngBytes(ErrorHeatmap.render(new Mesh(s.face(), triangles), asym, ASYMMETRY_SCALE_MM,
                "asymmetry, " + p.title().toLowerCase(java.util.Locale.ROOT) + " (mm)")));
            files.put(p.key(), f);
        }
        return new Outcome(report, files);
    }

    private static float[] colours(double[] asym) {
        float[] c = new float[3 * asym.length];
        for (int v = 0; v < asym.length; v++) {
            int rgb = Double.isFinite(asym[v]) ? ColorMap.viridis(asym[v] / ASYMMETRY_SCALE_MM) : 0xB0B0B0;
            c[3 * v] = (rgb >> 16 & 255) / 255f;
            c[3 * v + 1] = (rgb >> 8 & 255) / 255f;
            c[3 * v + 2] = (rgb & 255) / 255f;
        }
        return c;
    }

    private static byte[] meshBytes(Mesh mesh, String ext) {
        return viaTempFile("face." + ext, f -> MeshIO.write(mesh, f));
    }

    private static byte[] pngBytes(java.awt.image.BufferedImage img) {
        return viaTempFile("figure.png", f -> AtomicFiles.writePng(img, f));
    }

    private interface Writer {
        void write(Path file);
    }

    /** The library writes meshes and figures to files; they go to the blob store as bytes. */
    private static byte[] viaTempFile(String name, Writer w) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("face3d-result");
            Path f = dir.resolve(name);
            w.write(f);
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new Face3dException("cannot write a temporary file (" + e.getMessage() + "): check the space in "
                + System.getProperty("java.io.tmpdir"));
        } finally {
            if (dir != null) {
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // temporary files of our own; the OS cleans the folder
                }
            }
        }
    }
}
