package io.face3d.clinic;

import java.util.Locale;

/** The postures of an assessment (Auto-eFACE's photo set), each compared with REST. */
public enum Movement {
    REST, SMILE, BROW, EYES_CLOSED, PUCKER, EEE;

    /** Key in report.json: rest, smile, brow, eyes_closed, pucker, eee. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
