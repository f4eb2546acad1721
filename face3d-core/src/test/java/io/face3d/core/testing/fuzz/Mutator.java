package io.face3d.core.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded byte mutations of a valid file: bit flips, byte insertion and deletion, truncation, chunk duplication,
 * huge integers written over binary header bytes, and in text (JSON, OBJ, ASCII PLY/STL) numbers replaced by huge
 * counts, NaN, 1e309, null or a negative. The same {@code Random} state gives the same mutant, so a failure is
 * reproduced from the run's seed and the input's index alone.
 */
public final class Mutator {
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final String[] TEXT_VALUES = {"NaN", "1e309", "-1e309", "null", "-1", "0", "2147483648",
        "9223372036854775807", "99999999999999999999", "4294967295", "\"x\"", "[]", "{}", "1e-400", "-0"};
    private static final long[] BIG = {0x7fffffffL, 0xffffffffL, 0x80000000L, 0x7fffffffffffffffL, -1L, 0x10000L,
        0x40000000L};

    private Mutator() {
    }

    /** One to four mutations of {@code seed}. */
    public static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = once(b, rnd);
        }
        return b;
    }

    private static byte[] once(byte[] b, Random rnd) {
        if (b.length == 0) {
            return new byte[] {(byte) rnd.nextInt(256)};
        }
        return switch (rnd.nextInt(9)) {
            case 0 -> flipBit(b, rnd);
            case 1 -> insert(b, rnd);
            case 2 -> delete(b, rnd);
            case 3 -> java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            case 4 -> duplicate(b, rnd);
            case 5 -> bigInteger(b, rnd);
            case 6, 7 -> textValue(b, rnd);
            default -> randomByte(b, rnd);
        };
    }

    private static byte[] flipBit(byte[] b, Random rnd) {
        int i = rnd.nextInt(b.length);
        b[i] ^= (byte) (1 << rnd.nextInt(8));
        return b;
    }

    private static byte[] randomByte(byte[] b, Random rnd) {
        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        return b;
    }

    private static byte[] insert(byte[] b, Random rnd) {
        int at = rnd.nextInt(b.length + 1);
        int len = 1 + rnd.nextInt(8);
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at);
        for (int i = 0; i < len; i++) {
            out[at + i] = (byte) rnd.nextInt(256);
        }
        System.arraycopy(b, at, out, at + len, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, Random rnd) {
        int at = rnd.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + rnd.nextInt(8));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
    }

    private static byte[] duplicate(byte[] b, Random rnd) {
        int from = rnd.nextInt(b.length);
        int len = 1 + rnd.nextInt(Math.min(b.length - from, 64));
        int at = rnd.nextInt(b.length + 1);
        int copies = 1 + rnd.nextInt(4);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + copies * len);
        out.write(b, 0, at);
        for (int c = 0; c < copies; c++) {
            out.write(b, from, len);
        }
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    /** A huge value over 4 or 8 bytes, in either byte order, mostly near the start where headers hold counts. */
    private static byte[] bigInteger(byte[] b, Random rnd) {
        int width = rnd.nextBoolean() ? 4 : 8;
        if (b.length < width) {
            return b;
        }
        int span = rnd.nextInt(4) == 0 ? b.length : Math.min(b.length, 128);
        int at = rnd.nextInt(span - width + 1 > 0 ? span - width + 1 : 1);
        long v = BIG[rnd.nextInt(BIG.length)];
        boolean little = rnd.nextBoolean();
        for (int i = 0; i < width; i++) {
            int shift = 8 * (little ? i : width - 1 - i);
            b[at + i] = (byte) (v >>> shift);
        }
        return b;
    }

    /** One number of the text replaced by a huge count, a non-finite value, null, or a wrong type. */
    private static byte[] textValue(byte[] b, Random rnd) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        Matcher m = NUMBER.matcher(s);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count == 0) {
            return flipBit(b, rnd);
        }
        int pick = rnd.nextInt(count);
        m.reset();
        for (int i = 0; i <= pick; i++) {
            m.find();
        }
        String v = TEXT_VALUES[rnd.nextInt(TEXT_VALUES.length)];
        return (s.substring(0, m.start()) + v + s.substring(m.end())).getBytes(StandardCharsets.ISO_8859_1);
    }
}
