package io.face3d.core.image;

import java.util.Set;
import java.util.zip.CRC32;

/**
 * The structure of a PNG or JPEG file held in memory, walked before any pixel is decoded: its size from the header
 * (so the size limits apply before a decoder allocates the raster) and whether the file is complete. Only files
 * that are plainly well formed and whose colours every decoder reads alike pass; everything else (a truncated file,
 * a bad chunk CRC, 16-bit PNG, CMYK or 12-bit JPEG, colour profiles, compressed text, APNG, ...) gets {@code null},
 * and {@link Images#read} hands those to ImageIO, which answers them as it always did.
 *
 * <p>Hand-written because no library on the class path exposes a walk of the chunks (PNG, ISO/IEC 15948 sections
 * 5.3-5.4: length, type, data, CRC-32 of type and data; IEND last) or of the markers (JPEG, ITU-T T.81 annex B:
 * segments with a length up to SOS, then entropy-coded data where 0xFF is followed by 0x00 stuffing or a restart
 * marker, until the next marker; EOI ends the image) without decoding.
 */
final class EncodedImage {
    /** A header that passed: the pixel size it claims, and whether it is a JPEG (for the EXIF orientation). */
    record Header(int width, int height, boolean jpeg) {
    }

    /**
     * Chunks the fast path reads past: the critical ones, and ancillary ones that neither ImageIO nor libpng turns
     * into pixels or warnings. Colour profiles (iCCP, cHRM) make libpng print warnings; compressed text (zTXt,
     * iTXt) would be inflated natively; eXIf and APNG's chunks mean more than one plain image.
     */
    private static final Set<String> PNG_CHUNKS = Set.of("IHDR", "PLTE", "tRNS", "IDAT", "IEND", "pHYs", "tIME",
        "tEXt", "gAMA", "sRGB", "bKGD", "sBIT");

    private EncodedImage() {
    }

    /**
     * The header of a complete 8-bit PNG or a sequential 8-bit JPEG whose Huffman-coded data decodes cleanly
     * ({@link JpegEntropyCheck}); null for anything else (progressive JPEGs included).
     */
    static Header header(byte[] b) {
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return png(b);
        }
        if (b.length > 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return jpeg(b);
        }
        return null;
    }

    private static Header png(byte[] b) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        for (int i = 0; i < 8; i++) {
            if (b[i] != signature[i]) {
                return null;
            }
        }
        int at = 8, width = 0, height = 0;
        boolean idat = false, palette = false;
        int colourType = -1;
        CRC32 crc = new CRC32();
        while (true) {
            if (at + 12 > b.length) {
                return null; // ends before IEND: truncated
            }
            long length = u32(b, at);
            if (length > b.length - at - 12L) {
                return null;
            }
            int len = (int) length;
            String type = new String(b, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            crc.reset();
            crc.update(b, at + 4, 4 + len);
            if (crc.getValue() != u32(b, at + 8 + len) || !PNG_CHUNKS.contains(type)) {
                return null;
            }
            int data = at + 8;
            if (at == 8) {
                if (!type.equals("IHDR") || len != 13) {
                    return null;
                }
                width = (int) Math.min(u32(b, data), Integer.MAX_VALUE);
                height = (int) Math.min(u32(b, data + 4), Integer.MAX_VALUE);
                int depth = b[data + 8], compression = b[data + 10], filter = b[data + 11], interlace = b[data + 12];
                colourType = b[data + 9];
                // 8 bits a sample, every colour type; 16-bit and 1-4-bit samples are scaled differently by the
                // decoders, so they keep ImageIO's values
                if (depth != 8 || !Set.of(0, 2, 3, 4, 6).contains(colourType) || compression != 0 || filter != 0
                    || (interlace != 0 && interlace != 1) || width <= 0 || height <= 0) {
                    return null;
                }
            } else if (type.equals("IHDR")) {
                return null;
            }
            palette |= type.equals("PLTE");
            idat |= type.equals("IDAT");
            if (type.equals("IEND")) {
                return idat && (colourType != 3 || palette) ? new Header(width, height, false) : null;
            }
            at = data + len + 4;
        }
    }

    private static Header jpeg(byte[] b) {
        int at = 2, width = 0, height = 0;
        boolean frame = false, scan = false;
        while (true) {
            if (at + 1 >= b.length || (b[at] & 0xff) != 0xFF) {
                return null;
            }
            int marker = b[at + 1] & 0xff;
            if (marker == 0xFF) {
                at++; // fill byte before a marker
                continue;
            }
            if (marker == 0xD9) {
                // damaged entropy-coded data would make libjpeg-turbo print warnings natively
                return frame && scan && JpegEntropyCheck.clean(b) ? new Header(width, height, true) : null;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0xD8 || marker == 0x00) {
                return null; // no length; outside entropy-coded data they mean a damaged file
            }
            if (at + 4 > b.length) {
                return null;
            }
            int len = (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
            int data = at + 4, end = at + 2 + len;
            if (len < 2 || end > b.length) {
                return null;
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                // baseline, extended Huffman or progressive, 8-bit, grey or YCbCr with the usual component ids;
                // lossless, arithmetic, 12-bit, CMYK and RGB-coded JPEGs keep ImageIO's handling
                if (frame || (marker != 0xC0 && marker != 0xC1 && marker != 0xC2) || len < 8) {
                    return null;
                }
                int precision = b[data] & 0xff;
                height = (b[data + 1] & 0xff) << 8 | b[data + 2] & 0xff;
                width = (b[data + 3] & 0xff) << 8 | b[data + 4] & 0xff;
                int components = b[data + 5] & 0xff;
                if (precision != 8 || width == 0 || height == 0 || (components != 1 && components != 3)
                    || len != 8 + 3 * components) {
                    return null;
                }
                if (components == 3) {
                    int c0 = b[data + 6], c1 = b[data + 9], c2 = b[data + 12];
                    if (!(c0 == 1 && c1 == 2 && c2 == 3) && !(c0 == 0 && c1 == 1 && c2 == 2)) {
                        return null;
                    }
                }
                frame = true;
            } else if (marker == 0xEE && len >= 7 && new String(b, data, 5,
                java.nio.charset.StandardCharsets.ISO_8859_1).equals("Adobe")) {
                return null; // Adobe's colour transform flag: the decoders' rules for it differ
            }
            at = end;
            if (marker == 0xDA) {
                if (!frame) {
                    return null;
                }
                scan = true;
                at = entropyCodedEnd(b, at);
                if (at < 0) {
                    return null; // the scan runs to the end of the file: truncated
                }
            }
        }
    }

    /** Where the entropy-coded data from {@code at} ends (the next marker), or -1 when the file ends first. */
    private static int entropyCodedEnd(byte[] b, int at) {
        for (int i = at; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF) {
                int next = b[i + 1] & 0xff;
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    i++; // stuffed 0xFF or a restart marker: still inside the scan
                } else if (next != 0xFF) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xffL) << 16 | (b[at + 2] & 0xffL) << 8 | b[at + 3] & 0xffL;
    }
}
