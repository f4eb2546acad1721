package io.face3d.cli;

import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;
import io.face3d.vision.LandmarkDetectors;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code face3d landmarks IMAGE...}: schema L for each image. Several images: one bad image (not an image,
 * truncated, too large) is reported on stderr and skipped, the others are processed and written (the output is
 * then partial: it holds the good images only), and the exit status is 2 at the end. An image without a face gives
 * an empty {@code faces} list, is reported, and also makes the exit status 2 (the no-face convention of every
 * command).
 */
@Command(name = "landmarks", mixinStandardHelpOptions = true,
    description = {"Face boxes and 68 (+468 with mediapipe) landmarks per face, schema L (CONVENTIONS.md).",
        "Several images: JSON array of schema L documents; bad images are reported, skipped, and make the exit status 2.",
        "No face: \"faces\": [], reported, exit 2 (as every command). Exit status: 0 success, 2 bad input, 1 internal error."})
final class LandmarksCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Photos (" + Images.FORMATS + ").")
    List<Path> images;

    @Option(names = "--detector", defaultValue = "mediapipe", description = "mediapipe (468 + 68) or dlib (68). Default: ${DEFAULT-VALUE}.")
    String detector;

    @Option(names = "--box", paramLabel = "x,y,w,h",
        description = "Skip detection: landmarks in this box (pixels; dlib's left, top, width, height).")
    String boxOption;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.json", description = "Write schema L here (default: stdout).")
    Path output;

    @Option(names = "--overlay", paramLabel = "OUT.png",
        description = "Draw boxes and points on the photo; with several images OUT-<image name>.png each.")
    Path overlay;

    @Option(names = "--min-face", defaultValue = "40", paramLabel = "PX", description = "Smallest face side to find, pixels. Default: ${DEFAULT-VALUE}.")
    int minFace;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        InputFiles.requireOutput(output, "-o");
        detector = DetectorName.check(detector);
        InputFiles.requireOutput(overlay, "--overlay");
        double[] box = boxOption == null ? null : parseBox(boxOption);
        LandmarkDetector det = LandmarkDetectors.create(
            new LandmarkDetectors.Config(detector, ModelAssets.defaults(), 0.5, 0.5, minFace));
        PrintWriter err = spec.commandLine().getErr();
        SchemaL.Document[] written = new SchemaL.Document[images.size()];
        // one at a time: a detector keeps per-call buffers
        Batch.Result result = Batch.runEach(err, images, 1, (i, file) -> {
            RgbImage img = Images.read(file);
            if (box != null) {
                requireBoxOnImage(box, img);
            }
            List<FaceLandmarks> faces = box == null ? det.detect(img)
                : List.of(det.detectInBox(img, new FaceBox(box[0], box[1], box[2], box[3], 1.0, null)));
            written[i] = SchemaL.of(file.toString(), img.width(), img.height(), faces);
            if (overlay != null) {
                Images.writePng(drawOverlay(img, faces), overlayPath(file));
            }
            if (faces.isEmpty()) {
                // the no-face convention of every command (docs/cli-conventions.md): the input failed, exit 2;
                // its record, "faces": [], is still written
                throw new Face3dException("no face found (written with \"faces\": []): give a photo where the "
                    + "face is visible and at least " + minFace + " pixels wide");
            }
            return faces.size() + (faces.size() == 1 ? " face" : " faces");
        });
        List<SchemaL.Document> docs = java.util.Arrays.stream(written).filter(java.util.Objects::nonNull).toList();
        if (!docs.isEmpty()) {
            if (output != null) {
                SchemaL.write(docs, output);
            } else {
                spec.commandLine().getOut().print(SchemaL.toJson(docs));
                spec.commandLine().getOut().flush();
            }
        }
        Batch.summary(err, "landmarks", result, docs.isEmpty() ? null : output != null ? output.toString()
            : "standard output");
        return result.status();
    }

    static double[] parseBox(String text) {
        String[] parts = text.split(",");
        double[] box = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                box[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            box = new double[0];
        }
        if (box.length != 4 || !(box[2] > 0) || !(box[3] > 0) || !Arrays.stream(box).allMatch(Double::isFinite)) {
            throw new Face3dException("--box needs x,y,w,h with positive width and height, e.g. --box 120,80,200,200");
        }
        return box;
    }

    /** A box must overlap the image and be at most a few times its size (dlib's cascade reads pixels around it). */
    private static void requireBoxOnImage(double[] b, RgbImage img) {
        boolean overlaps = b[0] < img.width() && b[1] < img.height() && b[0] + b[2] > 0 && b[1] + b[3] > 0;
        if (!overlaps || b[2] > 4.0 * img.width() || b[3] > 4.0 * img.height()) {
            throw new Face3dException(String.format(java.util.Locale.ROOT, "--box %g,%g,%g,%g does not fit the %d x %d "
                + "image: give a box on the face, in pixels", b[0], b[1], b[2], b[3], img.width(), img.height()));
        }
    }

    private Path overlayPath(Path image) {
        if (images.size() == 1) {
            return overlay;
        }
        String name = overlay.getFileName().toString();
        String stem = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        String img = image.getFileName().toString();
        int dot = img.lastIndexOf('.');
        return overlay.resolveSibling(stem + "-" + (dot > 0 ? img.substring(0, dot) : img) + ".png");
    }

    /** Boxes in yellow, FaceMesh points in small green dots, the 68 iBUG points in red. */
    static BufferedImage drawOverlay(RgbImage image, List<FaceLandmarks> faces) {
        BufferedImage out = Images.toBufferedImage(image);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double unit = Math.max(1, Math.max(image.width(), image.height()) / 500.0);
        g.setStroke(new BasicStroke((float) unit));
        for (FaceLandmarks f : faces) {
            FaceBox b = f.box();
            g.setColor(Color.YELLOW);
            g.draw(new Rectangle2D.Double(b.x(), b.y(), b.width(), b.height()));
            if (f.dense() != null) {
                g.setColor(new Color(0, 220, 0));
                double r = 0.6 * unit;
                for (int i = 0; i < f.dense().length; i += 3) {
                    g.fill(new Ellipse2D.Double(f.dense()[i] - r, f.dense()[i + 1] - r, 2 * r, 2 * r));
                }
            }
            g.setColor(Color.RED);
            double r = 1.5 * unit;
            for (int i = 0; i < f.points().length; i += 2) {
                g.fill(new Ellipse2D.Double(f.points()[i] - r, f.points()[i + 1] - r, 2 * r, 2 * r));
            }
        }
        g.dispose();
        return out;
    }
}
