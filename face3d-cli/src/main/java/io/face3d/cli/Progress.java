package io.face3d.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Progress over a batch of inputs on stderr: a bar redrawn in place when stderr is a terminal, else one line per
 * input (logs and pipes stay readable); both with the time left at the pace so far. Java 17 cannot ask whether
 * stderr itself is a terminal; an interactive
 * console ({@code System.console()}) with a TERM other than "dumb" is taken as the sign.
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final int total;
    private final boolean terminal;
    private final long start = System.nanoTime();

    Progress(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
        this.terminal = terminal();
    }

    /** Whether stderr is taken to be a terminal (a bar redrawn in place; other lines must clear it first). */
    static boolean terminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    void start(int index, Path file) {
        if (terminal) {
            bar(index, file.getFileName().toString());
        }
    }

    void done(int index, Path file, String what) {
        if (terminal) {
            bar(index + 1, file.getFileName().toString());
        } else {
            err.println("[" + (index + 1) + "/" + total + "] " + file + ": " + what + left(index + 1));
            err.flush();
        }
    }

    void failed(int index, Path file, String message) {
        if (terminal) {
            err.print("\r\033[K");
        }
        err.println("[" + (index + 1) + "/" + total + "] " + file + ": error: " + message);
        err.flush();
    }

    void finish() {
        if (terminal) {
            err.println();
            err.flush();
        }
    }

    /** The time left after {@code done} of the inputs, at the pace so far ("" when none is left). */
    private String left(int done) {
        if (done >= total || done == 0) {
            return "";
        }
        double s = (System.nanoTime() - start) / 1e9;
        return " (" + Steps.about(s / done * (total - done)) + ")";
    }

    private void bar(int done, String name) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        double s = (System.nanoTime() - start) / 1e9;
        err.print("\r\033[K[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
            + String.format(" %.1fs", s) + left(done) + " " + name);
        err.flush();
    }
}
