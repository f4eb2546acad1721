package io.face3d.server;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An example picture of each posture: the model's face rendered frontally with the posture's expression on both
 * sides (no patient's photo is shown to another patient). Rendered once per posture, on first request.
 */
final class PostureExamples {
    /** One fixed subject (skin, light, background) for every example. */
    private static final long SEED = 7;
    private static final double WEIGHT = 0.8;
    private final MorphableModel model;
    private final Map<Posture, byte[]> cache = new ConcurrentHashMap<>();
    private volatile SyntheticFaceRenderer renderer;

    PostureExamples(MorphableModel model) {
        this.model = model;
    }

    byte[] png(Posture p) {
        return cache.computeIfAbsent(p, this::render);
    }

    /** The blendshape weights of a posture on both sides (the model's pucker is one shape, not two). */
    static double[] expression(MorphableModel model, Posture p, double right, double left) {
        double[] w = new double[model.expressionCount()];
        if (p.movement() == Movement.PUCKER) {
            w[model.expressionIndex("mouthPucker")] = Math.max(right, left);
        } else if (p.movement() != Movement.REST) {
            for (String b : SyntheticSubject.blendshapes(p.movement())) {
                w[model.expressionIndex(b + "_R")] = right;
                w[model.expressionIndex(b + "_L")] = left;
            }
        }
        return w;
    }

    private byte[] render(Posture p) {
        SyntheticFaceRenderer r = renderer;
        if (r == null) {
            r = renderer = new SyntheticFaceRenderer(model, SyntheticFaceConfig.defaults().withSize(240, 240)
                .withAngles(0, 0, 0));
        }
        var face = r.render(SEED, new double[model.identityCount()], expression(model, p, WEIGHT, WEIGHT));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(Images.toBufferedImage(face.image()), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
