package io.face3d.core.mesh;

import io.face3d.core.Face3dException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whitespace-separated tokens of a text mesh file, one line at a time, straight from bytes (no String per line),
 * keeping the line number and byte offset so every error can say where it is.
 */
final class TextLines implements Closeable {
    private final Path file;
    private final String fix;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private long consumed;
    private byte[] line = new byte[256];
    private int lineLength;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int count;
    private long lineNumber;

    /**
     * @param offset          byte offset where reading starts
     * @param linesBefore     lines before that offset (so numbers stay those of the file)
     * @param fix             the fix named by errors, e.g. "re-export the mesh as OBJ"
     */
    TextLines(Path file, long offset, long linesBefore, String fix) throws IOException {
        this.file = file;
        this.fix = fix;
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(offset);
        this.in = Channels.newInputStream(ch);
        this.consumed = offset;
        this.lineNumber = linesBefore;
    }

    /** Reads the next line; false at the end of the file. Rejects binary data (NUL bytes). */
    boolean next() throws IOException {
        lineLength = 0;
        count = 0;
        boolean any = false;
        while (true) {
            if (pos == lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    if (any) {
                        break;
                    }
                    return false;
                }
            }
            byte b = buf[pos++];
            consumed++;
            any = true;
            if (b == '\n') {
                break;
            }
            if (b == 0) {
                lineNumber++;
                throw error("binary data (a NUL byte) in a text file, so this is not a text mesh");
            }
            if (lineLength == line.length) {
                if (line.length >= 1 << 24) {
                    lineNumber++;
                    throw error("a line longer than 16 MB, so this is not a text mesh");
                }
                line = java.util.Arrays.copyOf(line, 2 * line.length);
            }
            line[lineLength++] = b;
        }
        lineNumber++;
        tokenize();
        return true;
    }

    private void tokenize() {
        int i = 0;
        while (i < lineLength) {
            while (i < lineLength && isSpace(line[i])) {
                i++;
            }
            if (i == lineLength) {
                break;
            }
            int s = i;
            while (i < lineLength && !isSpace(line[i])) {
                i++;
            }
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, 2 * count);
                ends = java.util.Arrays.copyOf(ends, 2 * count);
            }
            starts[count] = s;
            ends[count++] = i;
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b;
    }

    /** Number of tokens on the current line (0 for a blank line). */
    int count() {
        return count;
    }

    long lineNumber() {
        return lineNumber;
    }

    /** Bytes of the file read so far, i.e. the offset of the next line. */
    long offset() {
        return consumed;
    }

    /** Whether token i equals {@code word} (ASCII, case-sensitive). */
    boolean is(int i, String word) {
        int s = starts[i], n = ends[i] - s;
        if (n != word.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (line[s + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether token i equals {@code lowerCaseWord} ignoring ASCII case. */
    boolean isIgnoreCase(int i, String lowerCaseWord) {
        int s = starts[i], n = ends[i] - s;
        if (n != lowerCaseWord.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            int c = line[s + k];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lowerCaseWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    String token(int i) {
        return new String(line, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
    }

    /** The rest of the line from token i on, trimmed (file names may hold spaces). */
    String rest(int i) {
        return new String(line, starts[i], ends[count - 1] - starts[i], StandardCharsets.UTF_8);
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    byte byteAt(int index) {
        return line[index];
    }

    /** Token i as a finite float. */
    float parseFloat(int i, String what) {
        double v = parseDouble(i, what);
        if (Math.abs(v) > Float.MAX_VALUE) {
            throw error(what + " is " + token(i) + " (not finite as a float)");
        }
        return (float) v;
    }

    /** Token i as a finite double. */
    double parseDouble(int i, String what) {
        double v = parseNumber(i, what);
        if (!Double.isFinite(v)) {
            throw error(what + " is " + token(i) + " (not finite)");
        }
        return v;
    }

    /** Token i as a number, accepting C's spellings of non-finite values (nan, -nan, inf) besides Java's. */
    double parseNumber(int i, String what) {
        String t = token(i);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            String u = t.toLowerCase(java.util.Locale.ROOT);
            String magnitude = u.startsWith("-") || u.startsWith("+") ? u.substring(1) : u;
            if (magnitude.equals("nan") || magnitude.startsWith("nan(")) {
                return Double.NaN;
            }
            if (magnitude.equals("inf") || magnitude.equals("infinity")) {
                return u.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            throw error(what + " " + MeshFiles.quote(t) + " is not a number");
        }
    }

    /** A decimal integer in bytes [from, to) of the line (int range; overflow is an error). */
    long parseLong(int from, int to, String what) {
        int k = from;
        boolean negative = false;
        if (k < to && (line[k] == '-' || line[k] == '+')) {
            negative = line[k] == '-';
            k++;
        }
        if (k == to) {
            throw error(what + " " + MeshFiles.quote(new String(line, from, to - from, StandardCharsets.ISO_8859_1))
                + " is not an integer");
        }
        long v = 0;
        for (; k < to; k++) {
            int d = line[k] - '0';
            if (d < 0 || d > 9 || v > 1L << 40) {
                throw error(what + " " + MeshFiles.quote(new String(line, from, to - from,
                    StandardCharsets.ISO_8859_1)) + " is not an integer in range");
            }
            v = 10 * v + d;
        }
        return negative ? -v : v;
    }

    long parseLong(int i, String what) {
        return parseLong(starts[i], ends[i], what);
    }

    /** An error at the current line, with the fix given at construction. */
    Face3dException error(String cause) {
        return MeshFiles.atLine(file, lineNumber, cause, fix);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
