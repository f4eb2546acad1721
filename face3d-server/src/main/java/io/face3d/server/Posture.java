package io.face3d.server;

import io.face3d.clinic.Movement;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The postures a visit asks for, in the order they are taken, with the instruction shown to the patient. */
public enum Posture {
    REST(Movement.REST, "At rest", "Face relaxed, mouth closed, looking straight at the camera."),
    SMILE(Movement.SMILE, "Full smile", "Smile as widely as you can, showing the teeth."),
    BROW(Movement.BROW, "Brows raised", "Raise both eyebrows as high as you can."),
    EYES_CLOSED(Movement.EYES_CLOSED, "Eyes closed", "Close both eyes gently, as in sleep."),
    PUCKER(Movement.PUCKER, "Pucker", "Push the lips forward as for a kiss or the sound [u]."),
    EEE(Movement.EEE, "Say [e]", "Say a long \"eee\", lips stretched.");

    private final Movement movement;
    private final String title;
    private final String instruction;

    Posture(Movement movement, String title, String instruction) {
        this.movement = movement;
        this.title = title;
        this.instruction = instruction;
    }

    public Movement movement() {
        return movement;
    }

    public String key() {
        return movement.key();
    }

    public String title() {
        return title;
    }

    public String instruction() {
        return instruction;
    }

    /** The posture of a key (rest, smile, brow, eyes_closed, pucker, eee); empty for anything else. */
    public static Optional<Posture> of(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.key().equals(k)).findFirst();
    }

    public static List<Posture> all() {
        return List.of(values());
    }
}
