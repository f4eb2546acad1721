package io.face3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.face3d.api.Face3d;
import io.face3d.api.video.ClipFiles;
import io.face3d.api.video.ClipReconstructor;
import io.face3d.core.Face3dException;
import io.face3d.core.io.AtomicFiles;
import io.face3d.core.mesh.MeshIO;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code face3d reconstruct --video CLIP}: one identity for the clip, pose and expression per frame
 * ({@link ClipReconstructor}); writes CLIP_frames.csv (per frame), CLIP.json (identity, rest frame, files, timing)
 * and CLIP.obj (the identity's neutral face in model space, full face area).
 */
final class VideoReconstruct {
    private final PrintWriter err;
    private final Path outDir;
    private final String detector;
    private final int threads;

    VideoReconstruct(PrintWriter err, Path outDir, String detector, int threads) {
        this.err = err;
        this.outDir = outDir;
        this.detector = detector;
        this.threads = threads;
    }

    int run(Path video) {
        Face3d face3d = Face3d.create(Face3d.Config.defaults());
        MorphableModel model = face3d.model();
        ClipReconstructor.Config config = new ClipReconstructor.Config(detector,
            ClipReconstructor.Config.defaults().smoothing(), 0.5, 12, 5, Math.max(1, threads));
        int[] shown = {-1};
        ClipReconstructor.Clip clip = new ClipReconstructor(face3d, config).reconstruct(video, (pass, done, total) -> {
            int tenth = total > 0 ? 10 * done / total : done / 100;
            if (tenth != shown[0]) {
                shown[0] = tenth;
                err.println("face3d reconstruct --video: " + pass + ", frame " + done + (total > 0 ? " of " + total : ""));
                err.flush();
            }
        });
        String stem = video.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        try {
            Files.createDirectories(outDir);
        } catch (java.io.IOException e) {
            throw new Face3dException("cannot create " + outDir + " (" + e.getMessage() + "): check the path");
        }
        Path csv = outDir.resolve(stem + "_frames.csv"), obj = outDir.resolve(stem + ".obj"),
            json = outDir.resolve(stem + ".json");
        ClipFiles.writeFramesCsv(csv, clip, null, model.expressionNames());
        MeshIO.write(model.mesh(clip.identity(), null, Region.FACE), obj);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "face3d-video");
        doc.put("schema_version", 1);
        doc.put("tool", "face3d reconstruct --video");
        doc.put("tool_version", Main.VERSION);
        doc.put("video", video.toString());
        doc.put("model", model.name());
        doc.put("width", clip.width());
        doc.put("height", clip.height());
        doc.put("frame_rate", clip.frameRate());
        doc.put("frames", clip.frames().size());
        doc.put("rest_frame", clip.rest());
        doc.put("identity_frames", clip.restLike());
        doc.put("identity", clip.identity());
        doc.put("camera", "sop (pose fitted on the rigid points: nose bridge and tip, subnasale, eye corners)");
        doc.put("files", Map.of("frames", csv.getFileName().toString(), "mesh", obj.getFileName().toString()));
        doc.put("timing_ms", clip.stageMs());
        try {
            AtomicFiles.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        err.println(String.format(Locale.ROOT, "face3d reconstruct --video: %d frames at %.1f frames/s; wrote %s, %s "
            + "and %s", clip.frames().size(), clip.processingFps(), json, csv, obj));
        return ExitCodes.OK;
    }
}
