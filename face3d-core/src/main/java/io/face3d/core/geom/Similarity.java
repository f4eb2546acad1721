package io.face3d.core.geom;


/**
 * A similarity transform x -> s R x + t (R row-major 3x3, proper rotation).
 *
 * @param scale       s > 0
 * @param rotation    row-major R
 * @param translation t, mm
 */
public record Similarity(double scale, double[] rotation, double[] translation) {

    public Similarity {
        if (!(scale > 0) || rotation == null || rotation.length != 9 || translation == null || translation.length != 3) {
            throw new IllegalArgumentException("a similarity needs scale > 0, a 3x3 rotation and a 3-vector");
        }
        rotation = rotation.clone();
        translation = translation.clone();
    }

    public static Similarity identity() {
        return new Similarity(1, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);
    }

    public static Similarity translation(double x, double y, double z) {
        return new Similarity(1, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {x, y, z});
    }

    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    @Override
    public double[] translation() {
        return translation.clone();
    }

    /** Writes s R p + t into out[o..o+2]. */
    public void apply(double x, double y, double z, double[] out, int o) {
        double[] r = rotation;
        out[o] = scale * (r[0] * x + r[1] * y + r[2] * z) + translation[0];
        out[o + 1] = scale * (r[3] * x + r[4] * y + r[5] * z) + translation[1];
        out[o + 2] = scale * (r[6] * x + r[7] * y + r[8] * z) + translation[2];
    }

    /** A new array of transformed x, y, z triples. */
    public double[] apply(double[] points) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i += 3) {
            apply(points[i], points[i + 1], points[i + 2], out, i);
        }
        return out;
    }

    /** A new array of transformed x, y, z triples. */
    public float[] apply(float[] points) {
        float[] out = new float[points.length];
        double[] r = rotation;
        for (int i = 0; i < points.length; i += 3) {
            double x = points[i], y = points[i + 1], z = points[i + 2];
            out[i] = (float) (scale * (r[0] * x + r[1] * y + r[2] * z) + translation[0]);
            out[i + 1] = (float) (scale * (r[3] * x + r[4] * y + r[5] * z) + translation[1]);
            out[i + 2] = (float) (scale * (r[6] * x + r[7] * y + r[8] * z) + translation[2]);
        }
        return out;
    }

    /** The transform that applies this one first and then {@code next}. */
    public Similarity then(Similarity next) {
        double[] r = Rotation.multiply(next.rotation, rotation);
        double[] t = new double[3];
        next.apply(translation[0], translation[1], translation[2], t, 0);
        return new Similarity(next.scale * scale, r, t);
    }

    public Similarity inverse() {
        double[] rt = Rotation.transpose(rotation);
        double inv = 1 / scale;
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = -inv * (rt[3 * i] * translation[0] + rt[3 * i + 1] * translation[1] + rt[3 * i + 2] * translation[2]);
        }
        return new Similarity(inv, rt, t);
    }

    /** Rotation angle in degrees. */
    public double angleDegrees() {
        return Rotation.angleBetweenDegrees(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, rotation);
    }
}
