package io.face3d.fit.multi;

import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How several photos of one person become one identity (issue #10 item 2).
 *
 * <p>{@link #JOINT} is the default: on the {@code face3d bench multi} data (synthetic people, 5 photos at yaw
 * -60..60 with random, often one-sided, expressions) its median dense neutral-face RMSE is the lowest of the three
 * at both noise levels, because it weighs each photo's landmarks by what they measure, while an average of
 * per-photo estimates inherits each photo's shrinkage toward the mean face (README table).
 */
public enum Aggregation {
    /** One identity fitted to all photos at once, its prior counted once (the landmark fitter's joint fit). */
    JOINT,
    /** Per-photo fits, identity = the mean of the per-photo identities. */
    MEAN,
    /**
     * The seed's method (Dhouioui et al. 2022): per-photo fits, K-means over the identity vectors, the centroid as
     * the person's face. For one person (K = 1) the centroid is the mean; the methods differ when photos of several
     * people are clustered together ({@code face3d cluster}, {@code face3d bench multi}).
     */
    KMEANS;

    /** Parses the command-line name (joint, mean, kmeans). */
    public static Aggregation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.face3d.core.Face3dException("unknown aggregation '" + name + "': use joint, mean or kmeans");
        }
    }

    /**
     * The person's identity from photos of one person. JOINT: the joint fit. MEAN and KMEANS: the per-photo fits
     * (each keeping its own identity in {@code images}) with the mean of their identities as the shared one.
     */
    public JointFitResult aggregate(LandmarkFitter fitter, List<LandmarkObservation> photos) {
        if (this == JOINT) {
            return fitter.fitJoint(photos);
        }
        List<FitResult> fits = new ArrayList<>();
        for (LandmarkObservation o : photos) {
            fits.add(fitter.fit(o));
        }
        return ofSingleFits(fits);
    }

    /** Per-photo fits combined by their mean identity (MEAN, and KMEANS with K = 1). */
    public static JointFitResult ofSingleFits(List<FitResult> fits) {
        double[][] ids = new double[fits.size()][];
        int iterations = 0;
        boolean converged = true;
        for (int i = 0; i < fits.size(); i++) {
            ids[i] = fits.get(i).identity();
            iterations = Math.max(iterations, fits.get(i).iterations());
            converged &= fits.get(i).converged();
        }
        return new JointFitResult(mean(ids), fits, iterations, converged);
    }

    /** The mean of vectors. */
    public static double[] mean(double[][] vectors) {
        double[] m = new double[vectors[0].length];
        for (double[] v : vectors) {
            for (int k = 0; k < m.length; k++) {
                m[k] += v[k] / vectors.length;
            }
        }
        return m;
    }
}
