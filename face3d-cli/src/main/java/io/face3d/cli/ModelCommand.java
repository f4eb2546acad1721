package io.face3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.api.Face3d;
import io.face3d.core.model.MirrorMap;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "model", mixinStandardHelpOptions = true, description = "Describe the morphable model.",
    subcommands = ModelCommand.Info.class)
final class ModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("face3d: model needs a subcommand: face3d model info [--json]");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
        description = "Vertex count, identity modes, expression names, landmark vertices, regions, mirror symmetry "
            + "and source folder of the morphable model.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            MorphableModel model = Face3d.create(Face3d.Config.defaults()).model();
            ObjectNode info = describe(model);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(info));
            } else {
                printText(model, info, out);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    static ObjectNode describe(MorphableModel model) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("model", model.name());
        o.put("source", model.source().toString());
        o.put("units", "mm");
        o.put("vertex_count", model.vertexCount());
        o.put("triangle_count", model.triangleCount(Region.HEAD));
        o.put("identity_modes", model.identityCount());
        o.put("expression_count", model.expressionCount());
        ArrayNode names = o.putArray("expression_names");
        model.expressionNames().forEach(names::add);
        ArrayNode lm = o.putArray("landmarks_ibug68");
        Arrays.stream(model.landmarks68()).forEach(lm::add);
        ObjectNode regions = o.putObject("regions");
        for (Region r : Region.values()) {
            ObjectNode rn = regions.putObject(r.name().toLowerCase(Locale.ROOT));
            rn.put("vertices", model.vertexCount(r));
            rn.put("triangles", model.triangleCount(r));
        }
        MirrorMap m = model.mirrorMap();
        ObjectNode mirror = o.putObject("mirror");
        mirror.put("midline_vertices", m.selfCount());
        mirror.put("paired_vertices", m.size() - m.selfCount() - m.unpairedCount());
        mirror.put("unpaired_vertices", m.unpairedCount());
        mirror.put("nearest_neighbour_involution_failures", m.involutionFailures());
        mirror.put("max_residual_mm", m.maxResidual());
        return o;
    }

    private static void printText(MorphableModel model, ObjectNode info, PrintWriter out) {
        out.printf("model            %s%n", model.name());
        out.printf("source           %s%n", model.source());
        out.printf("vertices         %d (whole head), triangles %d, units mm%n", model.vertexCount(),
            model.triangleCount(Region.HEAD));
        for (Region r : Region.values()) {
            out.printf("region %-9s %d vertices, %d triangles%n", r.name().toLowerCase(Locale.ROOT),
                model.vertexCount(r), model.triangleCount(r));
        }
        out.printf("identity modes   %d%n", model.identityCount());
        out.printf("expressions      %d: %s%n", model.expressionCount(), String.join(" ", model.expressionNames()));
        out.printf("landmarks (68)   %s%n", Arrays.toString(model.landmarks68()));
        ObjectNode m = (ObjectNode) info.get("mirror");
        out.printf("mirror map       %d midline, %d paired, %d unpaired vertices; max residual %.4f mm "
                + "(%d nearest-neighbour involution failures resolved as ties)%n",
            m.get("midline_vertices").asInt(), m.get("paired_vertices").asInt(), m.get("unpaired_vertices").asInt(),
            m.get("max_residual_mm").asDouble(), m.get("nearest_neighbour_involution_failures").asInt());
    }
}
