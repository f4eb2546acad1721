package io.face3d.eval.align;

import io.face3d.core.geom.Umeyama;
import io.face3d.core.geom.Similarity;
import java.util.ArrayList;
import java.util.List;

/**
 * Trimmed point-to-plane ICP ({@link PointToPlaneIcp}) of the ground truth onto the predicted surface (scan-to-mesh,
 * as the NoW benchmark refines its alignment), the prediction then taking the inverse transform so the index over
 * it is built once. Starts from the landmark Procrustes when landmarks are given; else from both the identity and
 * the centroid translation, a coarse run (800 samples, 15 steps) choosing between them before the full run.
 */
public final class IcpAligner implements SurfaceAligner {
    private final IcpConfig config;

    public IcpAligner(IcpConfig config) {
        this.config = config;
    }

    @Override
    public Alignment align(Input in) {
        float[] gtPoints = in.gt().positions();
        String name = config.withScale() ? "icp-scale" : "icp";
        List<Similarity> starts = new ArrayList<>();
        if (in.hasLandmarks()) {
            starts.add(Umeyama.estimate(in.predLandmarks(), in.gtLandmarks(), config.withScale()));
            name += "+landmarks";
        } else {
            starts.add(Similarity.identity());
            double[] cp = centroid(in.pred().positions()), cg = centroid(gtPoints);
            starts.add(Similarity.translation(cg[0] - cp[0], cg[1] - cp[1], cg[2] - cp[2]));
        }
        Similarity start = starts.get(0);
        if (starts.size() > 1) {
            PointToPlaneIcp coarse = new PointToPlaneIcp(new IcpConfig(config.withScale(), config.keepFraction(), 15,
                Math.min(config.maxSamples(), 800), 1e-3, config.seed()));
            double best = Double.POSITIVE_INFINITY;
            for (Similarity candidate : starts) {
                IcpResult r = coarse.align(gtPoints, in.pred(), in.predSurface(), candidate.inverse());
                double rmsInGt = r.trimmedRms() / r.transform().scale();
                if (rmsInGt < best) {
                    best = rmsInGt;
                    start = r.transform().inverse();
                }
            }
        }
        IcpResult r = new PointToPlaneIcp(config).align(gtPoints, in.pred(), in.predSurface(), start.inverse());
        return new Alignment(r.transform().inverse(), name, r.iterations());
    }

    private static double[] centroid(float[] p) {
        double[] c = new double[3];
        int n = p.length / 3;
        for (int i = 0; i < p.length; i += 3) {
            c[0] += p[i] / n;
            c[1] += p[i + 1] / n;
            c[2] += p[i + 2] / n;
        }
        return c;
    }
}
