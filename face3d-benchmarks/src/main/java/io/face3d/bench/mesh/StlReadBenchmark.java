package io.face3d.bench.mesh;

import io.face3d.core.mesh.Mesh;
import io.face3d.core.mesh.MeshIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reading a binary STL of 2 million triangles into an indexed mesh (issue 3: under 3 s). One read per
 * measurement, so the figure includes allocation of the result. The file sits in the OS page cache after setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 9)
@Fork(1)
public class StlReadBenchmark {
    @Param({"closed", "soup"})
    public String layout;

    @Param({"2000000"})
    public int triangles;

    private Path file;

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        file = StlFixtures.write(layout, triangles, Files.createTempFile("face3d-bench-", ".stl"));
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Mesh read() {
        return MeshIO.read(file);
    }
}
