package io.face3d.cli;

import io.face3d.core.Face3dException;

/** Thrown by commands of the contract that are not built yet: exit 2 with a plain message. */
final class NotAvailableYet {
    private NotAvailableYet() {
    }

    static Face3dException of(String command, int issue) {
        return new Face3dException("'face3d " + command + "' is not available yet (planned in issue #" + issue + ")");
    }
}
