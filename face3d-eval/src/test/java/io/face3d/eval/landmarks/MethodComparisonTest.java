package io.face3d.eval.landmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodComparisonTest {
    @Test
    void tableAndPlotForTwoMethods(@TempDir Path dir) {
        Random random = new Random(2);
        int n = 60;
        double[] a = new double[n], b = new double[n], yaw = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.03 + 0.01 * Math.abs(random.nextGaussian());
            b[i] = a[i] + 0.01; // b is worse on every face: Wilcoxon must find it
            yaw[i] = 90.0 * i / n;
        }
        Path png = dir.resolve("ced.png");
        String md = MethodComparison.markdown(List.of(new MethodComparison.Method("a", a, yaw),
            new MethodComparison.Method("b", b, yaw)), 0.1, png, "NME");
        assertTrue(Files.exists(png));
        assertTrue(md.contains("| a |") && md.contains("| b |"), md);
        assertTrue(md.contains("T=0.0, n=60"), md);
        assertTrue(md.contains("yaw 30-60"), md);
        assertThrows(IllegalArgumentException.class, () -> MethodComparison.markdown(List.of(
            new MethodComparison.Method("a", a, null), new MethodComparison.Method("c", new double[3], null)), 0.1, null, "NME"));
    }
}
