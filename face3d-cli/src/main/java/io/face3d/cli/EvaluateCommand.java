package io.face3d.cli;

import io.face3d.core.mesh.Mesh;
import io.face3d.eval.AlignMode;
import io.face3d.eval.CropSpec;
import io.face3d.eval.EvalConfig;
import io.face3d.eval.MeshEvaluation;
import io.face3d.eval.MeshEvaluator;
import io.face3d.eval.distance.DistanceStats;
import io.face3d.eval.plot.ErrorHeatmap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code face3d evaluate PRED GT}: surface error between a predicted mesh and a ground-truth scan, schema E with
 * {@code --json}, a table otherwise; {@code --heatmap} paints the scan-to-mesh error on the ground truth.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Surface error between two meshes (mm): scan-to-mesh of every GT vertex (NoW), area-sampled "
        + "distances both ways and the symmetric Hausdorff distance (MESH), RMSE. Schema E with --json.",
        "Landmark files: 7 (NoW: eye corners R-outer, R-inner, L-inner, L-outer, nose bottom, mouth corners R, L) "
            + "or 68 (iBUG) points, mm; text 'x y z' per line or JSON [[x, y, z], ...].",
        "NoW protocol: --align icp-scale with both landmark files (crop now is then the default); "
            + "MICC Florence: --crop nose:95."})
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PRED", description = "Predicted mesh (OBJ, PLY or STL).")
    Path pred;

    @Parameters(index = "1", paramLabel = "GT", description = "Ground-truth mesh or scan (OBJ, PLY or STL).")
    Path gt;

    @Option(names = "--align", defaultValue = "icp", paramLabel = "MODE",
        description = "none, procrustes (landmarks, or shared vertex order), icp, icp-scale (default: ${DEFAULT-VALUE}).")
    String align;

    @Option(names = "--crop", paramLabel = "SPEC", description = "none, now (NoW mask from GT landmarks) or nose:R "
        + "(ball of R mm around the GT nose: landmark, else the vertex of largest z; nose:95 = MICC). "
        + "Default: now with landmarks, else none.")
    String crop;

    @Option(names = "--landmarks-pred", paramLabel = "FILE", description = "3D landmarks on PRED (initialise alignment).")
    Path landmarksPred;

    @Option(names = "--landmarks-gt", paramLabel = "FILE", description = "The same landmarks on GT.")
    Path landmarksGt;

    @Option(names = "--json", description = "Print schema E JSON instead of a table.")
    boolean json;

    @Option(names = "--heatmap", paramLabel = "OUT.png", description = "Write the per-vertex error on GT, front and side.")
    Path heatmap;

    @Option(names = "--samples", defaultValue = "100000", paramLabel = "N",
        description = "Points sampled per surface for the MESH distances (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the surface sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    /** About 100 bytes a sample per surface: 10 million fit the default heap of a laptop. */
    static final int MAX_SAMPLES = 10_000_000;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AlignMode mode = AlignMode.parse(align);
        CropSpec cropSpec = crop == null ? null : CropSpec.parse(crop);
        if (samples < 100 || samples > MAX_SAMPLES) {
            throw new io.face3d.core.Face3dException("--samples must be between 100 and " + MAX_SAMPLES + ", got "
                + samples);
        }
        double[] lmPred = landmarksPred == null ? null : LandmarkFiles.read(landmarksPred);
        double[] lmGt = landmarksGt == null ? null : LandmarkFiles.read(landmarksGt);
        Mesh predMesh = io.face3d.core.mesh.MeshIO.read(pred);
        Mesh gtMesh = io.face3d.core.mesh.MeshIO.read(gt);
        EvalConfig base = EvalConfig.defaults(mode);
        EvalConfig config = new EvalConfig(mode, cropSpec, samples, seed, base.icp());
        MeshEvaluation e = new MeshEvaluator(config).evaluate(predMesh, gtMesh, lmPred, lmGt);
        if (heatmap != null) {
            ErrorHeatmap.write(e.evaluatedGt(), e.perVertexError(), 0,
                "scan-to-mesh error: " + pred.getFileName() + " vs " + gt.getFileName() + " (" + e.alignedWith() + ")",
                heatmap);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(SchemaE.write(SchemaE.toJson(e, pred.toString(), gt.toString(),
                heatmap == null ? null : heatmap.toString())));
        } else {
            out.print(table(e));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String table(MeshEvaluation e) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "aligned with %s%s, scale %.5f, rotation %.3f deg%n", e.alignedWith(),
            e.icpIterations() > 0 ? " (" + e.icpIterations() + " ICP steps)" : "", e.transform().scale(),
            e.transform().angleDegrees()));
        if (e.crop() != null) {
            double[] c = e.crop().center();
            s.append(String.format(Locale.ROOT, "crop: ball of %.1f mm around (%.1f, %.1f, %.1f)%n", e.crop().radius(),
                c[0], c[1], c[2]));
        }
        s.append(String.format(Locale.ROOT, "%-26s %9s %9s %9s %9s %9s%n", "distance (mm)", "mean", "rms", "median",
            "max", "points"));
        row(s, "gt vertices -> pred", e.scanToMesh());
        row(s, "pred surface -> gt", e.predToGt());
        row(s, "gt surface -> pred", e.gtToPred());
        s.append(String.format(Locale.ROOT, "hausdorff %.4f mm, rmse %.4f mm, samples %d%n", e.hausdorff(), e.rmse(),
            e.samples()));
        return s.toString();
    }

    private static void row(StringBuilder s, String name, DistanceStats d) {
        s.append(String.format(Locale.ROOT, "%-26s %9.4f %9.4f %9.4f %9.4f %9d%n", name, d.mean(), d.rms(), d.median(),
            d.max(), d.count()));
    }
}
