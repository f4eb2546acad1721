package io.face3d.eval.distance;

import io.face3d.core.mesh.Mesh;

/**
 * Symmetric surface distance as the MESH tool computes it (Aspert et al., ICME 2002): sample each surface
 * uniformly by area, measure every sample's distance to the nearest point of the other surface (point to
 * triangle, not point to vertex), summarise each direction by mean, RMS and max; the Hausdorff distance is the
 * larger of the two one-sided maxima.
 *
 * @param aToB      distances of samples of A to surface B
 * @param bToA      distances of samples of B to surface A
 * @param hausdorff max(aToB.max, bToA.max), mm
 */
public record SymmetricHausdorff(DistanceStats aToB, DistanceStats bToA, double hausdorff) {

    /** Samples {@code samplesPerSurface} points on each mesh; the seed makes the result reproducible. */
    public static SymmetricHausdorff compute(Mesh a, TriangleBvh aSurface, Mesh b, TriangleBvh bSurface,
                                             int samplesPerSurface, long seed) {
        float[] sa = SurfaceSampler.sample(a, samplesPerSurface, seed);
        float[] sb = SurfaceSampler.sample(b, samplesPerSurface, seed + 1);
        if (sa.length == 0 || sb.length == 0) {
            throw new IllegalArgumentException("both surfaces need a non-zero area to be sampled");
        }
        DistanceStats ab = DistanceStats.of(PointToSurface.distances(sa, bSurface));
        DistanceStats ba = DistanceStats.of(PointToSurface.distances(sb, aSurface));
        return new SymmetricHausdorff(ab, ba, Math.max(ab.max(), ba.max()));
    }

    public static SymmetricHausdorff compute(Mesh a, Mesh b, int samplesPerSurface, long seed) {
        return compute(a, new TriangleBvh(a), b, new TriangleBvh(b), samplesPerSurface, seed);
    }
}
