package io.face3d.clinic;

import io.face3d.clinic.synthetic.SyntheticPatient;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Not a test: the estimate behind {@link NaturalAsymmetry}'s constants, run on demand on the full model
 * ({@code mvn -B -o -q -pl face3d-synth -am test -Dtest=NaturalAsymmetryEstimate
 * -Dsurefire.failIfNoSpecifiedTests=false -Dclinic.asymmetry.out=FILE -Dclinic.asymmetry.seeds=11,12,13,14,15,16}).
 * Symmetric synthetic patients (activation 1, drawn as {@code bench assess} draws them) give the root mean square
 * of each resting side difference and of each movement's healthy - affected change, over 48 patients per seed.
 */
@EnabledIfSystemProperty(named = "clinic.asymmetry.out", matches = ".+")
class NaturalAsymmetryEstimate {
    @Test
    void estimate() throws IOException {
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        String[] rest = {"brow_height_mm", "palpebral_fissure_mm", "commissure_height_mm", "nasolabial_fold_depth_mm"};
        Movement[] moves = {Movement.BROW, Movement.EYES_CLOSED, Movement.EYES_CLOSED_TIGHT, Movement.SMILE,
            Movement.EEE, Movement.SNARL, Movement.PUCKER};
        double[] restSq = new double[rest.length], restMax = new double[rest.length];
        double[] moveSq = new double[moves.length], moveMax = new double[moves.length];
        int n = 0;
        for (String s : System.getProperty("clinic.asymmetry.seeds", "11,12,13,14,15,16").split(",")) {
            Random rnd = new Random(Long.parseLong(s.trim()) * 7919 + 13);
            for (int k = 0; k < 48; k++) {
                SyntheticPatient p = SyntheticPatient.draw(model, rnd);
                rnd.nextDouble(); // the activation bench assess draws for the weak-side rows
                Assessment a = Assessor.assess(p.states(model, 1, SyntheticPatient.ALL_POSTURES), Optional.empty());
                double[] r = NaturalAsymmetry.restValues(a.rightAtRest()), l = NaturalAsymmetry.restValues(a.leftAtRest());
                for (int i = 0; i < rest.length; i++) {
                    double d = r[i] - l[i];
                    restSq[i] += d * d;
                    restMax[i] = Math.max(restMax[i], Math.abs(d));
                }
                for (int i = 0; i < moves.length; i++) {
                    MovementScore m = a.movements().get(moves[i]);
                    String measure = NaturalAsymmetry.measure(moves[i]);
                    double d = value(m.changeRight(), measure) - value(m.changeLeft(), measure);
                    moveSq[i] += d * d;
                    moveMax[i] = Math.max(moveMax[i], Math.abs(d));
                }
                n++;
            }
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "faces %d%n", n));
        for (int i = 0; i < rest.length; i++) {
            b.append(String.format(Locale.ROOT, "rest %s rms %.4f max %.4f%n", rest[i], Math.sqrt(restSq[i] / n),
                restMax[i]));
        }
        for (int i = 0; i < moves.length; i++) {
            b.append(String.format(Locale.ROOT, "move %s %s rms %.4f max %.4f%n", moves[i].key(),
                NaturalAsymmetry.measure(moves[i]), Math.sqrt(moveSq[i] / n), moveMax[i]));
        }
        Files.writeString(Path.of(System.getProperty("clinic.asymmetry.out")), b);
    }

    private static double value(Map<String, Double> m, String k) {
        Double v = m.get(k);
        return v == null ? Double.NaN : v;
    }
}
