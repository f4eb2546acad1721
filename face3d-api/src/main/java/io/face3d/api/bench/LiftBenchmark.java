package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.api.ModelLifter;
import io.face3d.core.bench.BenchSuite;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.learn.bench.LiftBenchSuite;

/**
 * {@code face3d bench lift}: face3d-learn's suite with the third method, the model-based lift, which only this
 * module can build (it needs the landmark fitter). The suite is registered here rather than in face3d-learn.
 */
public final class LiftBenchmark implements BenchSuite {
    private final LiftBenchSuite suite = new LiftBenchSuite(
        new ModelLifter(Face3d.create(Face3d.Config.defaults()), FitConfig.defaults()));

    @Override
    public String name() {
        return suite.name();
    }

    @Override
    public String description() {
        return suite.description() + " and the model-based lift";
    }

    @Override
    public Result run(Context context) {
        return suite.run(context);
    }
}
