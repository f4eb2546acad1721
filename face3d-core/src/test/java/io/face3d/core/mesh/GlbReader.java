package io.face3d.core.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A minimal GLB parser for tests: checks the container (glTF 2.0 spec 4.4: header, JSON chunk padded with spaces,
 * BIN chunk, 4-byte alignment, lengths) and the accessors against their buffer views, then hands out the arrays.
 */
final class GlbReader {
    private final JsonNode json;
    private final ByteBuffer bin;

    private GlbReader(JsonNode json, ByteBuffer bin) {
        this.json = json;
        this.bin = bin;
    }

    static GlbReader read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x46546C67, b.getInt(0), "magic glTF");
        assertEquals(2, b.getInt(4), "version");
        assertEquals(b.capacity(), b.getInt(8), "total length");
        int jsonLength = b.getInt(12);
        assertEquals(0x4E4F534A, b.getInt(16), "JSON chunk type");
        assertEquals(0, jsonLength % 4, "JSON chunk padded to 4 bytes");
        byte[] text = new byte[jsonLength];
        b.get(20, text);
        JsonNode json = new ObjectMapper().readTree(text); // trailing space padding is valid JSON whitespace
        int binStart = 20 + jsonLength;
        int binLength = b.getInt(binStart);
        assertEquals(0x004E4942, b.getInt(binStart + 4), "BIN chunk type");
        assertEquals(0, binLength % 4, "BIN chunk padded to 4 bytes");
        assertEquals(b.capacity(), binStart + 8 + binLength, "chunks fill the file");
        assertEquals("2.0", json.path("asset").path("version").asText());
        assertEquals(binLength, json.path("buffers").get(0).path("byteLength").asLong(), "buffer = BIN chunk");
        for (JsonNode view : json.path("bufferViews")) {
            long offset = view.path("byteOffset").asLong(), length = view.path("byteLength").asLong();
            assertEquals(0, offset % 4, "aligned view");
            assertTrue(offset + length <= binLength, "view inside the buffer");
        }
        for (JsonNode acc : json.path("accessors")) {
            JsonNode view = json.path("bufferViews").get(acc.path("bufferView").asInt());
            int components = switch (acc.path("type").asText()) {
                case "VEC3" -> 3;
                case "VEC2" -> 2;
                default -> 1;
            };
            assertEquals(4L * components * acc.path("count").asLong(), view.path("byteLength").asLong(),
                "accessor fills its tightly packed view");
        }
        ByteBuffer data = b.slice(binStart + 8, binLength).order(ByteOrder.LITTLE_ENDIAN);
        return new GlbReader(json, data);
    }

    private JsonNode primitive() {
        return json.path("meshes").get(0).path("primitives").get(0);
    }

    Set<String> attributeNames() {
        Set<String> s = new HashSet<>();
        primitive().path("attributes").fieldNames().forEachRemaining(s::add);
        return s;
    }

    float[] floats(String attribute) {
        JsonNode acc = json.path("accessors").get(primitive().path("attributes").path(attribute).asInt());
        assertEquals(5126, acc.path("componentType").asInt());
        JsonNode view = json.path("bufferViews").get(acc.path("bufferView").asInt());
        float[] r = new float[(int) (view.path("byteLength").asLong() / 4)];
        bin.slice(view.path("byteOffset").asInt(), 4 * r.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(r);
        return r;
    }

    int[] indices() {
        JsonNode acc = json.path("accessors").get(primitive().path("indices").asInt());
        assertEquals(5125, acc.path("componentType").asInt());
        JsonNode view = json.path("bufferViews").get(acc.path("bufferView").asInt());
        int[] r = new int[acc.path("count").asInt()];
        bin.slice(view.path("byteOffset").asInt(), 4 * r.length).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(r);
        return r;
    }

    /** {min, max} of the POSITION accessor as written in the JSON. */
    float[][] positionBounds() {
        JsonNode acc = json.path("accessors").get(primitive().path("attributes").path("POSITION").asInt());
        float[][] r = new float[2][3];
        for (int a = 0; a < 3; a++) {
            r[0][a] = (float) acc.path("min").get(a).asDouble();
            r[1][a] = (float) acc.path("max").get(a).asDouble();
        }
        return r;
    }

    long imageLength() {
        JsonNode image = json.path("images").get(0);
        return json.path("bufferViews").get(image.path("bufferView").asInt()).path("byteLength").asLong();
    }
}
