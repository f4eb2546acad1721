package io.face3d.core.image;

/**
 * Whether the Huffman-coded data of a sequential JPEG (ITU-T T.81 annex F) decodes cleanly: every code in its
 * table, coefficient runs inside the 8 x 8 block, magnitudes an 8-bit image can have, exactly the frame's count of
 * blocks per scan, restart markers where the restart interval puts them and in sequence, each component in one scan,
 * the scan ending at a marker. libjpeg-turbo (inside OpenCV) decodes damaged data too, but prints "Corrupt JPEG
 * data: ..." to the process's stderr from native code, out of the program's reach; a file that fails here goes to
 * ImageIO instead, whose libjpeg hands warnings to Java. Progressive files are not checked (their refinement scans
 * need the coefficients of the scans before them): {@link #clean} says false and they go to ImageIO as well.
 *
 * <p>Only the Huffman symbols are decoded (a 9-bit lookup per code, no dequantisation or inverse DCT). Stricter than
 * libjpeg where the two differ (a byte of padding more than the last code needs is refused here, and ignored by
 * libjpeg only when its bit buffer has already read it): a stricter check costs a slower decode, never a warning.
 * Hand-written because no library on the class path checks the entropy-coded data without decoding the image.
 */
final class JpegEntropyCheck {
    private static final int LOOKUP_BITS = 9;

    private final byte[] b;
    /** Huffman tables by class (0 DC, 1 AC) * 4 + id; null when not defined. */
    private final Huffman[] tables = new Huffman[8];
    private int restartInterval;
    private int width, height, hMax = 1, vMax = 1;
    private int[] ids, hs, vs;
    private boolean[] scanned;
    // bit reader
    private int at;
    private long bits;
    private int bitCount;
    private boolean hitMarker;
    /** File offsets of the last 8 bytes fetched into {@link #bits}, by fetch count mod 8. */
    private final int[] fetchedAt = new int[8];
    private long fetched;

    private JpegEntropyCheck(byte[] b) {
        this.b = b;
    }

    /** True when {@code file}, a JPEG whose markers {@link EncodedImage} walked, is sequential and decodes cleanly. */
    static boolean clean(byte[] file) {
        try {
            return new JpegEntropyCheck(file).walk();
        } catch (RuntimeException e) {
            return false; // an index out of the file or a table that does not parse: damaged
        }
    }

    private boolean walk() {
        int p = 2;
        while (true) {
            while ((b[p + 1] & 0xff) == 0xFF) {
                p++;
            }
            int marker = b[p + 1] & 0xff;
            if (marker == 0xD9) {
                if (ids == null) {
                    return false;
                }
                for (boolean s : scanned) {
                    if (!s) {
                        return false;
                    }
                }
                return true;
            }
            int len = (b[p + 2] & 0xff) << 8 | b[p + 3] & 0xff;
            int data = p + 4, end = p + 2 + len;
            switch (marker) {
                case 0xC0, 0xC1 -> {
                    if (!frame(data)) {
                        return false;
                    }
                }
                case 0xC2 -> {
                    return false;
                }
                case 0xC4 -> {
                    if (!huffman(data, end)) {
                        return false;
                    }
                }
                case 0xDD -> restartInterval = (b[data] & 0xff) << 8 | b[data + 1] & 0xff;
                case 0xE0 -> {
                    // libjpeg warns about a JFIF major version other than 1
                    if (len >= 9 && b[data] == 'J' && b[data + 1] == 'F' && b[data + 2] == 'I' && b[data + 3] == 'F'
                        && b[data + 4] == 0 && b[data + 5] != 1) {
                        return false;
                    }
                }
                default -> {
                }
            }
            p = end;
            if (marker == 0xDA) {
                p = scan(data);
                if (p < 0) {
                    return false;
                }
            }
        }
    }

    private boolean frame(int data) {
        height = (b[data + 1] & 0xff) << 8 | b[data + 2] & 0xff;
        width = (b[data + 3] & 0xff) << 8 | b[data + 4] & 0xff;
        int n = b[data + 5] & 0xff;
        ids = new int[n];
        hs = new int[n];
        vs = new int[n];
        scanned = new boolean[n];
        for (int c = 0; c < n; c++) {
            ids[c] = b[data + 6 + 3 * c] & 0xff;
            hs[c] = (b[data + 7 + 3 * c] & 0xff) >> 4;
            vs[c] = b[data + 7 + 3 * c] & 0x0f;
            if (hs[c] < 1 || hs[c] > 4 || vs[c] < 1 || vs[c] > 4) {
                return false;
            }
            hMax = Math.max(hMax, hs[c]);
            vMax = Math.max(vMax, vs[c]);
        }
        return true;
    }

    private boolean huffman(int p, int end) {
        while (p < end) {
            int tc = (b[p] & 0xff) >> 4, th = b[p] & 0x0f;
            if (tc > 1 || th > 3) {
                return false;
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = b[p + l] & 0xff;
                total += counts[l];
            }
            if (total > 256 || p + 17 + total > end) {
                return false;
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = b[p + 17 + i] & 0xff;
            }
            Huffman h = Huffman.of(counts, symbols);
            if (h == null) {
                return false;
            }
            tables[tc * 4 + th] = h;
            p += 17 + total;
        }
        return p == end;
    }

    /** Decodes one scan whose header starts at {@code data}; the position of the marker after it, or -1. */
    private int scan(int data) {
        if (ids == null) {
            return -1;
        }
        int ns = b[data] & 0xff;
        int[] comp = new int[ns];
        Huffman[] dc = new Huffman[ns], ac = new Huffman[ns];
        for (int k = 0; k < ns; k++) {
            int id = b[data + 1 + 2 * k] & 0xff, t = b[data + 2 + 2 * k] & 0xff;
            comp[k] = -1;
            for (int c = 0; c < ids.length; c++) {
                if (ids[c] == id) {
                    comp[k] = c;
                }
            }
            if (comp[k] < 0 || scanned[comp[k]]) {
                return -1;
            }
            scanned[comp[k]] = true;
            dc[k] = tables[t >> 4 & 3];
            ac[k] = tables[4 + (t & 3)];
            if ((t >> 4) > 3 || (t & 0x0f) > 3 || dc[k] == null || ac[k] == null) {
                return -1;
            }
        }
        int ss = b[data + 1 + 2 * ns] & 0xff, se = b[data + 2 + 2 * ns] & 0xff, a = b[data + 3 + 2 * ns] & 0xff;
        if (ns < 1 || ns > 4 || ss != 0 || se != 63 || a != 0) {
            return -1; // "Invalid SOS parameters for sequential JPEG"
        }
        long units;
        int[] blocksPerUnit = new int[ns];
        if (ns == 1) {
            int c = comp[0];
            long bw = ceilDiv(ceilDiv((long) width * hs[c], hMax), 8), bh = ceilDiv(ceilDiv((long) height * vs[c],
                vMax), 8);
            units = bw * bh;
            blocksPerUnit[0] = 1;
        } else {
            units = ceilDiv(width, 8L * hMax) * ceilDiv(height, 8L * vMax);
            for (int k = 0; k < ns; k++) {
                blocksPerUnit[k] = hs[comp[k]] * vs[comp[k]];
            }
        }
        at = data + 1 + 2 * ns + 3;
        bits = 0;
        bitCount = 0;
        hitMarker = false;
        fetched = 0;
        int restart = 0;
        for (long u = 0; u < units; u++) {
            if (restartInterval > 0 && u > 0 && u % restartInterval == 0) {
                if (!restartMarker(restart)) {
                    return -1;
                }
                restart = (restart + 1) & 7;
            }
            for (int k = 0; k < ns; k++) {
                for (int blk = 0; blk < blocksPerUnit[k]; blk++) {
                    if (!block(dc[k], ac[k])) {
                        return -1;
                    }
                }
            }
        }
        // what is left of the bit buffer is padding inside the last byte used; the marker must come next
        int p = firstUnread();
        return p + 1 < b.length && (b[p] & 0xff) == 0xFF && b[p + 1] != 0 && ((b[p + 1] & 0xff) < 0xD0
            || (b[p + 1] & 0xff) > 0xD7) ? p : -1;
    }

    /** Where the first byte the buffer fetched ahead and did not use starts in the file (stuffing counted). */
    private int firstUnread() {
        int unread = bitCount / 8;
        return unread == 0 ? at : fetchedAt[(int) ((fetched - unread) & 7)];
    }

    private boolean restartMarker(int n) {
        at = firstUnread();
        bits = 0;
        bitCount = 0;
        hitMarker = false;
        fetched = 0;
        while (at + 1 < b.length && (b[at] & 0xff) == 0xFF && (b[at + 1] & 0xff) == 0xFF) {
            at++;
        }
        if (at + 1 >= b.length || (b[at] & 0xff) != 0xFF || (b[at + 1] & 0xff) != 0xD0 + n) {
            return false;
        }
        at += 2;
        return true;
    }

    private boolean block(Huffman dc, Huffman ac) {
        int s = decode(dc);
        if (s < 0 || s > 11 || !skip(s)) {
            return false;
        }
        for (int k = 1; k < 64; ) {
            int rs = decode(ac);
            if (rs < 0) {
                return false;
            }
            int r = rs >> 4, size = rs & 0x0f;
            if (size == 0) {
                if (r == 15) {
                    k += 16;
                    continue;
                }
                if (r != 0) {
                    return false; // EOBn belongs to progressive scans
                }
                break; // end of block
            }
            k += r;
            if (k > 63 || size > 10 || !skip(size)) {
                return false;
            }
            k++;
        }
        return true;
    }

    /** Fills the buffer to at least 49 bits, or up to the marker that ends the data. */
    private void fill() {
        while (bitCount <= 48 && !hitMarker) {
            if (at >= b.length) {
                hitMarker = true;
                return;
            }
            int v = b[at] & 0xff;
            if (v == 0xFF) {
                if (at + 1 < b.length && b[at + 1] == 0) {
                    at += 2;
                } else {
                    hitMarker = true; // a marker: no more data in this scan (or interval)
                    return;
                }
            } else {
                at++;
            }
            fetchedAt[(int) (fetched++ & 7)] = v == 0xFF ? at - 2 : at - 1;
            bits |= (long) v << (56 - bitCount);
            bitCount += 8;
        }
    }

    private boolean skip(int n) {
        if (bitCount < n) {
            fill();
            if (bitCount < n) {
                return false;
            }
        }
        bits <<= n;
        bitCount -= n;
        return true;
    }

    /** The next symbol of {@code h}, or -1 for a code not in the table or data that ends first. */
    private int decode(Huffman h) {
        if (bitCount < 16) {
            fill();
        }
        int peek = (int) (bits >>> (64 - LOOKUP_BITS));
        int e = h.lookup[peek];
        if (e != 0) {
            int len = e >> 8;
            if (len > bitCount) {
                return -1;
            }
            bits <<= len;
            bitCount -= len;
            return e & 0xff;
        }
        int code = 0;
        for (int len = 1; len <= 16; len++) {
            if (len > bitCount) {
                return -1;
            }
            code = (int) (bits >>> (64 - len));
            if (h.maxCode[len] >= 0 && code <= h.maxCode[len] && code >= h.minCode[len]) {
                bits <<= len;
                bitCount -= len;
                return h.symbols[h.valPtr[len] + code - h.minCode[len]];
            }
        }
        return -1;
    }

    private static long ceilDiv(long a, long d) {
        return (a + d - 1) / d;
    }

    /** A canonical Huffman table (T.81 annex C): codes by length, and a lookup of the codes up to 9 bits. */
    private record Huffman(int[] minCode, int[] maxCode, int[] valPtr, int[] symbols, int[] lookup) {
        static Huffman of(int[] counts, int[] symbols) {
            int[] min = new int[17], max = new int[17], ptr = new int[17];
            int[] lookup = new int[1 << LOOKUP_BITS];
            int code = 0, k = 0;
            for (int len = 1; len <= 16; len++) {
                ptr[len] = k;
                min[len] = code;
                max[len] = counts[len] == 0 ? -1 : code + counts[len] - 1;
                for (int i = 0; i < counts[len]; i++, k++, code++) {
                    if (len <= LOOKUP_BITS) {
                        int shift = LOOKUP_BITS - len;
                        for (int fill = 0; fill < 1 << shift; fill++) {
                            lookup[(code << shift) | fill] = len << 8 | symbols[k];
                        }
                    }
                }
                if (code >= 1 << len && counts[len] > 0) {
                    return null; // more codes than the length allows (libjpeg: "Bogus Huffman table")
                }
                code <<= 1;
            }
            return new Huffman(min, max, ptr, symbols, lookup);
        }
    }
}
