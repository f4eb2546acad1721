package io.face3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;
import io.face3d.learn.Lifted;
import io.face3d.api.Face3d;
import io.face3d.api.ModelLifter;
import io.face3d.learn.Lifter;
import io.face3d.learn.Lifters;
import io.face3d.learn.LiftWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.face3d.core.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "lift", mixinStandardHelpOptions = true,
    description = {"2D landmarks to 3D landmarks: schema L in, schema L with points3d out.",
        "points3d are (x, y, z) in pixels: x, y the input's, z the recovered depth with the scale of x and y, "
            + "smaller = closer to the camera, 0 at the landmarks' mean (points3d_units \"px\")."})
final class LiftCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "LANDMARKS.json", description = "Schema-L files (faces[].points, 68 each).")
    List<Path> inputs;

    @Option(names = "--method", defaultValue = "mds",
        description = "mds (learned distances + non-metric MDS), regress (depth regression) or model (landmark fit); default ${DEFAULT-VALUE}.")
    String method;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
        description = "Output file for one input, or a folder for several (NAME.lift.json each; bad inputs are reported and the others written); default: standard output for one input.")
    Path out;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--weights", paramLabel = "DIR", description = "Networks written by 'face3d train lift -o DIR' instead of the shipped ones.")
    Path weights;

    @Override
    public Integer call() {
        InputFiles.requireOutput(out, "-o");
        Lifter model = "model".equals(method)
            ? new ModelLifter(Face3d.create(Face3d.Config.defaults()), ModelLifter.defaultConfig()) : null;
        Lifter lifter = Lifters.byName(method, "model".equals(method) ? null : weights == null ? LiftWeights.shipped()
            : LiftWeights.read(weights), model);
        List<Path> files = Batch.outputNames(inputs, LiftCommand::outputName).stream().map(Batch.Named::input).toList();
        boolean many = files.size() > 1;
        if (many && (out == null || (Files.exists(out) && !Files.isDirectory(out)))) {
            throw new Face3dException("several inputs need -o FOLDER for the outputs");
        }
        if (out != null && !many && !Files.isDirectory(out)) {
            requireWritableParent(out);
        }
        if (out == null) {
            // one input to standard output: nothing is printed unless it lifted
            ObjectNode root = lift(lifter, files.get(0));
            spec.commandLine().getOut().println(text(root));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        Path dir = many || Files.isDirectory(out) ? out : null;
        if (dir != null) {
            Batch.requireNotInput(files, in -> dir.resolve(outputName(in)));
            Batch.cleanStale(dir);
        } else {
            Batch.requireNotInput(files, in -> out);
            Batch.cleanStale(out.toAbsolutePath().getParent());
        }
        return Batch.run(spec.commandLine().getErr(), "lift", files, 1, // lifters keep per-call state: one at a time
            (i, in) -> {
                ObjectNode root = lift(lifter, in);
                AtomicFiles.writeString(dir != null ? dir.resolve(outputName(in)) : out, text(root) + "\n");
                return "lifted";
            }, dir != null ? dir.toString() : null);
    }

    /** NAME.json -> NAME.lift.json. */
    private static String outputName(Path in) {
        return in.getFileName().toString().replaceFirst("(?i)\\.json$", "") + ".lift.json";
    }

    /** -o a/b.json where a is a file: say so before lifting, in the user's terms. */
    private static void requireWritableParent(Path file) {
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new Face3dException("cannot write " + file + ": " + p + " is a file, not a folder: give another -o");
            }
        }
    }

    private ObjectNode lift(Lifter lifter, Path in) {
        SchemaLReader.Document doc = SchemaLReader.read(in);
        ObjectNode root = doc.root().deepCopy();
        ArrayNode faces = (ArrayNode) root.get("faces");
        for (int f = 0; f < doc.points().length; f++) {
            Lifted l = lifter.lift(doc.points()[f]);
            ObjectNode face = (ObjectNode) faces.get(f);
            ArrayNode p3 = face.putArray("points3d");
            double[] p = l.points3d();
            for (int i = 0; i < p.length / 3; i++) {
                p3.addArray().add(round(p[3 * i])).add(round(p[3 * i + 1])).add(round(p[3 * i + 2]));
            }
            face.put("points3d_units", "px");
            face.put("points3d_method", lifter.name());
        }
        return root;
    }

    private static String text(ObjectNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
