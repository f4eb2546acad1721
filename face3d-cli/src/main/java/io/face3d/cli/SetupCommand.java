package io.face3d.cli;

import io.face3d.core.assets.AssetInstaller;
import io.face3d.core.assets.ModelAssets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "setup", mixinStandardHelpOptions = true,
    description = {"Find or fetch every model asset into $FACE3D_HOME/models (default ~/.face3d/models), verify "
        + "pinned sha256 checksums and print where each came from. Idempotent; safe to interrupt and rerun.",
        "ICT face model: from FACE3D_ICT_DIR (an ICT-FaceKit checkout) if set, else ../shared/models/ict-face-light.",
        "MediaPipe: npm pack of @mediapipe/face_mesh and @mediapipe/face_detection (needs npm).",
        "dlib (optional, only for --detector dlib): /usr/share/dlib/shape_predictor_68_face_landmarks.dat "
            + "(apt-get install -y libdlib-data)."})
final class SetupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelAssets assets = ModelAssets.defaults();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("face3d setup: model assets in " + assets.modelsDir().toAbsolutePath());
        AssetInstaller.Result r = AssetInstaller.defaults(assets).run(line -> {
            out.println("  " + line);
            out.flush();
        });
        r.notes().forEach(n -> out.println("  note: " + n));
        if (r.ok()) {
            out.println("face3d setup: every asset verified (" + assets.setupMarker() + ")");
            return ExitCodes.OK;
        }
        r.problems().forEach(p -> err.println("face3d: error: " + p));
        return ExitCodes.BAD_INPUT;
    }
}
