package io.face3d.core.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need model assets: on a developer's machine a missing asset skips the test; under CI
 * ({@code CI=true}, where {@code face3d setup} has run) it fails it, so CI cannot pass without running the test.
 */
public final class RequiredAssets {
    private RequiredAssets() {
    }

    /** Skips (fails under CI) when {@code present} is false; {@code what} names the asset and how to get it. */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (underCi()) {
            Assertions.fail(what + " is missing under CI=true (run face3d setup)");
        }
        Assumptions.abort(what + " is not installed (run face3d setup)");
    }

    static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
