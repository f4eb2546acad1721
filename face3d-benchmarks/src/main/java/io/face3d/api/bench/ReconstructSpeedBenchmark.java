package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.core.bench.AbstractBenchSuite;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code face3d bench reconstruct}: end-to-end time of the landmark method on a 2-megapixel photo with one face
 * (the example photo scaled to 1632 x 1224 with bicubic interpolation and written as PNG): decode, detect,
 * FaceMesh, fit. After a warm-up of 15 runs (JIT), the median and quartiles of {@code size} runs (default 40),
 * one photo at a time on one thread, so the figure is a latency, not a throughput.
 */
public final class ReconstructSpeedBenchmark extends AbstractBenchSuite {
    private static final int WARM_UP = 15;

    public ReconstructSpeedBenchmark() {
        super("reconstruct", "end-to-end latency of reconstruct (landmark method) on a 2-megapixel photo after warm-up");
    }

    @Override
    public Result run(Context context) {
        Path repo = Path.of(System.getProperty("face3d.repo", "."));
        RgbImage small = Images.read(repo.resolve("examples").resolve("astronaut.png"));
        BufferedImage big = new BufferedImage(1632, 1224, BufferedImage.TYPE_INT_RGB);
        var g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(Images.toBufferedImage(small), 0, 0, 1632, 1224, null);
        g.dispose();
        Path photo = context.outDir().resolve("reconstruct-2mp.png");
        Images.writePng(big, photo);
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(1));
        int runs = context.sizeOr(40);
        double[] total = new double[runs], read = new double[runs], detect = new double[runs], fit = new double[runs];
        int faces = -1;
        for (int i = -WARM_UP; i < runs; i++) {
            long t0 = System.nanoTime();
            RgbImage img = Images.read(photo);
            long t1 = System.nanoTime();
            var found = face3d.landmarkDetector("mediapipe").detect(img);
            long t2 = System.nanoTime();
            // the reconstruct default: perspective camera, focal estimated
            var fitter = face3d.landmarkFitter(Face3d.fitConfigFor("mediapipe")
                .withCamera(io.face3d.core.geom.Pose.Camera.PERSPECTIVE, Double.NaN));
            for (var f : found) {
                fitter.fit(Face3d.observation(f, img));
            }
            long t3 = System.nanoTime();
            faces = found.size();
            if (i >= 0) {
                read[i] = (t1 - t0) / 1e6;
                detect[i] = (t2 - t1) / 1e6;
                fit[i] = (t3 - t2) / 1e6;
                total[i] = (t3 - t0) / 1e6;
            }
            if (i % 10 == 0) {
                context.progress().accept("reconstruct: run " + (i + 1) + "/" + runs);
            }
        }
        StringBuilder md = new StringBuilder("## Reconstruct latency (`face3d bench reconstruct`)\n\n");
        md.append(String.format(Locale.ROOT, "1632 x 1224 PNG (2.0 MP, %d face), landmark method, one thread, "
            + "%d warm-up runs then %d timed runs; %d processors.%n%n", faces, WARM_UP, runs,
            Runtime.getRuntime().availableProcessors()));
        md.append("| stage | median ms | 25% | 75% |\n|---|---|---|---|\n");
        row(md, "decode PNG", read);
        row(md, "detect + FaceMesh + 68", detect);
        row(md, "fit", fit);
        row(md, "total", total);
        return new Result(md.toString());
    }

    private static void row(StringBuilder md, String name, double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name, quantile(s, 0.5), quantile(s, 0.25),
            quantile(s, 0.75)));
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
