package io.face3d.eval.landmarks;

/**
 * NME per absolute-yaw bin [0, 30), [30, 60), [60, 90] degrees and the mean of the three bin means, the AFLW2000-3D
 * summary (Zhu et al., CVPR 2016), which weighs the rare profile faces as much as the many frontal ones.
 *
 * @param binMeans   mean NME per bin (NaN for an empty bin)
 * @param counts     faces per bin
 * @param meanOfBins mean of the non-empty bin means
 */
public record YawBinnedNme(double[] binMeans, int[] counts, double meanOfBins) {
    public static final String[] BIN_LABELS = {"0-30", "30-60", "60-90"};

    public static YawBinnedNme of(double[] nme, double[] yawDegrees) {
        if (nme.length != yawDegrees.length) {
            throw new IllegalArgumentException("one yaw per NME value needed");
        }
        double[] sum = new double[3];
        int[] count = new int[3];
        for (int i = 0; i < nme.length; i++) {
            int bin = Math.min(2, (int) (Math.abs(yawDegrees[i]) / 30));
            sum[bin] += nme[i];
            count[bin]++;
        }
        double[] mean = new double[3];
        double total = 0;
        int used = 0;
        for (int b = 0; b < 3; b++) {
            mean[b] = count[b] > 0 ? sum[b] / count[b] : Double.NaN;
            if (count[b] > 0) {
                total += mean[b];
                used++;
            }
        }
        return new YawBinnedNme(mean, count, used > 0 ? total / used : Double.NaN);
    }
}
