package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.DenseCorrespondence;
import io.face3d.vision.FaceLandmarks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes the shipped {@link io.face3d.fit.landmark.DetectorBias} files: renders model faces photo-like (the
 * {@code renders} benchmark's distribution), runs a detector, and solves per point the 3D model-space offset o that
 * minimises sum_f ||x_f - pi_f(v_f + o)||^2 (the camera linearised at the true vertex v_f: J_f o ~ x_f - pi_f(v_f),
 * normal equations summed over faces, a ridge of 1e-6 of the trace). Residuals beyond 30% of the IOD (a
 * detector failure, not a convention) are left out. The jaw points 0-16 get offsets from their anatomical
 * vertices too; the fitter uses them only when it does not march the jaw (FitConfig.contour off, as
 * Face3d.fitConfigFor has it for these detectors). Takes about 8 minutes on 2 cores (200 renders).
 *
 * <p>Run (writes into the fit module's resources; the benchmarks use render seeds 1-1000, these start at 900000):
 * <pre>
 * mvn -B -q -o -pl face3d-api -am test-compile -DskipTests
 * java -cp "face3d-api/target/test-classes:face3d-api/target/classes:$(cat /tmp/cp.txt)" \
 *   io.face3d.api.bench.DetectorBiasCalibration 200 900000 face3d-fit/src/main/resources/io/face3d/fit/landmark
 * </pre>
 * ({@code /tmp/cp.txt}: {@code mvn -q -o -pl face3d-api dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt}).
 */
public final class DetectorBiasCalibration {
    private static final double OUTLIER = 0.3;
    private static final double STEP_MM = 0.5;

    private DetectorBiasCalibration() {
    }

    /** Normal equations of the offsets of n points. */
    private static final class Accumulator {
        final double[] jtj;
        final double[] jtd;
        final int[] count;

        Accumulator(int n) {
            jtj = new double[9 * n];
            jtd = new double[3 * n];
            count = new int[n];
        }

        /** Adds one face: observed points (u, v at stride), true vertices (x, y, z), its pose and IOD in px. */
        void add(double[] observed, int stride, float[] vertices, int first, Pose pose, double iodPx) {
            int n = count.length;
            double[] uv = new double[2 * n];
            pose.project(vertices, n, uv);
            float[] p = new float[3];
            double[] a = new double[2], b = new double[2];
            for (int i = first; i < n; i++) {
                double du = observed[stride * i] - uv[2 * i], dv = observed[stride * i + 1] - uv[2 * i + 1];
                if (!(Math.hypot(du, dv) < OUTLIER * iodPx)) {
                    continue;
                }
                double[] j = new double[6]; // 2 x 3, numerical (central differences)
                for (int c = 0; c < 3; c++) {
                    for (int sgn = -1; sgn <= 1; sgn += 2) {
                        for (int k = 0; k < 3; k++) {
                            p[k] = vertices[3 * i + k] + (k == c ? (float) (sgn * STEP_MM) : 0f);
                        }
                        pose.project(p, 1, sgn < 0 ? a : b);
                    }
                    j[c] = (b[0] - a[0]) / (2 * STEP_MM);
                    j[3 + c] = (b[1] - a[1]) / (2 * STEP_MM);
                }
                for (int r = 0; r < 3; r++) {
                    jtd[3 * i + r] += j[r] * du + j[3 + r] * dv;
                    for (int c = 0; c < 3; c++) {
                        jtj[9 * i + 3 * r + c] += j[r] * j[c] + j[3 + r] * j[3 + c];
                    }
                }
                count[i]++;
            }
        }

        double[] solve() {
            int n = count.length;
            double[] out = new double[3 * n];
            for (int i = 0; i < n; i++) {
                if (count[i] == 0) {
                    continue;
                }
                DMatrixRMaj a = new DMatrixRMaj(3, 3), b = new DMatrixRMaj(3, 1), x = new DMatrixRMaj(3, 1);
                System.arraycopy(jtj, 9 * i, a.data, 0, 9);
                System.arraycopy(jtd, 3 * i, b.data, 0, 3);
                double tr = a.get(0, 0) + a.get(1, 1) + a.get(2, 2);
                for (int d = 0; d < 3; d++) {
                    a.add(d, d, 1e-6 * tr);
                }
                if (CommonOps_DDRM.solve(a, b, x)) {
                    System.arraycopy(x.data, 0, out, 3 * i, 3);
                }
            }
            return out;
        }
    }

    public static void main(String[] args) throws IOException {
        int size = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        Path outDir = Path.of(args[2]);
        Face3d face3d = Face3d.create(Face3d.Config.defaults().withThreads(1));
        MorphableModel model = face3d.model();
        RenderedFaces renders = new RenderedFaces(model, RenderedFaces.config(DetectorNoiseBenchmark.MAX_YAW));
        int[] lm = model.landmarks68();
        int[] corr = DenseCorrespondence.ictVertices();
        String[] detectors = {"mediapipe", "dlib"};
        Accumulator[] pts = {new Accumulator(68), new Accumulator(68)};
        Accumulator dense = new Accumulator(468);
        int[] found = new int[2];
        for (int s = 0; s < size; s++) {
            RenderedFaces.Rendered r = renders.render(seed + s);
            float[] v68 = model.evaluate(r.face().identity(), r.face().expression(), lm);
            for (int d = 0; d < 2; d++) {
                Optional<FaceLandmarks> f = RenderedFaces.match(face3d.landmarkDetector(detectors[d]).detect(r.image()), r);
                if (f.isEmpty()) {
                    continue;
                }
                found[d]++;
                pts[d].add(f.get().points(), 2, v68, 0, r.face().pose(), r.iodModel());
                if (d == 0 && f.get().dense() != null && corr.length == 468) {
                    float[] vd = model.evaluate(r.face().identity(), r.face().expression(), corr);
                    dense.add(f.get().dense(), 3, vd, 0, r.face().pose(), r.iodModel());
                }
            }
            if ((s + 1) % 25 == 0) {
                System.err.printf(Locale.ROOT, "calibration: %d/%d renders%n", s + 1, size);
            }
        }
        for (int d = 0; d < 2; d++) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "# %s landmark offsets from the ICT vertices, model mm (x right, y up, "
                + "z toward the viewer); DetectorBiasCalibration %d %d: %d of %d renders found (renders bench "
                + "distribution, yaw +-%.0f)%n", detectors[d], size, seed, found[d], size, DetectorNoiseBenchmark.MAX_YAW));
            double[] o = pts[d].solve();
            for (int i = 0; i < 68; i++) {
                sb.append(String.format(Locale.ROOT, "lm %d %.3f %.3f %.3f%n", i, o[3 * i], o[3 * i + 1], o[3 * i + 2]));
            }
            if (d == 0) {
                double[] od = dense.solve();
                for (int j = 0; j < 468; j++) {
                    sb.append(String.format(Locale.ROOT, "dense %d %.3f %.3f %.3f%n", j, od[3 * j], od[3 * j + 1],
                        od[3 * j + 2]));
                }
            }
            Files.writeString(outDir.resolve("bias-" + detectors[d] + ".txt"), sb.toString());
        }
    }
}
