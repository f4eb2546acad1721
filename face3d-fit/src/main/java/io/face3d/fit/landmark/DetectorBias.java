package io.face3d.fit.landmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A detector's landmark convention relative to the model: for each of its points a constant offset in model space
 * (mm, the face's own frame) from the model vertex the point corresponds to. A detector marks, say, the brow on its
 * lower edge where the model's brow landmark vertex sits on its centre line, the same way on every face; left in,
 * that difference is read as identity (NoiseModel's note on systematic error). The fitter adds the offset to the
 * vertex before projecting it, so the point the model predicts is the point the detector would mark.
 *
 * <p>Made by {@code DetectorBiasCalibration} (face3d-api, test scope; README "Measured figures"): per point, the
 * least-squares 3D offset o minimising sum_f ||x_f - pi_f(v_f + o)||^2 over photo-like renders of model faces with
 * known pose and shape (the camera linearised at the true vertex), on render seeds disjoint from every benchmark's.
 * Jaw points 0-16 have none (they are outline points, {@link JawContour#march}). Resource {@code bias-NAME.txt}:
 * lines {@code lm i dx dy dz} and {@code dense j dx dy dz}, '#' comments carrying the command and seeds.
 *
 * @param name    the detector (resource name)
 * @param points  3 x 68 offsets (mm) of the iBUG points
 * @param dense   3 x 468 offsets (mm) of the FaceMesh points (zero if the file has none)
 */
public record DetectorBias(String name, double[] points, double[] dense) {

    public DetectorBias {
        if (points.length != 3 * 68 || dense.length != 3 * 468) {
            throw new IllegalArgumentException("a detector bias holds 68 and 468 offsets of 3 numbers");
        }
        points = points.clone();
        dense = dense.clone();
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    @Override
    public double[] dense() {
        return dense.clone();
    }

    /** Offset component c (0-2) of iBUG point k. */
    public double point(int k, int c) {
        return points[3 * k + c];
    }

    /** Offset component c (0-2) of FaceMesh point j. */
    public double densePoint(int j, int c) {
        return dense[3 * j + c];
    }

    /** The shipped bias of a detector, or null when none ships for that name. */
    public static DetectorBias shipped(String name) {
        try (InputStream in = DetectorBias.class.getResourceAsStream("bias-" + name + ".txt")) {
            return in == null ? null : parse(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DetectorBias parse(String name, InputStream in) throws IOException {
        double[] p = new double[3 * 68], d = new double[3 * 468];
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            double[] into = f[0].equals("lm") ? p : f[0].equals("dense") ? d : null;
            if (into == null || f.length != 5) {
                throw new IllegalStateException("bias-" + name + ".txt: malformed line '" + line + "'");
            }
            int i = Integer.parseInt(f[1]);
            for (int c = 0; c < 3; c++) {
                into[3 * i + c] = Double.parseDouble(f[2 + c]);
            }
        }
        return new DetectorBias(name, p, d);
    }
}
