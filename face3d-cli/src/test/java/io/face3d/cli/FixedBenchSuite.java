package io.face3d.cli;

import io.face3d.core.bench.BenchSuite;

/** A test-only suite that echoes its context, so the bench command is tested without running a real suite. */
public final class FixedBenchSuite implements BenchSuite {
    @Override
    public String name() {
        return "cli-test";
    }

    @Override
    public String description() {
        return "echoes seed and size (tests only)";
    }

    @Override
    public Result run(Context context) {
        context.progress().accept("cli-test running");
        return new Result("## cli-test\n\nseed " + context.seed() + " size " + context.size() + "\n");
    }
}
