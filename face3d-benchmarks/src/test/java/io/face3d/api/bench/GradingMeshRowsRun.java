package io.face3d.api.bench;

import io.face3d.clinic.Assessment;
import io.face3d.clinic.Assessor;
import io.face3d.clinic.Movement;
import io.face3d.clinic.synthetic.SyntheticPatient;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * Not a test: the mesh rows of {@code bench assess}'s grading table alone (the same draws and checks as
 * {@link GradingRows}, without the photo rows, which take most of a run), on demand:
 * {@code mvn -B -o -q -pl face3d-benchmarks -am test -Dtest=GradingMeshRowsRun -Dsurefire.failIfNoSpecifiedTests=false
 * -Dclinic.grading.out=FILE -Dclinic.grading.seeds=51,52}.
 */
@EnabledIfSystemProperty(named = "clinic.grading.out", matches = ".+")
class GradingMeshRowsRun {
    private static final Movement[] SIDED = {Movement.SMILE, Movement.BROW, Movement.EYES_CLOSED, Movement.EEE,
        Movement.SNARL, Movement.EYES_CLOSED_TIGHT};

    @Test
    void meshRows() throws IOException {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        StringBuilder out = new StringBuilder("seed, weaker side right per movement " + Arrays.toString(SIDED)
            + ", normal at f = 1, monotone in f (of 48)\n");
        for (String s : System.getProperty("clinic.grading.seeds", "51").split(",")) {
            long seed = Long.parseLong(s.trim());
            Random rnd = new Random(seed * 7919 + 13);
            int normal = 0, monotone = 0;
            int[] right = new int[SIDED.length];
            for (int k = 0; k < 48; k++) {
                SyntheticPatient p = SyntheticPatient.draw(model, rnd);
                double f = 0.6 * rnd.nextDouble();
                Assessment mesh = Assessor.assess(p.states(model, f, SyntheticPatient.ALL_POSTURES), Optional.empty());
                for (int m = 0; m < SIDED.length; m++) {
                    right[m] += mesh.movements().get(SIDED[m]).weakerSide() == p.weakerSide() ? 1 : 0;
                }
                normal += GradingRows.isNormal(Assessor.assess(p.states(model, 1, SyntheticPatient.ALL_POSTURES),
                    Optional.empty())) ? 1 : 0;
                monotone += GradingRows.isMonotone(model, p) ? 1 : 0;
            }
            out.append(seed).append(", ").append(Arrays.toString(right)).append(", ").append(normal).append(", ")
                .append(monotone).append('\n');
        }
        Files.writeString(Path.of(System.getProperty("clinic.grading.out")), out);
    }
}
