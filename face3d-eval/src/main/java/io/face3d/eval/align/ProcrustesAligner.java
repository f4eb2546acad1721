package io.face3d.eval.align;

import io.face3d.core.geom.Umeyama;
import io.face3d.core.geom.Similarity;
import io.face3d.core.Face3dException;

/**
 * Similarity Procrustes ({@link Umeyama}) on corresponding points: the landmarks when given, else every vertex when
 * both meshes share a vertex order (two fits of the same model).
 */
public final class ProcrustesAligner implements SurfaceAligner {
    @Override
    public Alignment align(Input in) {
        if (in.hasLandmarks()) {
            return new Alignment(Umeyama.estimate(in.predLandmarks(), in.gtLandmarks(), true), "procrustes+landmarks", 0);
        }
        if (in.pred().vertexCount() == in.gtFull().vertexCount()) {
            Similarity s = Umeyama.estimate(toDouble(in.pred().positions()), toDouble(in.gtFull().positions()), true);
            return new Alignment(s, "procrustes+vertices", 0);
        }
        throw new Face3dException("procrustes needs corresponding points: give --landmarks-pred and --landmarks-gt, "
            + "or meshes with the same vertex order, or use --align icp");
    }

    static double[] toDouble(float[] p) {
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i];
        }
        return d;
    }
}
