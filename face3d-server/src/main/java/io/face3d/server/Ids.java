package io.face3d.server;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random identifiers: 128 bits from a {@link SecureRandom} in hex. Rows are not numbered, so an id tells nothing
 * about other rows; access is still checked on every request (a guessed id of another clinic's row gets 404).
 */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String random() {
        return token(16);
    }

    static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Whether {@code s} has the shape of an id (so it can go into a query or a path without surprises). */
    static boolean valid(String s) {
        return s != null && s.length() == 32 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
