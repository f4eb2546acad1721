package io.face3d.core.testing;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;

/** The ICT model for tests, loaded once per JVM (installed copy, else ../shared beside the repository). */
public final class TestModel {
    private static MorphableModel model;

    private TestModel() {
    }

    public static synchronized MorphableModel get() {
        if (model == null) {
            model = MorphableModel.load(ModelAssets.defaults().locateIct());
        }
        return model;
    }
}
