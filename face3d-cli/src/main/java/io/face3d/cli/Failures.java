package io.face3d.cli;

import io.face3d.core.Face3dException;

import java.util.Locale;

/**
 * What any failure becomes on the command line: one line and an exit status (CONVENTIONS.md: 2 bad input or usage,
 * 1 internal). The single place that names causes, used by {@link Main} for a whole command and by {@link Batch}
 * for one input of many.
 */
final class Failures {
    /** Set from {@code --debug}: the line is then followed by the stack trace. */
    static volatile boolean debug;

    private Failures() {
    }

    /** A failure as the user reads it. */
    record Line(String text, int status) {
    }

    static Line of(Throwable t) {
        if (t instanceof Face3dException) {
            return new Line("error: " + t.getMessage(), ExitCodes.BAD_INPUT);
        }
        if (t instanceof OutOfMemoryError) {
            return new Line("error: out of memory (" + t.getMessage() + "): raise FACE3D_JAVA_OPTS=-Xmx"
                + suggestedHeapGb() + "g (now " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB) or give a "
                + "smaller input", ExitCodes.INTERNAL);
        }
        if (t instanceof StackOverflowError) {
            return new Line("internal error: stack overflow (an input nested too deeply?)"
                + (debug ? "" : " (run again with --debug for details)"), ExitCodes.INTERNAL);
        }
        return new Line("internal error: " + t + (debug ? "" : " (run again with --debug for details)"),
            ExitCodes.INTERNAL);
    }

    /** Twice the present heap, rounded up to whole GiB. */
    private static long suggestedHeapGb() {
        return Math.max(2, (2 * Runtime.getRuntime().maxMemory() + (1L << 30) - 1) >> 30);
    }

    static String plural(int n, String what) {
        return String.format(Locale.ROOT, "%d %s%s", n, what, n == 1 ? "" : "s");
    }
}
