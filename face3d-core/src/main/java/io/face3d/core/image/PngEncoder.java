package io.face3d.core.image;

import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * PNG of opaque 8-bit RGB pixels packed as ints (0xRRGGBB): filter Up on every row, and a deflate stream of literal
 * bytes and byte runs (distance 1, as zlib's RLE strategy), one dynamic Huffman table per 128 KB of filtered data.
 * The same pixels as OpenCV's level-1 RLE encoder at about the same size (the overlay of a 640 x 640 photo: 574.6
 * against 574.5 KB), in less CPU: no hashing, one histogram pass and one coding pass
 * (docs/decisions/speed5-batch-throughput.md).
 */
final class PngEncoder {
    /** Filtered bytes per deflate block (one Huffman table each). */
    private static final int BLOCK = 1 << 17;
    private static final int MAX_RUN = 258;
    private static final int[] LEN_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LEN_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    /** Run length (3..258) to its length code's index (0..28; the symbol is 257 + index). */
    private static final byte[] LEN_CODE = new byte[MAX_RUN + 1];
    /** Order in which the code-length code's lengths are sent (RFC 1951, 3.2.7). */
    private static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    static {
        for (int c = 0; c < LEN_BASE.length; c++) {
            int last = c + 1 < LEN_BASE.length ? LEN_BASE[c + 1] - 1 : MAX_RUN;
            for (int len = LEN_BASE[c]; len <= last; len++) {
                LEN_CODE[len] = (byte) c;
            }
        }
        LEN_CODE[MAX_RUN] = 28; // 258 has its own code (285), not 284 + extra bits
    }

    private byte[] out;
    private int pos;
    private long bits;
    private int bitCount;

    private PngEncoder(int capacity) {
        out = new byte[capacity];
    }

    /** Whether {@link #intRgb} takes an image of this size (its filtered rows fit in one array). */
    static boolean fits(int width, int height) {
        return width > 0 && height > 0 && (1L + 3L * width) * height < Integer.MAX_VALUE / 2;
    }

    /** The PNG file of {@code pixels} (row-major, {@code width * height} of them). */
    static byte[] intRgb(int[] pixels, int width, int height) {
        if (!fits(width, height) || pixels.length < width * height) {
            throw new IllegalArgumentException("cannot encode a " + width + "x" + height + " PNG from "
                + pixels.length + " pixels");
        }
        byte[] filtered = filterUp(pixels, width, height);
        PngEncoder e = new PngEncoder(filtered.length / 2 + 4096);
        e.raw(new byte[] {(byte) 137, 'P', 'N', 'G', 13, 10, 26, 10});
        byte[] ihdr = new byte[13];
        int32(ihdr, 0, width);
        int32(ihdr, 4, height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour; compression, filter and interlace methods 0
        e.chunk("IHDR", ihdr);
        int idat = e.pos;
        e.pos += 8; // length and type, filled in below
        e.out[e.pos++] = 0x78; // zlib: deflate, 32 KB window
        e.out[e.pos++] = 0x01; // fastest level, no dictionary; (0x7801 % 31 == 0)
        e.deflate(filtered);
        Adler32 adler = new Adler32();
        adler.update(filtered, 0, filtered.length);
        e.ensure(4);
        int32(e.out, e.pos, (int) adler.getValue());
        e.pos += 4;
        int length = e.pos - idat - 8;
        int32(e.out, idat, length);
        e.out[idat + 4] = 'I';
        e.out[idat + 5] = 'D';
        e.out[idat + 6] = 'A';
        e.out[idat + 7] = 'T';
        CRC32 crc = new CRC32();
        crc.update(e.out, idat + 4, length + 4);
        e.ensure(4);
        int32(e.out, e.pos, (int) crc.getValue());
        e.pos += 4;
        e.chunk("IEND", new byte[0]);
        return Arrays.copyOf(e.out, e.pos);
    }

    /** Each row as filter type 2 (Up: the byte minus the one above it; the first row's "above" is zero). */
    private static byte[] filterUp(int[] px, int w, int h) {
        byte[] f = new byte[(1 + 3 * w) * h];
        int o = 0;
        for (int y = 0; y < h; y++) {
            f[o++] = 2;
            int row = y * w;
            if (y == 0) {
                for (int x = 0; x < w; x++) {
                    int p = px[row + x];
                    f[o] = (byte) (p >> 16);
                    f[o + 1] = (byte) (p >> 8);
                    f[o + 2] = (byte) p;
                    o += 3;
                }
            } else {
                int up = row - w;
                for (int x = 0; x < w; x++) {
                    int p = px[row + x], q = px[up + x];
                    f[o] = (byte) ((p >> 16) - (q >> 16));
                    f[o + 1] = (byte) ((p >> 8) - (q >> 8));
                    f[o + 2] = (byte) (p - q);
                    o += 3;
                }
            }
        }
        return f;
    }

    private void deflate(byte[] f) {
        int[] runAt = new int[256];
        int[] runLength = new int[256];
        int[] freq = new int[286];
        for (int start = 0; start < f.length; start += BLOCK) {
            int end = Math.min(f.length, start + BLOCK);
            // pass 1: runs (a byte repeated 3+ times right after itself: length, distance 1) and the histogram
            Arrays.fill(freq, 0);
            int runs = 0;
            int i = start;
            if (i == 0) {
                freq[f[0] & 0xff]++;
                i = 1;
            }
            byte prev = f[i - 1];
            while (i < end) {
                byte b = f[i];
                if (b == prev && i + 2 < end && f[i + 1] == b && f[i + 2] == b) {
                    int limit = Math.min(end - i, MAX_RUN), run = 3;
                    while (run < limit && f[i + run] == b) {
                        run++;
                    }
                    if (runs == runAt.length) {
                        runAt = Arrays.copyOf(runAt, 2 * runs);
                        runLength = Arrays.copyOf(runLength, 2 * runs);
                    }
                    runAt[runs] = i;
                    runLength[runs++] = run;
                    freq[257 + LEN_CODE[run]]++;
                    i += run;
                } else {
                    freq[b & 0xff]++;
                    prev = b;
                    i++;
                }
            }
            freq[256] = 1; // end of block
            int[] litLen = Huffman.lengths(freq, 15);
            int[] litCode = Huffman.codes(litLen);
            int[] distLen = new int[2];
            distLen[0] = 1; // distance 1 (code 0); code 1 only completes the code
            distLen[1] = 1;
            int[] distCode = Huffman.codes(distLen);
            ensure(2 * (end - start) + 1024); // 15 bits per byte at worst, and the block header
            header(end == f.length, litLen, distLen);
            // pass 2: the codes; a literal's code in the low 16 bits of its entry, its length above
            int[] lit = new int[256];
            for (int k = 0; k < 256; k++) {
                lit[k] = litCode[k] | litLen[k] << 16;
            }
            byte[] o = out;
            int p = pos;
            long bb = bits;
            int nb = bitCount;
            int r = 0;
            i = start;
            while (i < end) {
                int nextRun = r < runs ? runAt[r] : end;
                // literals up to the next run, two per check of the bit buffer (at most 30 bits added to < 32)
                while (i + 1 < nextRun) {
                    int t = lit[f[i] & 0xff];
                    bb |= (long) (t & 0xffff) << nb;
                    nb += t >>> 16;
                    t = lit[f[i + 1] & 0xff];
                    bb |= (long) (t & 0xffff) << nb;
                    nb += t >>> 16;
                    i += 2;
                    if (nb >= 32) {
                        o[p] = (byte) bb;
                        o[p + 1] = (byte) (bb >>> 8);
                        o[p + 2] = (byte) (bb >>> 16);
                        o[p + 3] = (byte) (bb >>> 24);
                        p += 4;
                        bb >>>= 32;
                        nb -= 32;
                    }
                }
                if (i < nextRun) {
                    int t = lit[f[i] & 0xff];
                    bb |= (long) (t & 0xffff) << nb;
                    nb += t >>> 16;
                    i++;
                    if (nb >= 32) {
                        o[p] = (byte) bb;
                        o[p + 1] = (byte) (bb >>> 8);
                        o[p + 2] = (byte) (bb >>> 16);
                        o[p + 3] = (byte) (bb >>> 24);
                        p += 4;
                        bb >>>= 32;
                        nb -= 32;
                    }
                }
                if (i < end) { // a run: length code, extra bits, distance 1 (at most 21 bits)
                    int run = runLength[r], c = LEN_CODE[run];
                    bb |= (long) litCode[257 + c] << nb;
                    nb += litLen[257 + c];
                    bb |= (long) (run - LEN_BASE[c]) << nb;
                    nb += LEN_EXTRA[c];
                    bb |= (long) distCode[0] << nb;
                    nb += distLen[0];
                    i += run;
                    r++;
                }
                if (nb >= 32) {
                    o[p] = (byte) bb;
                    o[p + 1] = (byte) (bb >>> 8);
                    o[p + 2] = (byte) (bb >>> 16);
                    o[p + 3] = (byte) (bb >>> 24);
                    p += 4;
                    bb >>>= 32;
                    nb -= 32;
                }
            }
            pos = p;
            bits = bb;
            bitCount = nb;
            put(litCode[256], litLen[256]);
        }
        while (bitCount > 0) {
            ensure(1);
            out[pos++] = (byte) bits;
            bits >>>= 8;
            bitCount -= 8;
        }
        bitCount = 0;
        bits = 0;
    }

    /** A dynamic block's header: BFINAL, BTYPE 2, and both code-length tables (plain lengths, no repeat codes). */
    private void header(boolean last, int[] litLen, int[] distLen) {
        put(last ? 1 : 0, 1);
        put(2, 2);
        int hlit = 286;
        while (hlit > 257 && litLen[hlit - 1] == 0) {
            hlit--;
        }
        int[] clFreq = new int[19];
        for (int k = 0; k < hlit; k++) {
            clFreq[litLen[k]]++;
        }
        for (int len : distLen) {
            clFreq[len]++;
        }
        int[] clLen = Huffman.lengths(clFreq, 7);
        int[] clCode = Huffman.codes(clLen);
        int hclen = 19;
        while (hclen > 4 && clLen[CL_ORDER[hclen - 1]] == 0) {
            hclen--;
        }
        put(hlit - 257, 5);
        put(distLen.length - 1, 5);
        put(hclen - 4, 4);
        for (int k = 0; k < hclen; k++) {
            put(clLen[CL_ORDER[k]], 3);
        }
        for (int k = 0; k < hlit; k++) {
            put(clCode[litLen[k]], clLen[litLen[k]]);
        }
        for (int len : distLen) {
            put(clCode[len], clLen[len]);
        }
    }

    /** Appends {@code n} bits of {@code value}, least significant first (deflate's bit order). */
    private void put(int value, int n) {
        bits |= (long) value << bitCount;
        bitCount += n;
        if (bitCount >= 32) {
            ensure(4);
            out[pos] = (byte) bits;
            out[pos + 1] = (byte) (bits >>> 8);
            out[pos + 2] = (byte) (bits >>> 16);
            out[pos + 3] = (byte) (bits >>> 24);
            pos += 4;
            bits >>>= 32;
            bitCount -= 32;
        }
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, out, pos, b.length);
        pos += b.length;
    }

    private void chunk(String type, byte[] data) {
        ensure(data.length + 12);
        int32(out, pos, data.length);
        pos += 4;
        int typeAt = pos;
        for (int i = 0; i < 4; i++) {
            out[pos++] = (byte) type.charAt(i);
        }
        raw(data);
        CRC32 crc = new CRC32();
        crc.update(out, typeAt, data.length + 4);
        ensure(4);
        int32(out, pos, (int) crc.getValue());
        pos += 4;
    }

    private void ensure(int n) {
        if (pos + n + 8 > out.length) {
            out = Arrays.copyOf(out, Math.max(2 * out.length, pos + n + 8));
        }
    }

    private static void int32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Huffman code lengths limited to a maximum, and deflate's canonical codes for them. */
    static final class Huffman {
        private Huffman() {
        }

        /**
         * Code lengths for the frequencies, none above {@code limit}: optimal lengths, and when the longest is too
         * long the frequencies halved (rounding up, so no used symbol drops out) until it fits. One used symbol is
         * given a partner so that the code is complete.
         */
        static int[] lengths(int[] freq, int limit) {
            int[] f = freq.clone();
            while (true) {
                int[] len = optimal(f);
                int max = 0;
                for (int l : len) {
                    max = Math.max(max, l);
                }
                if (max <= limit) {
                    return len;
                }
                for (int i = 0; i < f.length; i++) {
                    if (f[i] > 0) {
                        f[i] = (f[i] + 1) >> 1;
                    }
                }
            }
        }

        private static int[] optimal(int[] f) {
            int n = f.length;
            int[] len = new int[n];
            int used = 0;
            for (int x : f) {
                if (x > 0) {
                    used++;
                }
            }
            if (used == 0) {
                return len;
            }
            if (used == 1) {
                for (int i = 0; i < n; i++) {
                    if (f[i] > 0) {
                        len[i] = 1;
                        len[i == 0 ? 1 : 0] = 1;
                        break;
                    }
                }
                return len;
            }
            // leaves sorted by frequency (then symbol); internal nodes come out in order of weight: two queues
            long[] leaf = new long[used];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (f[i] > 0) {
                    leaf[k++] = ((long) f[i] << 32) | i;
                }
            }
            Arrays.sort(leaf);
            int total = 2 * used - 1;
            long[] weight = new long[total];
            int[] parent = new int[total];
            for (int i = 0; i < used; i++) {
                weight[i] = leaf[i] >>> 32;
            }
            int nextLeaf = 0, nextInner = used;
            for (int node = used; node < total; node++) {
                int a = nextLeaf < used && (nextInner >= node || weight[nextLeaf] <= weight[nextInner])
                    ? nextLeaf++ : nextInner++;
                int b = nextLeaf < used && (nextInner >= node || weight[nextLeaf] <= weight[nextInner])
                    ? nextLeaf++ : nextInner++;
                weight[node] = weight[a] + weight[b];
                parent[a] = node;
                parent[b] = node;
            }
            int[] depth = new int[total];
            for (int i = total - 2; i >= 0; i--) {
                depth[i] = depth[parent[i]] + 1;
            }
            for (int i = 0; i < used; i++) {
                len[(int) leaf[i]] = depth[i];
            }
            return len;
        }

        /** Canonical codes (RFC 1951, 3.2.2), bit-reversed for deflate's least-significant-first order. */
        static int[] codes(int[] len) {
            int max = 0;
            for (int l : len) {
                max = Math.max(max, l);
            }
            int[] count = new int[max + 1];
            for (int l : len) {
                if (l > 0) {
                    count[l]++;
                }
            }
            int[] next = new int[max + 1];
            int code = 0;
            for (int b = 1; b <= max; b++) {
                code = (code + count[b - 1]) << 1;
                next[b] = code;
            }
            int[] out = new int[len.length];
            for (int i = 0; i < len.length; i++) {
                if (len[i] > 0) {
                    out[i] = Integer.reverse(next[len[i]]++) >>> (32 - len[i]);
                }
            }
            return out;
        }
    }
}
