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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        description = "Output file for one input, or a folder for several (NAME.lift.json each); default: standard output for one input.")
    Path out;

    @Option(names = "--weights", paramLabel = "DIR", description = "Networks written by 'face3d train lift -o DIR' instead of the shipped ones.")
    Path weights;

    @Override
    public Integer call() throws IOException {
        Lifter model = "model".equals(method)
            ? new ModelLifter(Face3d.create(Face3d.Config.defaults()), ModelLifter.defaultConfig()) : null;
        Lifter lifter = Lifters.byName(method, "model".equals(method) ? null : weights == null ? LiftWeights.shipped()
            : LiftWeights.read(weights), model);
        if (inputs.size() > 1 && (out == null || (Files.exists(out) && !Files.isDirectory(out)))) {
            throw new Face3dException("several inputs need -o FOLDER for the outputs");
        }
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> results = new ArrayList<>();
        for (Path in : inputs) {
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
            results.add(root);
        }
        // write only once every input has been lifted (nothing is written on failure)
        try {
            if (out == null) {
                spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(results.get(0)));
                spec.commandLine().getOut().flush();
            } else if (inputs.size() == 1 && !Files.isDirectory(out)) {
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results.get(0));
            } else {
                Files.createDirectories(out);
                for (int k = 0; k < inputs.size(); k++) {
                    String name = inputs.get(k).getFileName().toString().replaceFirst("\\.json$", "") + ".lift.json";
                    json.writerWithDefaultPrettyPrinter().writeValue(out.resolve(name).toFile(), results.get(k));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return ExitCodes.OK;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
