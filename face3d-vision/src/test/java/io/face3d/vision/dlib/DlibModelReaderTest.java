package io.face3d.vision.dlib;

import io.face3d.core.Face3dException;
import io.face3d.vision.FaceBox;
import io.face3d.core.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DlibModelReaderTest {
    @TempDir
    Path tmp;

    /** dlib's encodings, written independently of the reader from the layout in its class comment. */
    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer integer(long v) {
            long m = Math.abs(v);
            byte[] bytes = new byte[8];
            int n = 0;
            do {
                bytes[n++] = (byte) m;
                m >>>= 8;
            } while (m != 0);
            out.write(n | (v < 0 ? 0x80 : 0));
            out.write(bytes, 0, n);
            return this;
        }

        /** float_details: mantissa * 2^exponent with a 24-bit mantissa, low zero bytes shifted off. */
        Writer real(float v) {
            if (Float.isInfinite(v)) {
                return integer(0).integer(v > 0 ? 32000 : 32001);
            }
            if (v == 0) {
                return integer(0).integer(0);
            }
            int e = Math.getExponent(v) - 23;
            long mantissa = (long) Math.scalb((double) v, -e);
            while ((mantissa & 0xff) == 0) {
                mantissa >>= 8;
                e += 8;
            }
            return integer(mantissa).integer(e);
        }

        Writer column(float... v) {
            integer(-v.length).integer(-1);
            for (float f : v) {
                real(f);
            }
            return this;
        }

        Path to(Path file) throws IOException {
            return Files.write(file, out.toByteArray());
        }
    }

    /**
     * Two landmarks, one cascade of two depth-1 trees over two feature pixels. Feature 0 sits on landmark 0
     * (0.2, 0.2); feature 1 is landmark 1 (0.8, 0.8) + (0.1, 0): pixels (2, 2) and (9, 8) of an 11 x 11 box.
     */
    private Path tinyModel(float threshold2) throws IOException {
        Writer w = new Writer();
        w.integer(1).column(0.2f, 0.2f, 0.8f, 0.8f);
        w.integer(1).integer(2);
        // tree 0: intensity(f0) - intensity(f1) > 10 -> leaf 0 (moves landmark 0 right by 0.1) else leaf 1
        w.integer(1).integer(0).integer(1).real(10f);
        w.integer(2).column(0.1f, 0, 0, 0).column(0, 0, -0.1f, 0);
        // tree 1: intensity(f1) - intensity(f0) > threshold2 -> leaf 0 (moves landmark 1 down) else leaf 1
        w.integer(1).integer(1).integer(0).real(threshold2);
        w.integer(2).column(0, 0, 0, 0.25f).column(0, -0.5f, 0, 0);
        w.integer(1).integer(2).integer(0).integer(1);
        w.integer(1).integer(2).real(0).real(0).real(0.1f).real(0);
        return w.to(tmp.resolve("tiny.dat"));
    }

    private static RgbImage twoPixelImage() {
        RgbImage img = RgbImage.blank(11, 11);
        byte[] rgb = img.rgb();
        // grey (r + g + b) / 3 in integers: (200 + 201 + 202) / 3 = 201 and (40 + 50 + 61) / 3 = 50
        rgb[3 * (2 * 11 + 2)] = (byte) 200;
        rgb[3 * (2 * 11 + 2) + 1] = (byte) 201;
        rgb[3 * (2 * 11 + 2) + 2] = (byte) 202;
        rgb[3 * (8 * 11 + 9)] = 40;
        rgb[3 * (8 * 11 + 9) + 1] = 50;
        rgb[3 * (8 * 11 + 9) + 2] = 61;
        return img;
    }

    @Test
    void readsAHandEncodedModelExactly() throws IOException {
        DlibModel m = DlibModelReader.read(tinyModel(-151f));
        assertArrayEquals(new float[]{0.2f, 0.2f, 0.8f, 0.8f}, m.initialShape());
        assertEquals(1, m.cascades().size());
        DlibModel.Cascade c = m.cascades().get(0);
        assertEquals(2, c.numTrees());
        assertEquals(1, c.splitsPerTree());
        assertArrayEquals(new int[]{0, 1}, c.splitIdx1());
        assertArrayEquals(new int[]{1, 0}, c.splitIdx2());
        assertArrayEquals(new float[]{10f, -151f}, c.threshold());
        assertArrayEquals(new float[]{0.1f, 0, 0, 0, 0, 0, -0.1f, 0, 0, 0, 0, 0.25f, 0, -0.5f, 0, 0}, c.leafValues());
        assertArrayEquals(new int[]{0, 1}, c.anchor());
        assertArrayEquals(new float[]{0, 0.1f}, c.deltaX());
        assertArrayEquals(new float[]{0, 0}, c.deltaY());
    }

    @Test
    void runsTheTreesOnTheRightPixels() throws IOException {
        // f0 = 201, f1 = 50. Tree 0: 151 > 10 -> leaf 0. Tree 1: -151 > -151 is false -> leaf 1 (strict >).
        DlibShapePredictor p = new DlibShapePredictor(DlibModelReader.read(tinyModel(-151f)));
        double[] pts = p.predictPixelIndices(twoPixelImage(), new FaceBox(0, 0, 11, 11, 1, null));
        assertArrayEquals(new double[]{10 * (0.2f + 0.1f), 10 * (0.2f - 0.5f), 8, 8}, pts, 1e-6);
        // With threshold -152 tree 1 goes left instead; predict() adds face3d's half-pixel to dlib's indices.
        DlibShapePredictor q = new DlibShapePredictor(DlibModelReader.read(tinyModel(-152f)));
        double[] pts2 = q.predict(twoPixelImage(), new FaceBox(0, 0, 11, 11, 1, null));
        assertArrayEquals(new double[]{10 * (0.2f + 0.1f) + 0.5, 2.5, 8.5, 10 * (0.8f + 0.25f) + 0.5}, pts2, 1e-6);
    }

    @Test
    void readsSpecialFloats() throws IOException {
        Path f = new Writer().integer(1).column(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -3.5e-20f, 1.7e30f)
            .integer(0).integer(0).integer(0).to(tmp.resolve("special.dat"));
        assertArrayEquals(new float[]{Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -3.5e-20f, 1.7e30f},
            DlibModelReader.read(f).initialShape());
    }

    @Test
    void the68PointModelHasTheKnownStructure() {
        DlibModel m = DlibTestSupport.predictor().model();
        assertEquals(68, m.numParts());
        assertEquals(15, m.cascades().size());
        for (DlibModel.Cascade c : m.cascades()) {
            assertEquals(500, c.numTrees());
            assertEquals(15, c.splitsPerTree());
            assertEquals(500, c.numFeatures());
            assertEquals(500 * 16 * 136, c.leafValues().length);
        }
        for (float v : m.initialShape()) {
            assertTrue(v > -0.5f && v < 1.5f, "mean shape outside the box frame: " + v);
        }
    }

    @Test
    void missingFileNamesTheFix() {
        Face3dException e = assertThrows(Face3dException.class, () -> DlibModelReader.read(tmp.resolve("none.dat")));
        assertTrue(e.getMessage().contains("face3d setup"), e.getMessage());
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path part = tmp.resolve("part.dat");
        try (InputStream in = Files.newInputStream(DlibTestSupport.modelFile())) {
            Files.write(part, in.readNBytes(100_000));
        }
        Face3dException e = assertThrows(Face3dException.class, () -> DlibModelReader.read(part));
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
    }

    @Test
    void foreignFileIsRefused() throws IOException {
        Face3dException e = assertThrows(Face3dException.class,
            () -> DlibModelReader.read(DlibTestSupport.resource("astronaut.png")));
        assertTrue(e.getMessage().contains("not a readable dlib shape predictor"), e.getMessage());
        Path text = Files.writeString(tmp.resolve("text.dat"), "1 0.5 0.25 hello");
        assertThrows(Face3dException.class, () -> DlibModelReader.read(text));
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        Path f = new Writer().integer(1).column(0.5f, 0.5f).integer(0).integer(0).integer(0).integer(7)
            .to(tmp.resolve("trailing.dat"));
        assertThrows(Face3dException.class, () -> DlibModelReader.read(f));
    }

    @Test
    void corruptSizesFailClearlyInsteadOfAllocating() throws IOException {
        // One cascade announcing two billion depth-4 trees (64e9 leaf floats for 2 landmarks) in a 23-byte file.
        Path f = new Writer().integer(1).column(0.5f, 0.5f).integer(1).integer(2_000_000_000L).integer(15)
            .to(tmp.resolve("huge.dat"));
        Face3dException e = assertThrows(Face3dException.class, () -> DlibModelReader.read(f));
        assertTrue(e.getMessage().contains("64000000000 items announced"), e.getMessage());
    }
}
