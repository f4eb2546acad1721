package io.face3d.core.assets;

import io.face3d.core.Face3dException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code face3d setup}: installs every {@link AssetSource} into {@code $FACE3D_HOME/models}, then writes the marker
 * {@code models/SETUP_OK} when all of them succeeded. Every source is attempted even if an earlier one fails, so one
 * run reports every problem; the marker is removed when any required source fails. An optional source (dlib) that
 * fails is a note with the way to add it: the default commands do not need it.
 */
public final class AssetInstaller {
    private final ModelAssets assets;
    private final List<AssetSource> sources;

    public AssetInstaller(ModelAssets assets, List<AssetSource> sources) {
        this.assets = assets;
        this.sources = List.copyOf(sources);
    }

    /**
     * The sources of CONVENTIONS.md: ICT (FACE3D_ICT_DIR or the shared copy), MediaPipe via npm, dlib; the web viewer
     * and the glTF validator the tests use (optional) via npm.
     */
    public static AssetInstaller defaults(ModelAssets assets) {
        return new AssetInstaller(assets, List.of(IctAssetSource.fromEnvironment(), new MediaPipeAssetSource(),
            new DlibAssetSource(), new WebViewerAssetSource(), new GltfValidatorAssetSource()));
    }

    /**
     * The outcome: one line per problem (user-fixable, each naming the fix); empty means every asset is verified.
     */
    public record Result(List<String> problems, List<String> notes) {
        public Result {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Runs every source, reporting one line per file to {@code report}. */
    public Result run(Consumer<String> report) {
        Path models = assets.modelsDir().toAbsolutePath();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (AssetSource s : sources) {
            try {
                s.install(models, report);
            } catch (Face3dException e) {
                (s.optional() ? notes : problems).add(s.name() + (s.optional() ? " (optional): " : ": ")
                    + e.getMessage());
            }
        }
        Path marker = assets.setupMarker();
        if (problems.isEmpty()) {
            AssetFiles.writeText(marker, "face3d setup verified every model asset at " + Instant.now() + "\n");
        } else {
            try {
                Files.deleteIfExists(marker);
            } catch (java.io.IOException e) {
                problems.add("cannot remove " + marker + " (" + e + "): delete it by hand");
            }
        }
        return new Result(problems, notes);
    }
}
