package io.face3d.vision.dlib;

import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dlib {@code shape_predictor} file such as {@code shape_predictor_68_face_landmarks.dat} into a
 * {@link DlibModel}. The file is memory-mapped and decoded in one pass straight into flat arrays.
 *
 * <h2>Byte layout</h2>
 * Found in dlib 19.24's headers ({@code image_processing/shape_predictor.h}, {@code serialize.h},
 * {@code float_details.h}, {@code matrix/matrix.h}, {@code geometry/vector.h}). The file is dlib's
 * {@code serialize(shape_predictor)}, fields in this order:
 * <pre>
 *  int    version                                   = 1
 *  matrix&lt;float,0,1&gt; initial_shape                   the mean shape, x0 y0 x1 y1 ... (2 * parts rows)
 *  vector&lt;vector&lt;regression_tree&gt;&gt; forests          per cascade level, its trees; a tree is
 *      vector&lt;split_feature&gt; splits                   breadth first; split = ulong idx1, ulong idx2, float thresh
 *      vector&lt;matrix&lt;float,0,1&gt;&gt; leaf_values          splits + 1 shape increments
 *  vector&lt;vector&lt;ulong&gt;&gt; anchor_idx                 per level, per feature pixel: its anchor landmark
 *  vector&lt;vector&lt;dlib::vector&lt;float,2&gt;&gt;&gt; deltas     per level, per feature pixel: float dx, float dy
 * </pre>
 * Encodings:
 * <ul>
 * <li>integers ({@code pack_int}): a control byte whose low nibble N (1..8, at most the type's size) counts the
 *     magnitude bytes that follow, least significant first; for signed types bit 0x80 of the control byte marks
 *     a negative value (the bytes hold its magnitude). Zero is {@code 01 00}. Bits 0x70 are always zero.</li>
 * <li>floating point ({@code float_details}): two such integers, an int64 mantissa and an int16 exponent,
 *     value = mantissa * 2^exponent (low zero bytes of the mantissa were shifted off when writing, which is why
 *     most floats take 6 bytes); exponents 32000, 32001, 32002 stand for +inf, -inf and NaN. dlib's older
 *     ASCII float format is recognised by a first byte with one of the bits 0x70 set; it is refused here.</li>
 * <li>{@code std::vector}: ulong size, then the elements.</li>
 * <li>{@code matrix}: long -rows, long -cols (negated to mark the current format), then the elements row by
 *     row. A {@code dlib::vector<float,2>} is just x then y.</li>
 * </ul>
 * The standard 68-point file holds 15 levels of 500 depth-4 trees (15 splits, 16 leaves of 136 floats) and
 * 500 feature pixels per level: leaf values are 16.3 million of its 16.4 million numbers.
 */
public final class DlibModelReader {
    /** 2^e for the exponents a float can carry; outside this range {@link Math#scalb} is used. */
    private static final int POW2_MIN = -300;
    private static final double[] POW2 = new double[601];

    static {
        for (int i = 0; i < POW2.length; i++) {
            POW2[i] = Math.scalb(1.0, i + POW2_MIN);
        }
    }

    private final MappedByteBuffer buf;
    private final int limit;
    private int pos;

    private DlibModelReader(MappedByteBuffer buf) {
        this.buf = buf;
        this.limit = buf.limit();
    }

    /** Reads a shape predictor file; a missing, truncated or foreign file is a {@link Face3dException}. */
    public static DlibModel read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Face3dException("dlib shape predictor " + file + " does not exist: run `face3d setup`"
                + " or give the path of shape_predictor_68_face_landmarks.dat");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new Face3dException("file " + file + " is larger than 2 GB, not a dlib shape predictor");
            }
            DlibModelReader r = new DlibModelReader(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
            return r.model();
        } catch (IOException e) {
            throw new Face3dException("cannot read dlib shape predictor " + file + " (" + e.getMessage()
                + "): check the file is readable");
        } catch (FormatError | IndexOutOfBoundsException e) {
            String why = e instanceof FormatError ? e.getMessage() : "the file ends early";
            throw new Face3dException("file " + file + " is not a readable dlib shape predictor (" + why
                + "): download shape_predictor_68_face_landmarks.dat again or run `face3d setup`");
        }
    }

    private DlibModel model() {
        long version = signed(4);
        if (version != 1) {
            throw new FormatError("version " + version + ", expected 1");
        }
        float[] initial = columnVector(-1);
        int parts = initial.length / 2;
        if (parts == 0 || initial.length % 2 != 0) {
            throw new FormatError("initial shape of " + initial.length + " numbers");
        }
        int levels = fits(count(), 2); // each cascade holds at least its tree count
        List<int[]> idx1 = new ArrayList<>(), idx2 = new ArrayList<>();
        List<float[]> thresholds = new ArrayList<>(), leaves = new ArrayList<>();
        int[] treesOf = new int[levels], splitsOf = new int[levels];
        for (int c = 0; c < levels; c++) {
            int trees = count();
            int splits = -1;
            int[] a = null, b = null;
            float[] t = null, l = null;
            for (int k = 0; k < trees; k++) {
                int n = count();
                if (splits < 0) {
                    splits = n;
                    fits((double) trees * (n + 1) * initial.length, 4);
                    a = new int[trees * n];
                    b = new int[trees * n];
                    t = new float[trees * n];
                    l = new float[trees * (n + 1) * initial.length];
                } else if (n != splits) {
                    throw new FormatError("trees of different depths in cascade " + c);
                }
                for (int s = 0, o = k * splits; s < splits; s++, o++) {
                    a[o] = count();
                    b[o] = count();
                    t[o] = readFloat();
                }
                if (count() != splits + 1) {
                    throw new FormatError("a tree with " + splits + " splits and not " + (splits + 1) + " leaves");
                }
                for (int f = 0; f < splits + 1; f++) {
                    columnVectorInto(l, (k * (splits + 1) + f) * initial.length, initial.length);
                }
            }
            treesOf[c] = trees;
            splitsOf[c] = Math.max(splits, 0);
            idx1.add(a == null ? new int[0] : a);
            idx2.add(b == null ? new int[0] : b);
            thresholds.add(t == null ? new float[0] : t);
            leaves.add(l == null ? new float[0] : l);
        }
        if (count() != levels) {
            throw new FormatError("anchor lists do not match the " + levels + " cascades");
        }
        List<int[]> anchors = new ArrayList<>();
        for (int c = 0; c < levels; c++) {
            int[] anchor = new int[fits(count(), 2)];
            for (int i = 0; i < anchor.length; i++) {
                anchor[i] = count();
                if (anchor[i] >= parts) {
                    throw new FormatError("feature anchor " + anchor[i] + " beyond " + parts + " landmarks");
                }
            }
            anchors.add(anchor);
        }
        if (count() != levels) {
            throw new FormatError("delta lists do not match the " + levels + " cascades");
        }
        List<DlibModel.Cascade> cascades = new ArrayList<>();
        for (int c = 0; c < levels; c++) {
            int[] anchor = anchors.get(c);
            int n = fits(count(), 8);
            if (n != anchor.length) {
                throw new FormatError(n + " deltas for " + anchor.length + " anchors in cascade " + c);
            }
            float[] dx = new float[n], dy = new float[n];
            for (int i = 0; i < n; i++) {
                dx[i] = readFloat();
                dy[i] = readFloat();
            }
            for (int[] idx : List.of(idx1.get(c), idx2.get(c))) {
                for (int v : idx) {
                    if (v >= n) {
                        throw new FormatError("split feature " + v + " beyond " + n + " feature pixels");
                    }
                }
            }
            cascades.add(new DlibModel.Cascade(anchor, dx, dy, treesOf[c], splitsOf[c], idx1.get(c), idx2.get(c),
                thresholds.get(c), leaves.get(c)));
        }
        if (pos != limit) {
            throw new FormatError((limit - pos) + " unexpected bytes after the model");
        }
        return new DlibModel(initial, cascades);
    }

    /** A matrix&lt;float,0,1&gt;; {@code expectedRows} &lt; 0 accepts any. */
    private float[] columnVector(int expectedRows) {
        int rows = fits(matrixRows(expectedRows), 4);
        float[] v = new float[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = readFloat();
        }
        return v;
    }

    private void columnVectorInto(float[] dst, int offset, int rows) {
        matrixRows(rows);
        for (int i = 0; i < rows; i++) {
            dst[offset + i] = readFloat();
        }
    }

    private int matrixRows(int expectedRows) {
        long nr = Math.abs(signed(8)), nc = Math.abs(signed(8));
        if (nc != 1 || nr > Integer.MAX_VALUE || (expectedRows >= 0 && nr != expectedRows)) {
            throw new FormatError("a " + nr + "x" + nc + " matrix where a column vector"
                + (expectedRows >= 0 ? " of " + expectedRows : "") + " was expected");
        }
        return (int) nr;
    }

    /**
     * Refuses sizes the rest of the file cannot hold ({@code minBytes} per item at least: 2 for an integer, 4 for
     * a float), so that a corrupt size fails clearly instead of allocating gigabytes.
     */
    private int fits(double items, int minBytes) {
        if (items * minBytes > limit - pos) {
            throw new FormatError("the file ends early: " + (long) items + " items announced at byte " + pos);
        }
        return (int) items;
    }

    /** An unsigned long used as a size or index. */
    private int count() {
        int ctrl = buf.get(pos++) & 0xff;
        int n = ctrl & 0x8f;
        if (n == 0 || n > 8) {
            throw new FormatError("bad integer control byte 0x" + Integer.toHexString(ctrl) + " at " + (pos - 1));
        }
        long v = magnitude(n);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new FormatError("count " + v + " too large at " + pos);
        }
        return (int) v;
    }

    /** A signed integer of at most {@code maxBytes} bytes. */
    private long signed(int maxBytes) {
        int ctrl = buf.get(pos++) & 0xff;
        int n = ctrl & 0x0f;
        if (n == 0 || n > maxBytes || (ctrl & 0x70) != 0) {
            throw new FormatError("bad integer control byte 0x" + Integer.toHexString(ctrl) + " at " + (pos - 1));
        }
        long v = magnitude(n);
        return (ctrl & 0x80) != 0 ? -v : v;
    }

    private long magnitude(int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (buf.get(pos + i) & 0xff);
        }
        pos += n;
        return v;
    }

    private float readFloat() {
        if ((buf.get(pos) & 0x70) != 0) {
            throw new FormatError("a float in dlib's old text format at " + pos);
        }
        long mantissa = signed(8);
        int exponent = (int) signed(2);
        if (exponent >= 32000) {
            return exponent == 32000 ? Float.POSITIVE_INFINITY
                : exponent == 32001 ? Float.NEGATIVE_INFINITY : Float.NaN;
        }
        int e = exponent - POW2_MIN;
        // A float's mantissa fits in 24 bits, so the double product is exact and so is its cast to float.
        double v = e >= 0 && e < POW2.length ? mantissa * POW2[e] : Math.scalb((double) mantissa, exponent);
        return (float) v;
    }

    /** A malformed file; turned into a one-line {@link Face3dException} by {@link #read}. */
    private static final class FormatError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FormatError(String message) {
            super(message, null, false, false);
        }
    }
}
