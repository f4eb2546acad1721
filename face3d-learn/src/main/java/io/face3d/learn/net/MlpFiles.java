package io.face3d.learn.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Weights as small files: {@code NAME.json} (architecture, parameter count, how they were made) and
 * {@code NAME.f32} (raw little-endian float32: for each layer its weights [out][in] row-major, then its biases).
 */
public final class MlpFiles {
    public static final String FORMAT = "face3d-mlp/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MlpFiles() {
    }

    /** Writes NAME.json and NAME.f32 into {@code dir}; {@code provenance} (may be null) is stored as "training". */
    public static void write(Path dir, Mlp mlp, JsonNode provenance) throws IOException {
        Files.createDirectories(dir);
        ObjectNode h = JSON.createObjectNode();
        h.put("format", FORMAT);
        h.put("name", mlp.name());
        var sizes = h.putArray("sizes");
        for (int s : mlp.sizes()) {
            sizes.add(s);
        }
        h.put("activation", mlp.activation().name().toLowerCase(java.util.Locale.ROOT));
        h.putArray("skip").add(mlp.skipFrom()).add(mlp.skipTo());
        h.put("dtype", "float32");
        h.put("byte_order", "little_endian");
        h.put("layout", "per layer: weights [out][in] row-major, then biases [out]; hidden layers use the activation, "
            + "the last layer is linear; skip [from, to] adds hidden layer 'from' to hidden layer 'to' after activation");
        h.put("parameters", mlp.parameterCount());
        if (provenance != null) {
            h.set("training", provenance);
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * mlp.parameterCount()).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < mlp.layerCount(); k++) {
            for (float v : mlp.weights(k)) {
                buf.putFloat(v);
            }
            for (float v : mlp.biases(k)) {
                buf.putFloat(v);
            }
        }
        Files.write(dir.resolve(mlp.name() + ".f32"), buf.array());
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(mlp.name() + ".json").toFile(), h);
    }

    /** Reads NAME from a directory written by {@link #write}. */
    public static Mlp read(Path dir, String name) {
        try (InputStream h = Files.newInputStream(dir.resolve(name + ".json"));
             InputStream d = Files.newInputStream(dir.resolve(name + ".f32"))) {
            return read(h, d, dir.resolve(name).toString());
        } catch (IOException e) {
            throw new Face3dException("cannot read network weights " + dir.resolve(name) + ".{json,f32} (" + e.getMessage()
                + "): run 'face3d train lift -o " + dir + "' or use the shipped weights");
        }
    }

    /** Reads NAME from the class path folder {@code base} (e.g. "/io/face3d/learn/weights"). */
    public static Mlp readResource(String base, String name) {
        try (InputStream h = MlpFiles.class.getResourceAsStream(base + "/" + name + ".json");
             InputStream d = MlpFiles.class.getResourceAsStream(base + "/" + name + ".f32")) {
            if (h == null || d == null) {
                throw new IllegalStateException("network weights " + base + "/" + name + " are missing from the class path");
            }
            return read(h, d, base + "/" + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read network weights " + base + "/" + name, e);
        }
    }

    private static Mlp read(InputStream header, InputStream data, String where) throws IOException {
        JsonNode h = JSON.readTree(header);
        if (!FORMAT.equals(h.path("format").asText())) {
            throw new Face3dException(where + ".json is not a " + FORMAT + " header: use weights written by face3d train lift");
        }
        int[] sizes = new int[h.path("sizes").size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = h.get("sizes").get(i).asInt();
        }
        Mlp.Activation act = Mlp.Activation.valueOf(h.path("activation").asText("relu").toUpperCase(java.util.Locale.ROOT));
        int skipFrom = h.path("skip").path(0).asInt(-1), skipTo = h.path("skip").path(1).asInt(-1);
        byte[] bytes = data.readAllBytes();
        int layers = sizes.length - 1;
        long expected = 0;
        for (int k = 0; k < layers; k++) {
            expected += (long) sizes[k] * sizes[k + 1] + sizes[k + 1];
        }
        if (bytes.length != 4 * expected) {
            throw new Face3dException(where + ".f32 has " + bytes.length + " bytes, expected " + 4 * expected
                + ": the weights are corrupt, retrain with face3d train lift");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[][] w = new float[layers][], b = new float[layers][];
        for (int k = 0; k < layers; k++) {
            w[k] = new float[sizes[k] * sizes[k + 1]];
            b[k] = new float[sizes[k + 1]];
            buf.asFloatBuffer().get(w[k]);
            buf.position(buf.position() + 4 * w[k].length);
            buf.asFloatBuffer().get(b[k]);
            buf.position(buf.position() + 4 * b[k].length);
        }
        return new Mlp(h.path("name").asText(), sizes, act, skipFrom, skipTo, w, b);
    }
}
