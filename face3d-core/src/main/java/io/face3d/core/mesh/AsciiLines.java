package io.face3d.core.mesh;

import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Text output of numbers straight into a byte buffer, for the text mesh formats. Floats are written by
 * Jackson's Schubfach (R. Giulietti, "The Schubfach way to render doubles", 2020): the shortest decimal that reads
 * back as the same float, like {@link Float#toString} (the same notation, so every reader of {@code Float.toString}
 * output reads it), at a fraction of JDK 17's {@code FloatingDecimal} cost, which was most of a 9,400-vertex OBJ's
 * writing time; and no {@code Writer} charset encoder between the digits and the file.
 */
final class AsciiLines implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;

    AsciiLines(OutputStream out) {
        this.out = out;
    }

    /** The text in UTF-8 (numbers and keywords are ASCII; a file name may not be). */
    AsciiLines text(String s) throws IOException {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n -= i;
                return bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            buf[n++] = (byte) c;
        }
        return this;
    }

    private AsciiLines bytes(byte[] b) throws IOException {
        room(b.length);
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
        return this;
    }

    AsciiLines ch(char c) throws IOException {
        room(1);
        buf[n++] = (byte) c;
        return this;
    }

    AsciiLines num(float v) throws IOException {
        // Schubfach's text is ASCII: copied as Latin-1 bytes in one block, not char by char
        byte[] b = FloatToDecimal.toString(v).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        room(b.length);
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
        return this;
    }

    /** The decimal digits of {@code v} as {@link Integer#toString(int)} writes them, without a String. */
    AsciiLines num(int v) throws IOException {
        if (v == Integer.MIN_VALUE) {
            return text(Integer.toString(v));
        }
        room(11);
        if (v < 0) {
            buf[n++] = '-';
            v = -v;
        }
        int digits = 1;
        for (int p = 10; digits < 10 && v >= p; p *= 10) {
            digits++;
        }
        int end = n + digits;
        for (int i = end - 1; i >= n; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n = end;
        return this;
    }

    /** Bytes already formatted (e.g. a cached block of lines), of any length. */
    AsciiLines block(byte[] b) throws IOException {
        if (n + b.length <= buf.length) {
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        } else {
            flush();
            out.write(b);
        }
        return this;
    }

    private void room(int bytes) throws IOException {
        if (n + bytes > buf.length) {
            flush();
            if (bytes > buf.length) {
                throw new IllegalArgumentException("a token of " + bytes + " bytes");
            }
        }
    }

    private void flush() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
