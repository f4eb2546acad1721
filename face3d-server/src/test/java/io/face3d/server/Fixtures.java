package io.face3d.server;

import io.face3d.api.Face3d;
import io.face3d.clinic.Movement;
import io.face3d.clinic.synthetic.SyntheticSubject;
import io.face3d.core.image.Images;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.render.SyntheticFaceConfig;
import io.face3d.fit.render.SyntheticFaceRenderer;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * What the server tests share: one {@link Face3d}, a running server with two clinics (north: admin + clinician,
 * south: clinician), and photo-like renders of one synthetic subject with a one-sided palsy in four postures.
 */
final class Fixtures {
    static final String PASSWORD = "correct-horse-battery";
    private static volatile Face3d face3d;

    private Fixtures() {
    }

    static Face3d face3d() {
        if (face3d == null) {
            synchronized (Fixtures.class) {
                if (face3d == null) {
                    face3d = Face3d.create(Face3d.Config.defaults());
                }
            }
        }
        return face3d;
    }

    static Path repo() {
        return Path.of(System.getProperty("face3d.repo", "..")).toAbsolutePath().normalize();
    }

    /** The viewer script face3d setup installs. */
    static Path viewerScript() {
        return Face3d.Config.defaults().assets().modelsDir().resolve("web").resolve("model-viewer.min.js");
    }

    /** Creates the accounts and starts a server on a free loopback port. */
    static FaceServer start(ServeConfig c) {
        AdminSetup.createAdmin(c, "North Clinic", "north-admin", PASSWORD.toCharArray());
        AdminSetup.createClinician(c, "North Clinic", "north-doc", PASSWORD.toCharArray());
        AdminSetup.createClinician(c, "South Clinic", "south-doc", PASSWORD.toCharArray());
        return FaceServer.start(c, face3d());
    }

    static ServeConfig config(Path data) {
        return ServeConfig.defaults(data).withPort(0).withViewerScript(viewerScript());
    }

    /** PNG photos of one subject (seeded) with a weaker side, frontal, {@code size} pixels square. */
    static Map<Posture, byte[]> photos(long seed, int size, Posture... postures) {
        MorphableModel model = face3d().model();
        SyntheticSubject subject = SyntheticSubject.draw(model, new Random(seed), Movement.SMILE, Movement.BROW,
            Movement.EYES_CLOSED, Movement.EEE);
        SyntheticFaceRenderer r = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults().withSize(size, size)
            .withAngles(0, 0, 0));
        Map<Posture, byte[]> out = new EnumMap<>(Posture.class);
        for (Posture p : postures) {
            double[] ex = subject.expressions().get(p.movement());
            out.put(p, png(r.render(seed, subject.identity(), ex).image()));
        }
        return out;
    }

    static byte[] png(io.face3d.core.image.RgbImage img) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ImageIO.write(Images.toBufferedImage(img), "png", b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] astronaut() throws IOException {
        return Files.readAllBytes(repo().resolve("examples/astronaut.png"));
    }

    /** Where the browser tests put screenshots: docs/screenshots when asked to refresh them, else target/. */
    static Path screenshotDir() throws IOException {
        Path d = Boolean.getBoolean("face3d.updateScreenshots") ? repo().resolve("docs/screenshots")
            : Path.of("target/screenshots");
        Files.createDirectories(d);
        return d;
    }
}
