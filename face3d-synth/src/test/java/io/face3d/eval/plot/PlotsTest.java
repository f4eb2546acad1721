package io.face3d.eval.plot;

import io.face3d.core.mesh.Mesh;
import io.face3d.eval.bench.AnalyticMeshes;
import io.face3d.eval.landmarks.Ced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {

    /** The bump's apex (largest error) is painted with the top colour of the scale, the flat rim with the bottom. */
    @Test
    void heatmapPaintsErrorsWithTheColourScale(@TempDir Path dir) throws Exception {
        Mesh m = AnalyticMeshes.heightField(-40, 40, -40, 40, 81, 81, (x, y) -> 0, 0, 1);
        double[] err = new double[m.vertexCount()];
        float[] p = m.positions();
        for (int v = 0; v < err.length; v++) {
            err[v] = Math.max(0, 4 - Math.hypot(p[3 * v], p[3 * v + 1]) / 5); // 4 mm at the centre, 0 beyond 20 mm
        }
        Path png = dir.resolve("heat.png");
        ErrorHeatmap.write(m, err, 4, "test", png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * 520 + 3 * 24 + 110, img.getWidth());
        // Front panel centre: flat surface facing the viewer, shade 1 -> exactly the top colour.
        int centre = img.getRGB(24 + 260, 40 + 250) & 0xFFFFFF;
        assertColourNear(ColorMap.viridis(1), centre);
        int rim = img.getRGB(24 + 260 + 220, 40 + 250) & 0xFFFFFF;
        assertColourNear(ColorMap.viridis(0), rim);
        assertEquals(0xFFFFFF, img.getRGB(30, 45) & 0xFFFFFF);
    }

    private static void assertColourNear(int expected, int got) {
        for (int s = 0; s <= 16; s += 8) {
            assertEquals(expected >> s & 255, got >> s & 255, 12, String.format("colour %06x vs %06x", expected, got));
        }
    }

    @Test
    void chartsAreWrittenAsPng(@TempDir Path dir) throws Exception {
        Ced a = Ced.of(new double[] {0.01, 0.02, 0.03, 0.05, 0.2}, 0.1, 50);
        Ced b = Ced.of(new double[] {0.02, 0.04, 0.06, 0.08, 0.09}, 0.1, 50);
        Path lines = dir.resolve("ced.png"), bars = dir.resolve("bars.png");
        Charts.writePng(Charts.lines("CED", "NME", "fraction", List.of(new Charts.Series("a", a.thresholds(), a.fractions()),
            new Charts.Series("b", b.thresholds(), b.fractions())), 0.1, 1), lines);
        Charts.writePng(Charts.bars("NME by yaw", "NME (%)", new String[] {"0-30", "30-60", "60-90"},
            new String[] {"fit", "lift"}, new double[][] {{2.1, 3.4, 5.0}, {2.5, 3.0, Double.NaN}}), bars);
        for (Path f : List.of(lines, bars)) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertEquals(760, img.getWidth());
            assertTrue(Files.size(f) > 5000);
            int coloured = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    int c = img.getRGB(x, y) & 0xFFFFFF;
                    coloured += c == 0x0072B2 || c == 0xD55E00 ? 1 : 0;
                }
            }
            assertTrue(coloured > 50, "series colours drawn");
        }
        assertNotEquals(0, Ticks.nice(0, 0.1, 8).length);
        assertEquals(0.02, Ticks.nice(0, 0.1, 8)[1], 1e-12);
        assertEquals(5, Ticks.niceCeil(4.3), 1e-12);
    }
}
