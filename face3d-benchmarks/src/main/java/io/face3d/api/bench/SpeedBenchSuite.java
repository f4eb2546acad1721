package io.face3d.api.bench;

import static io.face3d.bench.BenchStats.median;

import io.face3d.api.Face3d;
import io.face3d.api.ReconstructConfig;
import io.face3d.api.Reconstructor;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;
import io.face3d.vision.mediapipe.MediaPipeConfig;
import io.face3d.vision.mediapipe.MediaPipeLandmarkDetector;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code face3d bench speed}: the same photos through face3d's stages and through the peers that run on this
 * machine, interleaved run by run so that every ratio is measured under the same load:
 * <ul>
 *   <li>latency on one thread, a 2-megapixel photo (examples/astronaut.png scaled bicubically to 1632 x 1224, PNG and
 *       JPEG q 0.9): decode (ImageIO, and OpenCV's {@code imdecode} with its libjpeg-turbo / libpng as the peer
 *       decoder), MediaPipe detection + FaceMesh (tiles when needed, the default, and tiles always, the behaviour
 *       before), the dlib path (MediaPipe boxes + face3d's port of dlib's shape predictor), the landmark fit, the
 *       whole landmark method; each with the median wall and thread CPU time (OpenCV runs on the calling thread,
 *       so thread CPU is the whole work and does not depend on the load);</li>
 *   <li>dlib itself (Debian's libdlib-dev: HOG detector + shape predictor, C++ -O2, one thread), built by the suite
 *       from {@code dlib_speed.cpp}; left out with the reason when g++ or dlib is missing;</li>
 *   <li>throughput: 96 photos of 640 x 640 (astronaut and Grace Hopper, scaled, shifted and mirrored, JPEG q 0.9)
 *       decoded, detected and fitted in one pool of one thread per core, as {@code reconstruct DIR} does less its
 *       output files; photos per second on the cores and on one thread;</li>
 *   <li>{@code face3d reconstruct DIR} of those 96 photos in a new JVM, wall from start to exit with every output
 *       ({@link CommandRun}), as the README's throughput figure;</li>
 *   <li>MediaPipe detection + FaceMesh on a 512 x 512 photo (examples/astronaut.png), one thread;</li>
 *   <li>agreement: the largest landmark difference between tiles-when-needed and tiles-always on every photo.</li>
 * </ul>
 * {@code size} is the number of timed runs per stage (default 15, after 5 warm-up runs).
 */
public final class SpeedBenchSuite extends AbstractBenchSuite {
    private static final int WARM_UP = 5;
    private static final int BATCH = 96;
    /** A 512 x 512 photo with one face (the "512 px" latency row). */
    private static final String SMALL_PHOTO = "examples/astronaut.png";
    private static final String SMALL_STAGE = "MediaPipe detection + FaceMesh + 68, 512 x 512 photo (astronaut.png)";

    public SpeedBenchSuite() {
        super("speed", "per-stage medians (wall, thread CPU) and batch throughput of face3d beside dlib's C++, side by side");
    }

    @Override
    public Result run(Context context) {
        int runs = context.sizeOr(15);
        Path dir = context.outDir().resolve("speed");
        Photos photos = Photos.write(dir);
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(1));
        ModelAssets assets = ModelAssets.defaults();
        LandmarkDetector mediapipe = face3d.landmarkDetector("mediapipe");
        LandmarkDetector tilesAlways = new MediaPipeLandmarkDetector(MediaPipeConfig.defaults(assets)
            .withTilesAlways(true));
        LandmarkDetector dlibPath = face3d.landmarkDetector("dlib");
        Reconstructor reconstructor = face3d.reconstructor(ReconstructConfig.defaults());
        RgbImage big = Images.read(photos.bigPng());
        List<FaceLandmarks> bigFaces = mediapipe.detect(big);
        if (bigFaces.isEmpty()) {
            throw new IllegalStateException("no face in the benchmark photo: it would time nothing");
        }
        byte[] pngBytes = bytes(photos.bigPng()), jpgBytes = bytes(photos.bigJpg());
        RgbImage small = Images.read(Path.of(System.getProperty("face3d.repo", ".")).resolve(SMALL_PHOTO));

        Map<String, Supplier<Object>> stages = new LinkedHashMap<>();
        stages.put("decode PNG, ImageIO (face3d before)", () -> Images.readWithImageIO(photos.bigPng()));
        stages.put("decode PNG, OpenCV imdecode (libpng)", () -> imdecode(pngBytes));
        stages.put("decode PNG, face3d (checks + imdecode)", () -> Images.read(photos.bigPng()));
        stages.put("decode JPEG, ImageIO (face3d before)", () -> Images.readWithImageIO(photos.bigJpg()));
        stages.put("decode JPEG, OpenCV imdecode (libjpeg-turbo)", () -> imdecode(jpgBytes));
        stages.put("decode JPEG, face3d (checks + imdecode)", () -> Images.read(photos.bigJpg()));
        stages.put("MediaPipe detection + FaceMesh + 68 (face3d default)", () -> mediapipe.detect(big));
        stages.put("MediaPipe detection + FaceMesh, tiles always (before)", () -> tilesAlways.detect(big));
        stages.put(SMALL_STAGE, () -> mediapipe.detect(small));
        stages.put("dlib path: MediaPipe boxes + dlib shape predictor port", () -> dlibPath.detect(big));
        stages.put("landmark fit (perspective, focal estimated)",
            () -> reconstructor.fitLandmarks(big, bigFaces.get(0).points()));
        stages.put("whole landmark method: decode PNG + detect + fit", () -> reconstructor.reconstruct(
            Images.read(photos.bigPng())));
        context.progress().accept("speed: 2 MP latency, " + runs + " interleaved runs of " + stages.size()
            + " stages");
        Map<String, double[][]> latency = interleaved(stages, runs);

        context.progress().accept("speed: dlib (C++) peer");
        DlibPeer.Outcome dlib = DlibPeer.run(dir, assets.dlibShapePredictor(), photos, runs);

        context.progress().accept("speed: batch throughput, " + BATCH + " photos");
        int cores = Runtime.getRuntime().availableProcessors();
        double[] perSecondCores = new double[3], perSecondOne = new double[3];
        throughput(reconstructor, photos.batch(), cores); // warm-up of every thread's networks
        for (int r = 0; r < perSecondCores.length; r++) {
            perSecondCores[r] = throughput(reconstructor, photos.batch(), cores);
            perSecondOne[r] = throughput(reconstructor, photos.batch(), 1);
        }

        context.progress().accept("speed: `face3d reconstruct DIR` of the " + BATCH + " photos, as a user runs it");
        CommandRun command = CommandRun.reconstructDir(photos.batch().get(0).getParent(), dir.resolve("reconstruct"));

        context.progress().accept("speed: landmark agreement of the tile settings");
        double[] agreement = landmarkDifference(mediapipe, tilesAlways, big, photos.batch());

        return new Result(report(photos, runs, latency, dlib, cores, perSecondCores, perSecondOne, command,
            agreement));
    }

    private static String report(Photos photos, int runs, Map<String, double[][]> latency, DlibPeer.Outcome dlib,
                                 int cores, double[] perSecondCores, double[] perSecondOne, CommandRun command,
                                 double[] agreement) {
        StringBuilder md = new StringBuilder("## Speed, side by side (`face3d bench speed`)\n\n");
        md.append(String.format(Locale.ROOT, "2-megapixel photo (1632 x 1224, one face); %d warm-up then %d timed "
                + "runs per stage, the stages interleaved run by run; one thread (OpenCV on the calling thread); %d "
                + "processors, load average %.1f at the end (figures on a shared machine are under its load; the "
                + "ratios and the thread CPU times are the comparable numbers).%n%n", WARM_UP, runs, cores,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        md.append("| stage | median wall ms | median thread CPU ms | CPU ratio to the first row of its group |\n")
            .append("|---|---|---|---|\n");
        String[] groupFirst = {"decode PNG, ImageIO (face3d before)", "decode JPEG, ImageIO (face3d before)",
            "MediaPipe detection + FaceMesh + 68 (face3d default)"};
        double reference = Double.NaN;
        for (Map.Entry<String, double[][]> e : latency.entrySet()) {
            double cpu = median(e.getValue()[1]);
            if (Arrays.asList(groupFirst).contains(e.getKey())) {
                reference = cpu;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", e.getKey(),
                median(e.getValue()[0]), cpu, cpu / reference));
        }
        md.append("\n### dlib (C++, Debian libdlib-dev, -O2, one thread)\n\n");
        if (dlib.skipped() != null) {
            md.append("Not run: ").append(dlib.skipped()).append("\n");
        } else {
            double[][] mp = latency.get("MediaPipe detection + FaceMesh + 68 (face3d default)");
            double[][] dp = latency.get("dlib path: MediaPipe boxes + dlib shape predictor port");
            md.append("| photo | dlib decode ms | dlib HOG detect ms | dlib 68 points ms | dlib thread CPU ms, "
                + "detect + 68 | faces |\n|---|---|---|---|---|---|\n");
            for (Map.Entry<String, double[][]> e : dlib.medians().entrySet()) {
                double[] m = e.getValue()[0];
                md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.0f |%n", e.getKey(), m[0],
                    m[1], m[2], m[3], m[4]));
            }
            double[] big = dlib.medians().get("2 MP PNG")[0];
            md.append(String.format(Locale.ROOT, "%nOn the 2 MP photo, thread CPU of detection + landmarks: dlib "
                    + "(HOG + shape predictor) %.1f ms; face3d MediaPipe %.1f ms (dlib / face3d = %.2f); face3d dlib "
                    + "path %.1f ms (dlib / face3d = %.2f).%n", big[3], median(mp[1]), big[3] / median(mp[1]),
                median(dp[1]), big[3] / median(dp[1])));
        }
        md.append(String.format(Locale.ROOT, "%n### Throughput: %d photos of 640 x 640 (JPEG)%n%n"
                + "Decode + detect + FaceMesh + fit per photo in one pool (no output files; `reconstruct DIR` adds "
                + "the meshes, overlay PNG and JSON), 3 rounds after a warm-up round, median: **%.1f photos/s on %d "
                + "threads**, %.1f photos/s on 1 thread (ratio %.2f).%n", BATCH, median(perSecondCores), cores,
            median(perSecondOne), median(perSecondCores) / median(perSecondOne)));
        md.append(String.format(Locale.ROOT, "%n### `face3d reconstruct DIR` of the %d photos, as a user runs it%n%n",
            BATCH));
        md.append(command.report());
        md.append(String.format(Locale.ROOT, "%n### Agreement%n%nLandmarks of tiles when needed (default) against "
                + "tiles always, over the 2 MP photo and the %d photos, in %% of the inter-ocular distance (outer eye "
                + "corners): mean %.3f, largest %.3f; photos whose landmarks differ at all: %.0f of %d.%n", BATCH,
            agreement[0], agreement[1], agreement[2], BATCH + 1));
        md.append("\nPhotos: ").append(photos.dir()).append(" (made by the suite, deterministic).\n");
        return md.toString();
    }

    /** {wall ms, thread CPU ms} per run of each stage; stage order rotates every run, warm-up first. */
    static Map<String, double[][]> interleaved(Map<String, Supplier<Object>> stages, int runs) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<String> names = new ArrayList<>(stages.keySet());
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, new double[][] {new double[runs], new double[runs]});
        }
        for (int r = -WARM_UP; r < runs; r++) {
            for (int k = 0; k < names.size(); k++) {
                String n = names.get(Math.floorMod(k + r, names.size()));
                long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                stages.get(n).get();
                long t1 = System.nanoTime(), c1 = mx.getCurrentThreadCpuTime();
                if (r >= 0) {
                    out.get(n)[0][r] = (t1 - t0) / 1e6;
                    out.get(n)[1][r] = (c1 - c0) / 1e6;
                }
            }
        }
        return out;
    }

    /** Photos per second of decode + reconstruct over {@code photos} on a pool of {@code threads}. */
    private static double throughput(Reconstructor reconstructor, List<Path> photos, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<Integer>> jobs = new ArrayList<>();
            for (Path p : photos) {
                jobs.add(pool.submit(() -> reconstructor.reconstruct(Images.read(p)).faces().size()));
            }
            for (Future<Integer> j : jobs) {
                if (j.get() == 0) {
                    throw new IllegalStateException("a batch photo gave no face");
                }
            }
            return photos.size() / ((System.nanoTime() - t0) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {mean, max} landmark distance in % of the inter-ocular distance, and the count of photos that differ. */
    private static double[] landmarkDifference(LandmarkDetector a, LandmarkDetector b, RgbImage big,
                                               List<Path> batch) {
        List<RgbImage> all = new ArrayList<>(List.of(big));
        for (Path p : batch) {
            all.add(Images.read(p));
        }
        double max = 0, sum = 0;
        int n = 0, differ = 0;
        for (RgbImage img : all) {
            List<FaceLandmarks> fa = a.detect(img), fb = b.detect(img);
            if (fa.size() != fb.size()) {
                return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, all.size()};
            }
            boolean same = true;
            for (int k = 0; k < fa.size(); k++) {
                double[] pa = fa.get(k).points(), pb = fb.get(k).points();
                double iod = Math.hypot(pb[2 * 45] - pb[2 * 36], pb[2 * 45 + 1] - pb[2 * 36 + 1]);
                for (int i = 0; i < pa.length; i += 2) {
                    double d = 100 * Math.hypot(pa[i] - pb[i], pa[i + 1] - pb[i + 1]) / iod;
                    max = Math.max(max, d);
                    sum += d;
                    n++;
                    same &= d == 0;
                }
            }
            differ += same ? 0 : 1;
        }
        return new double[] {sum / Math.max(1, n), max, differ};
    }

    private static Mat imdecode(byte[] file) {
        try (BytePointer p = new BytePointer(file); Mat buf = new Mat(1, file.length,
            org.bytedeco.opencv.global.opencv_core.CV_8U, p)) {
            Mat m = opencv_imgcodecs.imdecode(buf, opencv_imgcodecs.IMREAD_COLOR);
            if (m.empty()) {
                throw new IllegalStateException("OpenCV could not decode the benchmark photo");
            }
            m.close();
            return m;
        }
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** The suite's photos on disk; made from the repository's two photos, the same every run. */
    record Photos(Path dir, Path bigPng, Path bigJpg, List<Path> batch) {
        static Photos write(Path dir) {
            Path repo = Path.of(System.getProperty("face3d.repo", "."));
            BufferedImage astronaut = Images.toBufferedImage(Images.read(repo.resolve("examples/astronaut.png")));
            BufferedImage hopper = Images.toBufferedImage(Images.read(
                repo.resolve("face3d-vision/src/test/resources/dlib/grace_hopper.jpg")));
            try {
                Files.createDirectories(dir.resolve("batch"));
                BufferedImage big = new BufferedImage(1632, 1224, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = big.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.drawImage(astronaut, 0, 0, 1632, 1224, null);
                g.dispose();
                Path png = dir.resolve("photo-2mp.png"), jpg = dir.resolve("photo-2mp.jpg");
                Images.writePng(big, png);
                jpeg(big, jpg);
                List<Path> batch = new ArrayList<>();
                int[] sizes = {640, 704, 768, 832};
                int[][] shifts = {{0, 0}, {40, 20}, {-30, 50}, {60, -40}, {-50, -20}, {20, 60}};
                for (BufferedImage src : List.of(astronaut, hopper)) {
                    for (int size : sizes) {
                        for (boolean mirror : new boolean[] {false, true}) {
                            for (int[] shift : shifts) {
                                Path p = dir.resolve("batch").resolve(String.format(Locale.ROOT, "p%03d.jpg",
                                    batch.size()));
                                jpeg(placed(src, size, mirror, shift), p);
                                batch.add(p);
                            }
                        }
                    }
                }
                return new Photos(dir, png, jpg, batch);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code src} scaled so its long side is {@code size}, mirrored or not, shifted, on a grey 640 x 640. */
        private static BufferedImage placed(BufferedImage src, int size, boolean mirror, int[] shift) {
            BufferedImage out = new BufferedImage(640, 640, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setColor(new Color(128, 128, 128));
            g.fillRect(0, 0, 640, 640);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            double s = (double) size / Math.max(src.getWidth(), src.getHeight());
            int w = (int) Math.round(src.getWidth() * s), h = (int) Math.round(src.getHeight() * s);
            int x = (640 - w) / 2 + shift[0], y = (640 - h) / 2 + shift[1];
            if (mirror) {
                g.drawImage(src, x + w, y, -w, h, null);
            } else {
                g.drawImage(src, x, y, w, h, null);
            }
            g.dispose();
            return out;
        }

        private static void jpeg(BufferedImage img, Path file) throws IOException {
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.9f);
            try (var out = ImageIO.createImageOutputStream(file.toFile())) {
                w.setOutput(out);
                w.write(null, new IIOImage(img, null, null), p);
            } finally {
                w.dispose();
            }
        }
    }
}
