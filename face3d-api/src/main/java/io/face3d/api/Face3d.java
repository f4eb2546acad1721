package io.face3d.api;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The one entry point for Java users: built from a {@link Config}, it gives the morphable model and (as the
 * stages land) the detectors, fitters, evaluators and clinical measures. The command line is a thin layer over
 * this class. Thread-safe; create one and share it (the model is loaded once, lazily).
 *
 * <pre>{@code
 * Face3d face3d = Face3d.create(Face3d.Config.defaults());
 * MorphableModel model = face3d.model();
 * float[] face = model.evaluate(null, null, Region.FACE);
 * }</pre>
 */
public final class Face3d {
    private final Config config;
    private volatile MorphableModel model;

    private Face3d(Config config) {
        this.config = config;
    }

    public static Face3d create(Config config) {
        return new Face3d(Objects.requireNonNull(config, "config"));
    }

    public Config config() {
        return config;
    }

    /** The morphable model, loaded on first use. */
    public MorphableModel model() {
        MorphableModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    Path dir = config.modelDir() != null ? config.modelDir() : config.assets().locateIct();
                    model = m = MorphableModel.load(dir);
                }
            }
        }
        return m;
    }

    /**
     * Settings of a {@link Face3d}; validated on construction.
     *
     * @param assets   where model assets live ({@code $FACE3D_HOME/models})
     * @param modelDir an explicit compact ICT model folder, or null to locate it through {@code assets}
     * @param threads  worker threads for batches of images or faces (at least 1)
     */
    public record Config(ModelAssets assets, Path modelDir, int threads) {
        public Config {
            Objects.requireNonNull(assets, "assets");
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }

        public static Config defaults() {
            return new Config(ModelAssets.defaults(), null, Runtime.getRuntime().availableProcessors());
        }

        public Config withModelDir(Path dir) {
            return new Config(assets, dir, threads);
        }

        public Config withThreads(int n) {
            return new Config(assets, modelDir, n);
        }
    }
}
