package io.face3d.vision.dlib;

import io.face3d.vision.FaceBox;

import java.util.Arrays;

/**
 * An affine map from one detector's face box to the box another detector would give for the same face, e.g.
 * from MediaPipe's detection box to dlib's HOG frontal face box, which is the box dlib's 68-point predictor was
 * trained on: dlib's landmarks are only as good as that box. Boxes are (x, y, w, h) and
 * <pre>
 *   (x', y', w', h')^T = C (x, y, w, h, 1)^T,   C = {@link #coefficients()} (4 rows of 5, row-major)
 * </pre>
 * The production path applies {@link #identity()} (LandmarkDetectors says why); the fits from paired boxes
 * that measured it are the offline tool's (module tools: {@code DetectorBoxFit}, {@code DetectorBoxCalibration}).
 *
 * @param coefficients 20 numbers, 4 rows (x', y', w', h') of 5 (x, y, w, h, 1)
 */
public record DetectorBoxMapping(double[] coefficients) {
    public DetectorBoxMapping {
        if (coefficients == null || coefficients.length != 20) {
            throw new IllegalArgumentException("a box mapping has 4 x 5 = 20 coefficients");
        }
        for (double c : coefficients) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("box mapping coefficients must be finite: " + Arrays.toString(coefficients));
            }
        }
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    public static DetectorBoxMapping identity() {
        double[] c = new double[20];
        for (int r = 0; r < 4; r++) {
            c[r * 5 + r] = 1;
        }
        return new DetectorBoxMapping(c);
    }

    /** The mapped box; score and keypoints are the source's. */
    public FaceBox apply(FaceBox b) {
        double[] in = {b.x(), b.y(), b.width(), b.height(), 1};
        double[] out = new double[4];
        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < 5; k++) {
                out[r] += coefficients[r * 5 + k] * in[k];
            }
        }
        return new FaceBox(out[0], out[1], out[2], out[3], b.score(), b.keypoints());
    }
}
