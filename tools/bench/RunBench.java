import io.face3d.core.bench.BenchSuite;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Runs one {@link BenchSuite} by name and prints its Markdown, until {@code face3d bench} is available.
 * From the repository root:
 * <pre>
 * mvn -B -q -o -pl face3d-vision -am compile
 * mvn -B -q -o -pl face3d-vision dependency:build-classpath -Dmdep.outputFile=/tmp/vision.cp
 * java -cp face3d-vision/target/classes:face3d-core/target/classes:$(cat /tmp/vision.cp) tools/bench/RunBench.java mediapipe 200
 * </pre>
 */
public class RunBench {
    public static void main(String[] args) {
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        for (BenchSuite s : ServiceLoader.load(BenchSuite.class)) {
            if (s.name().equals(args[0])) {
                System.out.println(s.run(new BenchSuite.Context(Path.of("."), 1, size, System.err::println)).markdown());
                return;
            }
        }
        System.err.println("no bench suite named " + args[0]);
        System.exit(2);
    }
}
