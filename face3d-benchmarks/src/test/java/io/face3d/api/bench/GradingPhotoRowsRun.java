package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.api.PosturePhotos;
import io.face3d.clinic.Assessment;
import io.face3d.clinic.Assessor;
import io.face3d.clinic.EyeOpenness;
import io.face3d.clinic.FaceState;
import io.face3d.clinic.Movement;
import io.face3d.clinic.MovementScore;
import io.face3d.clinic.synthetic.SyntheticPatient;
import io.face3d.core.image.RgbImage;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Not a test: the photo rows of {@code bench assess}'s grading table alone (the same patients, activations and
 * render seeds as {@link GradingRows}: the first {@code clinic.grading.photos} subjects of each seed), one CSV row per
 * subject and movement with the primary measure per side, and the weaker side under alternative eye regions read
 * from the same photos (the production one first), on demand:
 * {@code mvn -B -o -q -pl face3d-benchmarks -am test -Dtest=GradingPhotoRowsRun -Dsurefire.failIfNoSpecifiedTests=false
 * -Dclinic.grading.out=FILE -Dclinic.grading.seeds=61,62}.
 */
@EnabledIfSystemProperty(named = "clinic.grading.out", matches = ".+")
class GradingPhotoRowsRun {
    private static final Movement[] SIDED = GradingRows.SIDED;

    @Test
    void photoRows() throws IOException {
        Face3d face3d = Face3d.create(Face3d.Config.defaults());
        MorphableModel model = face3d.model();
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model,
            SyntheticFaceConfig.defaults().withAngles(20, 10, 8));
        int photos = Integer.getInteger("clinic.grading.photos", 12);
        Map<String, BiFunction<double[], double[], double[]>> regions = new LinkedHashMap<>();
        regions.put("production", null);
        regions.put("rest_shifted", GradingPhotoRowsRun::shifted);
        regions.put("rest_similarity", EyeOpenness::restRegions);
        regions.put("followed", (rest, followed) -> followed);
        StringBuilder out = new StringBuilder("seed,subject,f,weaker,movement,primary_right,primary_left,"
            + "geometry_right,geometry_left");
        regions.keySet().forEach(k -> out.append(',').append(k).append("_right,").append(k).append("_left,")
            .append(k).append("_ok"));
        out.append('\n');
        for (String s : System.getProperty("clinic.grading.seeds", "61").split(",")) {
            long seed = Long.parseLong(s.trim());
            Random rnd = new Random(seed * 7919 + 13);
            for (int k = 0; k < photos; k++) {
                SyntheticPatient p = SyntheticPatient.draw(model, rnd);
                double f = 0.6 * rnd.nextDouble();
                Map<Movement, double[]> ex = p.expressions(model, f, SyntheticPatient.ALL_POSTURES);
                List<Movement> order = new ArrayList<>(ex.keySet());
                List<RgbImage> images = new ArrayList<>();
                List<String> names = new ArrayList<>();
                long renderSeed = seed * 1000 + 500 + k;
                for (Movement m : order) {
                    images.add(renderer.render(renderSeed, p.identity(), ex.get(m)).image());
                    names.add(m.key());
                }
                List<PosturePhotos.Posture> fits;
                try {
                    fits = PosturePhotos.fit(face3d, images, names, order.indexOf(Movement.REST), "mediapipe");
                } catch (io.face3d.core.Face3dException e) {
                    out.append(seed).append(',').append(k).append(",,,missed\n");
                    continue;
                }
                double[] restPoints = fits.get(order.indexOf(Movement.REST)).followed();
                Map<String, Assessment> byRegion = new LinkedHashMap<>();
                for (Map.Entry<String, BiFunction<double[], double[], double[]>> r : regions.entrySet()) {
                    Map<Movement, FaceState> states = new EnumMap<>(Movement.class);
                    for (int i = 0; i < order.size(); i++) {
                        PosturePhotos.Posture q = fits.get(i);
                        FaceState st = PosturePhotos.state(model, q);
                        if (r.getValue() != null) {
                            RgbImage img = images.get(i);
                            st = new FaceState(st.landmarks3d(), st.face(), st.expression(), st.source(),
                                EyeOpenness.measure(img.rgb(), img.width(), img.height(),
                                    r.getValue().apply(restPoints, q.followed())));
                        }
                        states.put(order.get(i), st);
                    }
                    byRegion.put(r.getKey(), Assessor.assess(states, Optional.empty()));
                }
                for (Movement m : SIDED) {
                    MovementScore prod = byRegion.get("production").movements().get(m);
                    out.append(String.format(Locale.ROOT, "%d,%d,%.3f,%s,%s,%.4f,%.4f,%.4f,%.4f", seed, k, f,
                        p.weakerSide().json(), m.key(), prod.changeRight().get(prod.primary()),
                        prod.changeLeft().get(prod.primary()),
                        prod.changeRight().getOrDefault("closure_fraction_geometry", Double.NaN),
                        prod.changeLeft().getOrDefault("closure_fraction_geometry", Double.NaN)));
                    for (Assessment a : byRegion.values()) {
                        MovementScore sc = a.movements().get(m);
                        out.append(String.format(Locale.ROOT, ",%.4f,%.4f,%d",
                            sc.changeRight().get(sc.primary()), sc.changeLeft().get(sc.primary()),
                            sc.weakerSide() == p.weakerSide() ? 1 : 0));
                    }
                    out.append('\n');
                }
                Files.writeString(Path.of(System.getProperty("clinic.grading.out")), out);
            }
        }
        Files.writeString(Path.of(System.getProperty("clinic.grading.out")), out);
    }

    /**
     * For the subjects named in {@code clinic.grading.subjects} (seed:k, comma separated): per posture, the mouth
     * points 48, 54, 57 as rendered (truth), detected and followed, and the excursion change per side on the true
     * landmarks and on the photo path's.
     */
    @Test
    @EnabledIfSystemProperty(named = "clinic.grading.subjects", matches = ".+")
    void mouthPoints() throws IOException {
        Face3d face3d = Face3d.create(Face3d.Config.defaults());
        MorphableModel model = face3d.model();
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model,
            SyntheticFaceConfig.defaults().withAngles(20, 10, 8));
        StringBuilder out = new StringBuilder();
        for (String sk : System.getProperty("clinic.grading.subjects").split(",")) {
            long seed = Long.parseLong(sk.split(":")[0].trim());
            int want = Integer.parseInt(sk.split(":")[1].trim());
            Random rnd = new Random(seed * 7919 + 13);
            for (int k = 0; k <= want; k++) {
                SyntheticPatient p = SyntheticPatient.draw(model, rnd);
                double f = 0.6 * rnd.nextDouble();
                if (k < want) {
                    continue;
                }
                Map<Movement, double[]> ex = p.expressions(model, f, SyntheticPatient.ALL_POSTURES);
                List<Movement> order = new ArrayList<>(ex.keySet());
                List<RgbImage> images = new ArrayList<>();
                List<double[]> truth = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (Movement m : order) {
                    io.face3d.fit.render.SyntheticFace face = renderer.render(seed * 1000 + 500 + k, p.identity(),
                        ex.get(m));
                    images.add(face.image());
                    truth.add(face.landmarks());
                    names.add(m.key());
                }
                List<PosturePhotos.Posture> fits = PosturePhotos.fit(face3d, images, names,
                    order.indexOf(Movement.REST), "mediapipe");
                int rest = order.indexOf(Movement.REST);
                float[] trueRest = model.evaluate(p.identity(), ex.get(Movement.REST), model.landmarks68());
                out.append(String.format(Locale.ROOT, "seed %d subject %d f %.3f weaker %s%n", seed, k, f,
                    p.weakerSide().json()));
                for (int i = 0; i < order.size(); i++) {
                    float[] trueLm = model.evaluate(p.identity(), ex.get(order.get(i)), model.landmarks68());
                    out.append(String.format(Locale.ROOT, "  %-18s exc change true R %.2f L %.2f photo R %.2f L %.2f;",
                        order.get(i).key(), exc(trueLm, trueRest, true), exc(trueLm, trueRest, false),
                        exc(fits.get(i).landmarks3d(), fits.get(rest).landmarks3d(), true),
                        exc(fits.get(i).landmarks3d(), fits.get(rest).landmarks3d(), false)));
                    for (int pt : new int[] {48, 54, 57}) {
                        double[] t = truth.get(i), tr = truth.get(rest), d = fits.get(i).detected().points(),
                            fo = fits.get(i).followed();
                        double[] dr = fits.get(rest).detected().points();
                        out.append(String.format(Locale.ROOT, " %d move true (%.1f,%.1f) followed (%.1f,%.1f) detected "
                                + "(%.1f,%.1f);", pt, t[2 * pt] - tr[2 * pt], t[2 * pt + 1] - tr[2 * pt + 1],
                            fo[2 * pt] - dr[2 * pt], fo[2 * pt + 1] - dr[2 * pt + 1], d[2 * pt] - dr[2 * pt],
                            d[2 * pt + 1] - dr[2 * pt + 1]));
                    }
                    out.append('\n');
                }
            }
        }
        Files.writeString(Path.of(System.getProperty("clinic.grading.out")), out);
    }

    private static double exc(float[] now, float[] rest, boolean right) {
        io.face3d.clinic.Side side = right ? io.face3d.clinic.Side.RIGHT : io.face3d.clinic.Side.LEFT;
        return io.face3d.clinic.FaceMeasurer.measure(now, side).commissureExcursionMm()
            - io.face3d.clinic.FaceMeasurer.measure(rest, side).commissureExcursionMm();
    }

    /** The video path's first eye regions: each eye's rest polygon shifted with the mean of its corners' shifts. */
    private static double[] shifted(double[] rest, double[] followed) {
        double[] out = followed.clone();
        int[][] eyes = {{36, 39, 36, 41}, {42, 45, 42, 47}};
        for (int[] e : eyes) {
            double dx = (followed[2 * e[0]] - rest[2 * e[0]] + followed[2 * e[1]] - rest[2 * e[1]]) / 2;
            double dy = (followed[2 * e[0] + 1] - rest[2 * e[0] + 1] + followed[2 * e[1] + 1] - rest[2 * e[1] + 1]) / 2;
            for (int p = e[2]; p <= e[3]; p++) {
                out[2 * p] = rest[2 * p] + dx;
                out[2 * p + 1] = rest[2 * p + 1] + dy;
            }
        }
        return out;
    }
}
