package io.face3d.cli;

/** Exit statuses of CONVENTIONS.md. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
