package io.face3d.bench;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.render.Rasterizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Time of one rasterisation (projection, z-buffer, triangle ids, barycentrics, vertex visibility) of the ICT face
 * filling a square face crop of {@code size} pixels, one thread. Sample mode, so JMH reports the median (p0.50).
 * Run: {@code java -cp ... org.openjdk.jmh.Main RasterizerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RasterizerBenchmark {
    @Param({"224", "512"})
    public int size;

    @Param({"FACE", "HEAD"})
    public Region region;

    @Param({"PERSPECTIVE"})
    public Pose.Camera camera;

    private float[] positions;
    private int[] triangles;
    private Rasterizer rasterizer;
    private Pose pose;

    @Setup
    public void setUp() {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        positions = model.evaluate(null, null, region);
        triangles = model.triangles(region);
        rasterizer = new Rasterizer(size, size);
        double[] r = Rotation.fromEulerDegrees(25, 5, -5);
        // the full face area (~190 mm wide) fills the crop
        double scale = size / 200.0;
        pose = camera == Pose.Camera.SOP ? Pose.sop(r, scale, size / 2.0, size / 2.0)
            : Pose.perspective(r, 0, -10, -700, scale * 700, size / 2.0, size / 2.0);
    }

    @Benchmark
    public boolean[] rasterise() {
        rasterizer.render(positions, positions.length / 3, triangles, triangles.length / 3, pose);
        return rasterizer.visibility();
    }
}
