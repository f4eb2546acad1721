package io.face3d.clinic;

import java.util.Locale;

/**
 * The postures of an assessment, each compared with REST: Auto-eFACE's photo set plus the snarl that Sunnybrook
 * grades and the tight eye closure that eFACE grades beside the gentle one.
 */
public enum Movement {
    REST, SMILE, BROW, EYES_CLOSED, PUCKER, EEE, SNARL, EYES_CLOSED_TIGHT;

    /** Key in report.json: rest, smile, brow, eyes_closed, pucker, eee, snarl, eyes_closed_tight. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The movement in a clinician's words. */
    public String label() {
        return switch (this) {
            case REST -> "At rest";
            case SMILE -> "Open-mouth smile";
            case BROW -> "Brow raise";
            case EYES_CLOSED -> "Gentle eye closure";
            case PUCKER -> "Lip pucker";
            case EEE -> "Saying \"eee\"";
            case SNARL -> "Snarl";
            case EYES_CLOSED_TIGHT -> "Full (tight) eye closure";
        };
    }

    /** The movement for a report.json key, or empty. */
    public static java.util.Optional<Movement> ofKey(String key) {
        for (Movement m : values()) {
            if (m.key().equals(key)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }
}
