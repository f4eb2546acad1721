package io.face3d.server;

import io.face3d.core.Face3dException;

/** {@code face3d serve --create-admin}: the only way to the first account (there is no default password). */
public final class AdminSetup {
    private AdminSetup() {
    }

    /** Creates the clinic when missing and an administrator in it. */
    public static User createAdmin(ServeConfig config, String clinic, String username, char[] password) {
        try (Database db = Database.open(config.effectiveJdbcUrl())) {
            Accounts a = new Accounts(db.jdbi());
            return a.createUser(a.clinic(clinic), username, password, "admin");
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** A clinician account (tests and administration scripts). */
    public static User createClinician(ServeConfig config, String clinic, String username, char[] password) {
        if (username == null) {
            throw new Face3dException("a user name is needed");
        }
        try (Database db = Database.open(config.effectiveJdbcUrl())) {
            Accounts a = new Accounts(db.jdbi());
            return a.createUser(a.clinic(clinic), username, password, "clinician");
        }
    }
}
