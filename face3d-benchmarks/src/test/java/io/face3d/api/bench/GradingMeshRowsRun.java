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
    private static final Movement[] SIDED = GradingRows.SIDED;

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
                Assessment atOne = Assessor.assess(p.states(model, 1, SyntheticPatient.ALL_POSTURES), Optional.empty());
                boolean isNormal = GradingRows.isNormal(atOne), isMonotone = GradingRows.isMonotone(model, p);
                normal += isNormal ? 1 : 0;
                monotone += isMonotone ? 1 : 0;
                if (!isNormal || !isMonotone) {
                    out.append("# seed ").append(seed).append(" subject ").append(k).append(": normal ").append(isNormal)
                        .append(", monotone ").append(isMonotone).append("; at f = 1:");
                    for (io.face3d.clinic.ScaleResult r : atOne.scales()) {
                        out.append(' ').append(r.key()).append(' ').append(r.scores()).append(" grade ").append(r.grade());
                        r.items().stream().filter(i -> i.assessed() && (r.key().equals("eface") && i.value() < 100 || r.key().equals("sunnybrook") && i.key().startsWith("voluntary") && i.value() < 5))
                            .forEach(i -> out.append(" [").append(i.key()).append(' ').append(i.value()).append(']'));
                    }
                    out.append(" healthy ").append(atOne.healthySide()).append(' ').append(atOne.healthyChosen());
                    atOne.movements().forEach((mv, sc) -> out.append(String.format(java.util.Locale.ROOT, " %s ratio %.4f weaker %s;", mv, sc.ratio(), sc.weakerSide())));
                    for (double g : new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}) {
                        Assessment a = Assessor.assess(p.states(model, g, SyntheticPatient.ALL_POSTURES),
                            Optional.of(p.weakerSide().other()));
                        out.append("\n#   f ").append(g).append(':');
                        for (io.face3d.clinic.ScaleResult r : a.scales()) {
                            r.items().stream().filter(io.face3d.clinic.ScaleItem::assessed)
                                .forEach(i -> out.append(' ').append(r.key(), 0, 2).append('.').append(i.key()).append('=')
                                    .append(String.format(java.util.Locale.ROOT, "%.1f", i.value())));
                        }
                    }
                    out.append('\n');
                }
            }
            out.append(seed).append(", ").append(Arrays.toString(right)).append(", ").append(normal).append(", ")
                .append(monotone).append('\n');
        }
        Files.writeString(Path.of(System.getProperty("clinic.grading.out")), out);
    }
}
