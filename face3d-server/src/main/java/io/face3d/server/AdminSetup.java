package io.face3d.server;

/** {@code face3d serve --create-admin}: the only way to the first account (there is no default password). */
public final class AdminSetup {
    private AdminSetup() {
    }

    /** Creates the clinic when missing and an administrator in it. */
    public static User createAdmin(ServeConfig config, String clinic, String username, char[] password) {
        return create(config, clinic, username, password, "admin");
    }

    /** A clinician account (tests and administration scripts). */
    public static User createClinician(ServeConfig config, String clinic, String username, char[] password) {
        return create(config, clinic, username, password, "clinician");
    }

    private static User create(ServeConfig config, String clinic, String username, char[] password, String role) {
        try (Database db = Database.open(config.effectiveJdbcUrl())) {
            Accounts a = new Accounts(db.jdbi());
            return a.createUser(a.clinic(clinic), username, password, role);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }
}
