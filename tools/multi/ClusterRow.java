import io.face3d.api.bench.MultiBenchSuite;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.NoiseModel;

/**
 * One row of the clustering table of {@code face3d bench multi}, without running the whole suite:
 * {@code java -cp face3d-cli/target/face3d.jar tools/multi/ClusterRow.java NOISE SEED PEOPLE MIN_PHOTOS MAX_PHOTOS}
 * (NOISE: clean or dlib). Prints the Markdown row; progress on stderr.
 */
public class ClusterRow {
    public static void main(String[] a) {
        MorphableModel m = MorphableModel.load(ModelAssets.defaults().locateIct());
        System.out.print(MultiBenchSuite.clusteringRow(m, NoiseModel.named(a[0]), Long.parseLong(a[1]),
            Integer.parseInt(a[2]), Integer.parseInt(a[3]), Integer.parseInt(a[4]), System.err::println));
    }
}
