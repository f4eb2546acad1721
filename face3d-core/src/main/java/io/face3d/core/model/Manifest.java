package io.face3d.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's manifest.json as plain maps, lists, strings and numbers, read with Jackson's streaming parser.
 * Databind's ObjectMapper is avoided on this path because its first construction in a fresh JVM (class loading)
 * took longer than mapping all 50 MB of arrays: 450-1100 ms against 40-60 ms, measured in fresh JVMs on the shared
 * 2-core build machine, which alone broke the 300 ms cold-load budget; the streaming parser took 60-230 ms there.
 */
final class Manifest {
    private final Object root;

    private Manifest(Object root) {
        this.root = root;
    }

    static Manifest read(Path file) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            p.nextToken();
            return new Manifest(value(p));
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("empty document");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t + " at " + p.currentLocation());
        }
    }

    /** The value at a path of object keys (String) and array indices (Integer), or null if absent. */
    Object at(Object... path) {
        Object o = root;
        for (Object k : path) {
            if (k instanceof String s && o instanceof Map<?, ?> m) {
                o = m.get(s);
            } else if (k instanceof Integer i && o instanceof List<?> l && i >= 0 && i < l.size()) {
                o = l.get(i);
            } else {
                return null;
            }
        }
        return o;
    }

    int intAt(int fallback, Object... path) {
        return at(path) instanceof Number n ? n.intValue() : fallback;
    }

    String textAt(String fallback, Object... path) {
        return at(path) instanceof String s ? s : fallback;
    }

    /** The list at a path, or null. */
    List<?> listAt(Object... path) {
        return at(path) instanceof List<?> l ? l : null;
    }
}
