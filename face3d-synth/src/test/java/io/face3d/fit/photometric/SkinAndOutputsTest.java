package io.face3d.fit.photometric;

import io.face3d.core.geom.Polygons;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import io.face3d.core.image.RgbImage;
import io.face3d.fit.render.SphericalHarmonics;
import io.face3d.fit.render.SyntheticFace;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;
import io.face3d.fit.render.UvTexture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkinAndOutputsTest {
    @Test
    void skinModelSeparatesSkinFromBackground() {
        int w = 100, h = 100;
        float[] img = new float[3 * w * h];
        Random rnd = new Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean face = x >= 20 && x < 80 && y >= 20 && y < 80;
                float shade = (float) (0.6 + 0.4 * x / w);
                int i = 3 * (y * w + x);
                img[i] = face ? shade * 0.8f : 0.2f;
                img[i + 1] = face ? shade * 0.6f : 0.6f;
                img[i + 2] = face ? shade * 0.5f : 0.3f;
                for (int c = 0; c < 3; c++) {
                    img[i + c] += (float) (0.01 * rnd.nextGaussian());
                }
            }
        }
        SkinColourModel m = SkinColourModel.fit(img, w, h, new double[] {25, 25, 75, 25, 75, 75, 25, 75});
        assertEquals(1, m.weight(0.8 * 0.7, 0.6 * 0.7, 0.5 * 0.7), 1e-9, "shaded skin is skin");
        assertEquals(0.1, m.weight(0.2, 0.6, 0.3), 1e-9, "green background gets the floor attention");
        assertEquals(0.8, m.meanRgb()[0], 0.2);
    }

    @Test
    void convexHullOfASquareWithInnerPoints() {
        double[] hull = SkinColourModel.convexHull(new double[] {0, 0, 10, 0, 5, 5, 10, 10, 0, 10, 3, 7});
        assertEquals(8, hull.length);
        assertTrue(Polygons.contains(hull, 5, 5));
        assertTrue(!Polygons.contains(hull, 11, 5));
    }

    @Test
    void sphericalHarmonicsConstants() {
        float[] n = {0, 0, 1, 0, 0, -1, 1, 0, 0};
        float[] e = new float[9];
        SphericalHarmonics.irradiance(n, 3, SphericalHarmonics.ambient(), e);
        for (float v : e) {
            assertEquals(1, v, 1e-5);
        }
        // a directional light: order-2 irradiance of the clamped cosine, E(d) = (1/4 + 1/2 + 5/16) I (R&H 2001)
        double[] l = new double[27];
        for (int c = 0; c < 3; c++) {
            SphericalHarmonics.addDirectional(0, 0, 1, 1, l, 9 * c);
        }
        SphericalHarmonics.irradiance(n, 3, l, e);
        assertEquals(1.0625, e[0], 1e-4);
        assertTrue(Math.abs(e[3]) < 0.07, "back side " + e[3]);
        assertEquals(0.25 - 5.0 / 32, e[6], 1e-4);
    }

    @Test
    void texturedMeshOverlayAndResidualAreWritten(@TempDir Path dir) throws IOException {
        MorphableModel model = TestModel.get();
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults().withSize(256, 256).withAngles(40, 10, 10));
        PhotometricFitter fitter = new PhotometricFitter(model, PhotometricConfig.perPhoto().withSchedule(1, 2, 500));
        SyntheticFace f = renderer.render(9);
        PhotometricResult r = fitter.fit(f.image(), f.landmarks(), f.pose(), f.identity(), f.expression());
        PhotometricOutputs out = new PhotometricOutputs(model, fitter.mirrorMap());
        out.writeTexturedMesh(r, f.image(), dir, "face", 256);
        List<String> obj = Files.readAllLines(dir.resolve("face.obj"));
        assertEquals(model.vertexCount(io.face3d.core.model.Region.FACE), obj.stream().filter(s -> s.startsWith("v ")).count());
        assertTrue(obj.stream().anyMatch(s -> s.startsWith("f ") && s.contains("/")));
        assertTrue(Files.readString(dir.resolve("face.mtl")).contains("map_Kd face_texture.png"));
        // the texture is filled (photo, mirror or albedo) over the UV charts: compare with the true texture's coverage
        UvTexture tex = out.texture(r, f.image(), 256);
        int filled = 0, skinLike = 0;
        for (int i = 0; i < tex.width() * tex.height(); i++) {
            double s = tex.rgb()[3 * i] + tex.rgb()[3 * i + 1] + tex.rgb()[3 * i + 2];
            if (s > 0) {
                filled++;
                if (tex.rgb()[3 * i] > tex.rgb()[3 * i + 2]) {
                    skinLike++;
                }
            }
        }
        assertTrue(filled > 0.2 * tex.width() * tex.height(), "filled texels " + filled);
        assertTrue(skinLike > 0.6 * filled, "red > blue on skin: " + skinLike + " of " + filled);
        RgbImage over = out.renderOverPhoto(r, f.image());
        RgbImage res = out.residualMap(r, f.image());
        // at the true fit the rendering matches the photo: the residual at the nose tip is small
        int x = (int) f.landmarks()[60], y = (int) f.landmarks()[61];
        assertTrue(res.get(x, y, 0) < 100, "residual at the nose tip " + res.get(x, y, 0));
        double diff = 0;
        for (int c = 0; c < 3; c++) {
            diff += Math.abs(over.get(x, y, c) - f.image().get(x, y, c));
        }
        assertTrue(diff < 3 * 25, "rendering vs photo at the nose tip " + diff);
    }
}
