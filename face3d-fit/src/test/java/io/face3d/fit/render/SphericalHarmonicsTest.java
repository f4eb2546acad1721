package io.face3d.fit.render;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SphericalHarmonicsTest {
    /** dE/dn of {@link SphericalHarmonics#gradient} against central differences of E(n) = light . H(n), seeded. */
    @Test
    void gradientMatchesCentralDifferences() {
        Random rnd = new Random(51);
        double h = 1e-6;
        for (int trial = 0; trial < 20; trial++) {
            double[] light = new double[27];
            for (int k = 0; k < light.length; k++) {
                light[k] = 0.5 * rnd.nextGaussian();
            }
            double[] n = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            for (int c = 0; c < 3; c++) {
                double[] g = new double[3];
                SphericalHarmonics.gradient(n[0], n[1], n[2], light, c, g);
                for (int a = 0; a < 3; a++) {
                    double[] plus = n.clone(), minus = n.clone();
                    plus[a] += h;
                    minus[a] -= h;
                    double fd = (irradiance(plus, light, c) - irradiance(minus, light, c)) / (2 * h);
                    assertEquals(fd, g[a], 1e-7 * Math.max(1, Math.abs(fd)), "trial " + trial + " channel " + c + " axis " + a);
                }
            }
        }
    }

    @Test
    void ambientGivesUnitIrradianceForEveryNormal() {
        Random rnd = new Random(52);
        double[] light = SphericalHarmonics.ambient();
        for (int trial = 0; trial < 10; trial++) {
            double[] n = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            for (int c = 0; c < 3; c++) {
                assertEquals(1, irradiance(new double[] {n[0] / len, n[1] / len, n[2] / len}, light, c), 1e-12);
            }
        }
    }

    private static double irradiance(double[] n, double[] light, int c) {
        double[] basis = new double[9];
        SphericalHarmonics.basis(n[0], n[1], n[2], basis, 0);
        double e = 0;
        for (int k = 0; k < 9; k++) {
            e += light[9 * c + k] * basis[k];
        }
        return e;
    }
}
