package io.face3d.core.bench;

/** A suite whose name and one-line description are given once, to the constructor; the suite writes {@link #run}. */
public abstract class AbstractBenchSuite implements BenchSuite {
    private final String name;
    private final String description;

    protected AbstractBenchSuite(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }
}
