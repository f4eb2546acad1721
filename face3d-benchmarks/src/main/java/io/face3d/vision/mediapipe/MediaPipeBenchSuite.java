package io.face3d.vision.mediapipe;

import static io.face3d.bench.BenchStats.median;

import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.vision.FaceBox;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import org.bytedeco.opencv.global.opencv_core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code face3d bench mediapipe}: medians of each MediaPipe stage on examples/astronaut.png (one face, 512 x 512),
 * after warm-up, in two settings: OpenCV's default thread pool (wall time), and OpenCV limited to the calling thread,
 * where the thread's CPU time is the whole work and so does not depend on what else the machine runs (a shared
 * machine inflates wall times, not CPU times).
 */
public final class MediaPipeBenchSuite extends AbstractBenchSuite {
    private static final int WARMUP = 20;

    public MediaPipeBenchSuite() {
        super("mediapipe", "MediaPipe face detection and FaceMesh per face: medians of wall and CPU time per stage");
    }

    @Override
    public Result run(Context context) {
        int n = context.sizeOr(100);
        RgbImage photo = Images.read(photo());
        MediaPipeConfig config = MediaPipeConfig.defaults(ModelAssets.defaults());
        MediaPipeFaceDetector shortOnly = new MediaPipeFaceDetector(config.withModels(true, false));
        MediaPipeFaceDetector fullOnly = new MediaPipeFaceDetector(config.withModels(false, true));
        MediaPipeLandmarkDetector pipeline = new MediaPipeLandmarkDetector(config);
        MediaPipeLandmarkDetector portrait = new MediaPipeLandmarkDetector(config.withModels(true, false));
        List<FaceBox> boxes = pipeline.faceDetector().detect(photo);
        if (boxes.isEmpty()) {
            throw new IllegalStateException("no face found in the benchmark photo");
        }
        FaceBox box = boxes.get(0);
        String[] names = {"short-range detection", "full-range detection", "detection (both models, default)",
            "FaceMesh, 2 passes, in a given box", "detection + FaceMesh (default pipeline)",
            "short-range detection + FaceMesh (portrait setting)"};
        List<Supplier<Object>> stages = List.of(() -> shortOnly.detect(photo), () -> fullOnly.detect(photo),
            () -> pipeline.faceDetector().detect(photo), () -> pipeline.detectInBox(photo, box),
            () -> pipeline.detect(photo), () -> portrait.detect(photo));
        // face3d runs OpenCV on one thread (TfliteModel); the first column restores a pool of one thread per core,
        // OpenCV's default, to show what that setting saves
        int defaultThreads = Runtime.getRuntime().availableProcessors();
        opencv_core.setNumThreads(defaultThreads);
        double[][] wall = new double[stages.size()][];
        double[][] cpu1 = new double[stages.size()][];
        double[][] wall1 = new double[stages.size()][];
        for (int s = 0; s < stages.size(); s++) {
            context.progress().accept("mediapipe: " + names[s]);
            wall[s] = time(stages.get(s), n)[0];
        }
        try {
            opencv_core.setNumThreads(1);
            for (int s = 0; s < stages.size(); s++) {
                context.progress().accept("mediapipe: " + names[s] + ", one OpenCV thread");
                double[][] t = time(stages.get(s), n);
                wall1[s] = t[0];
                cpu1[s] = t[1];
            }
        } finally {
            opencv_core.setNumThreads(1);
        }
        StringBuilder md = new StringBuilder();
        md.append("## MediaPipe (face3d-vision)\n\n");
        md.append(String.format(Locale.ROOT, "Photo %s (%d x %d, one face), %d runs per stage after %d warm-up runs; "
            + "OpenCV pool of %d threads (its default) in the first column; machine load average at the end: %.1f on %d cores.%n%n",
            photo().getFileName(), photo.width(), photo.height(), n, WARMUP, defaultThreads,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors()));
        md.append("| stage | median wall ms (default pool) | median wall ms (1 thread) | median CPU ms (1 thread) |\n");
        md.append("|---|---|---|---|\n");
        for (int s = 0; s < stages.size(); s++) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", names[s], median(wall[s]),
                median(wall1[s]), median(cpu1[s])));
        }
        return new Result(md.toString());
    }

    /** examples/astronaut.png of the repository (system property face3d.repo or the working directory). */
    static Path photo() {
        String repo = System.getProperty("face3d.repo", System.getProperty("user.dir"));
        for (Path p = Path.of(repo).toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path c : List.of(p.resolve("examples").resolve("astronaut.png"),
                p.resolve("face3d-vision/src/test/resources/astronaut.png"))) {
                if (Files.isRegularFile(c)) {
                    return c;
                }
            }
        }
        throw new Face3dException("examples/astronaut.png not found: run the benchmark from the repository");
    }

    /** {wall ms, thread CPU ms} of each of n runs, after warm-up. */
    private static double[][] time(Supplier<Object> stage, int n) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            Object r = stage.get();
            if (r instanceof List<?> l && l.isEmpty()) {
                throw new IllegalStateException("a benchmark stage found no face: it would time nothing");
            }
        }
        double[] wall = new double[n], cpu = new double[n];
        for (int i = 0; i < n; i++) {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            stage.get();
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        return new double[][]{wall, cpu};
    }

}
