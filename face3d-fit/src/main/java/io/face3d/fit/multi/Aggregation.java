package io.face3d.fit.multi;

import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.fit.landmark.LandmarkFitter;
import io.face3d.fit.landmark.LandmarkObservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How several photos of one person become one identity.
 *
 * <p>{@link #JOINT} is the default since the fitter marches its jaw points to the outline (landmark marching):
 * on synthetic people (4 people x 5 photos at yaw -60..60, 0.5% IOD noise, {@code IdentityClusteringTest}) its
 * dense neutral-face RMSE was 1.41 mm against 1.63 for the mean of the per-photo identities, 2.16 for the pooled
 * evidence and 2.75 for one frontal photo. {@link #EVIDENCE} was the default before, when the fitter's contour
 * points did not match the synthetic outline and the joint fit accumulated that mismatch over views; it leaves
 * the jaw out, which now costs it more than it saves, but it reuses the per-photo fits, which is why
 * {@code face3d cluster} still uses it to make each person's face from thousands of photos.
 */
public enum Aggregation {
    /**
     * The photos' landmark evidence pooled: a fit per photo, each linearised into a quadratic likelihood of the
     * identity ({@link IdentityEvidence}: pose and expression profiled out, jaw outline left out), summed over the
     * photos with the N(0, I) prior counted once and solved. The per-photo results keep their own fits.
     */
    EVIDENCE,
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

    /** The default of {@code --aggregate} (see the class comment for why). */
    public static final Aggregation DEFAULT = JOINT;

    /** Parses the command-line name (evidence, joint, mean, kmeans). */
    public static Aggregation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.face3d.core.Face3dException("unknown aggregation '" + name + "': use evidence, joint, mean or kmeans");
        }
    }

    /**
     * The person's identity from photos of one person. JOINT: the joint fit. The others: per-photo fits combined
     * into the shared identity, which then replaces each photo's own (the contract: every photo's result carries the
     * person's identity); each photo keeps the pose and expression of its own fit, so its reprojected points are
     * those of its single-photo fit.
     *
     * @param config the configuration {@code fitter} was built with (EVIDENCE linearises its objective)
     */
    public JointFitResult aggregate(MorphableModel model, FitConfig config, LandmarkFitter fitter,
                                    List<LandmarkObservation> photos) {
        if (this == JOINT) {
            return fitter.fitJoint(photos);
        }
        List<FitResult> fits = new ArrayList<>();
        for (LandmarkObservation o : photos) {
            fits.add(fitter.fit(o));
        }
        JointFitResult combined;
        if (this == EVIDENCE) {
            IdentityEvidence.Builder b = new IdentityEvidence.Builder(model, config);
            List<IdentityEvidence> ev = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                ev.add(b.of(photos.get(i), fits.get(i)));
            }
            combined = pooled(fits, ev, config.identityLimit());
        } else {
            combined = ofSingleFits(fits);
        }
        List<FitResult> shared = new ArrayList<>();
        for (FitResult f : combined.images()) {
            shared.add(withIdentity(model, f, combined.identity()));
        }
        return new JointFitResult(combined.identity(), shared, combined.iterations(), combined.converged());
    }

    /** A photo's fit with the person's identity in place of its own (3D landmarks recomputed). */
    static FitResult withIdentity(MorphableModel model, FitResult f, double[] identity) {
        float[] l3 = model.evaluate(identity, f.expression(), f.landmarkVertices());
        double[] landmarks3d = new double[l3.length];
        for (int i = 0; i < l3.length; i++) {
            landmarks3d[i] = l3[i];
        }
        return new FitResult(f.pose(), identity, f.expression(), f.fittedPoints(), landmarks3d, f.residuals(),
            f.weights(), f.landmarkVertices(), f.iterations(), f.converged(), f.timingMs());
    }

    /** Per-photo fits combined by their pooled evidence (EVIDENCE). */
    public static JointFitResult pooled(List<FitResult> fits, List<IdentityEvidence> evidence, double limit) {
        double[] id = IdentityEvidence.jointIdentity(evidence, evidence.get(0).size(), limit);
        JointFitResult mean = ofSingleFits(fits);
        return new JointFitResult(id, fits, mean.iterations(), mean.converged());
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
