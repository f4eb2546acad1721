package io.face3d.api;

import io.face3d.clinic.EyeOpenness;
import io.face3d.clinic.FaceState;
import io.face3d.clinic.RestReferencedRefit;
import io.face3d.core.image.RgbImage;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.vision.FaceLandmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code face3d assess} (and {@code bench assess}) do with one person's photos in several postures: detect,
 * fit one identity jointly over all photos (pose and expression per photo), carry the rest photo's points into each
 * posture photo by following the image ({@link RestPointTracker}), and make each posture's 3D landmarks follow those
 * points with the rest photo as the reference ({@link RestReferencedRefit}); eye openness is read from the pixels
 * ({@link EyeOpenness}).
 */
public final class PosturePhotos {
    /**
     * One photo's result.
     *
     * @param detected    the detector's face
     * @param fit         the joint fit of this photo (shared identity)
     * @param followed    the 68 points the 3D landmarks follow (rest: as detected; others: tracked from rest), pixels
     * @param landmarks3d the 68 landmarks in model space (mm), following {@code followed}
     * @param expression  blendshape weights that go with them
     * @param eyeOpenness {right, left} openness from the pixels
     */
    public record Posture(FaceLandmarks detected, FitResult fit, double[] followed, float[] landmarks3d,
                          double[] expression, double[] eyeOpenness) {
    }

    private PosturePhotos() {
    }

    /**
     * @param rest index of the rest photo in {@code images}, or -1 when there is none (then the joint fit's own
     *             landmarks and expressions are used, the less accurate path: see README)
     */
    public static List<Posture> fit(Face3d face3d, List<RgbImage> images, List<String> names, int rest,
                                    String detector) {
        List<FaceLandmarks> found = new ArrayList<>();
        JointFitResult joint = face3d.reconstructPerson(images, names, detector, Face3d.fitConfigFor(detector), found);
        List<double[]> followed = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            double[] d = found.get(i).points();
            followed.add(rest < 0 || i == rest ? d
                : RestPointTracker.track(images.get(rest), found.get(rest).points(), images.get(i), d));
        }
        List<RestReferencedRefit.Posture> refits = rest < 0 ? null
            : new RestReferencedRefit(face3d.model(), RestReferencedRefit.Config.defaults()).refit(joint, followed, rest);
        List<Posture> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            FitResult f = joint.images().get(i);
            RgbImage img = images.get(i);
            double[] open = EyeOpenness.measure(img.rgb(), img.width(), img.height(), f.fittedPoints());
            float[] lm;
            double[] w;
            if (refits != null) {
                lm = refits.get(i).landmarks3d();
                w = refits.get(i).expression();
            } else {
                lm = face3d.model().evaluate(f.identity(), f.expression(), face3d.model().landmarks68());
                w = f.expression();
            }
            out.add(new Posture(found.get(i), f, followed.get(i), lm, w, open));
        }
        return out;
    }

    /** What the assessment measures of one posture photo: its 3D landmarks, face, named weights and eye openness. */
    public static FaceState state(MorphableModel model, Posture p) {
        return new FaceState(p.landmarks3d(), model.evaluate(p.fit().identity(), p.expression(), Region.FACE),
            model.expressionsByName(p.expression()), "photo", p.eyeOpenness());
    }
}
