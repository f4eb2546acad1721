package io.face3d.learn;

/**
 * Recovers 3D landmarks from 68 2D landmarks (iBUG order, pixels). Implementations: {@link Lifters#mds()} (Deep-MDS:
 * learned 3D distances and non-metric MDS), {@link Lifters#regress()} (depth regression), the mean-face-depth
 * baseline {@link Lifters#meanFaceDepth}, and the model-based lift that the application supplies from the landmark
 * fitter (face3d-fit), given to {@link Lifters#byName} from outside.
 */
public interface Lifter {
    /** Short name, e.g. "mds", "regress", "model". */
    String name();

    /**
     * @param points2d 68 points (x, y) interleaved, image pixels
     * @return the 3D landmarks in the input's frame
     */
    Lifted lift(double[] points2d);
}
