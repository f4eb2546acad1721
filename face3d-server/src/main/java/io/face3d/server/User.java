package io.face3d.server;

/** A signed-in account: who, in which clinic, with which role ("clinician" or "admin"). */
public record User(String id, String clinicId, String clinicName, String username, String role) {
    public boolean admin() {
        return "admin".equals(role);
    }
}
