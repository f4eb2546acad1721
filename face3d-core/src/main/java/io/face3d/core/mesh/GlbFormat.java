package io.face3d.core.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * glTF 2.0 binary (GLB, Khronos glTF 2.0 specification section 4.4): a 12-byte header, a JSON chunk padded with
 * spaces and a BIN chunk padded with zeros to 4 bytes. One mesh primitive with POSITION (with min/max), NORMAL,
 * TEXCOORD_0 and COLOR_0 when known, and 32-bit indices. glTF keeps one UV per vertex, so vertices are split where
 * a vertex has several UVs (texture seams). Positions stay in mm; the node scales by 0.001 since glTF is in metres.
 * The texture is embedded when its file exists beside the GLB, else referenced by URI.
 */
final class GlbFormat {
    private static final int MAGIC = 0x46546C67; // "glTF"
    private static final int JSON_CHUNK = 0x4E4F534A; // "JSON"
    private static final int BIN_CHUNK = 0x004E4942; // "BIN\0"
    private static final int FLOAT = 5126;
    private static final int UNSIGNED_INT = 5125;
    private static final int ARRAY_BUFFER = 34962;
    private static final int ELEMENT_ARRAY_BUFFER = 34963;

    private GlbFormat() {
    }

    /**
     * @param file       where to write (a temporary name)
     * @param finalPath  the name the file will have; the texture is looked up beside it
     */
    static void write(Mesh mesh, Path file, Path finalPath) throws IOException {
        int[] cornerUv = ObjFormat.cornerUvs(mesh);
        int[] triangles = mesh.triangles();
        int[] source; // original vertex of each output vertex
        int[] sourceUv; // UV of each output vertex, or null
        int[] indices;
        if (cornerUv == null || cornerUv == triangles) {
            source = null;
            sourceUv = cornerUv == null ? null : identity(mesh.vertexCount());
            indices = triangles;
        } else {
            Split split = split(triangles, cornerUv);
            source = split.vertex;
            sourceUv = split.uv;
            indices = split.indices;
        }
        int n = source == null ? mesh.vertexCount() : source.length;
        float[] positions = gather(mesh.positions(), source, 3);
        float[] normals = unitNormals(gather(mesh.vertexNormals(), source, 3));
        float[] colors = mesh.colors() == null ? null : clamp01(gather(mesh.colors(), source, 3));
        float[] texcoords = null;
        if (sourceUv != null) {
            float[] uv = mesh.uvs();
            texcoords = new float[2 * n];
            for (int i = 0; i < n; i++) {
                texcoords[2 * i] = uv[2 * sourceUv[i]];
                texcoords[2 * i + 1] = 1 - uv[2 * sourceUv[i] + 1]; // glTF's v runs down from the top, OBJ's up
            }
        }
        byte[] image = null;
        String mime = null;
        if (texcoords != null && mesh.texture() != null) {
            Path tex = finalPath.toAbsolutePath().getParent().resolve(mesh.texture());
            String name = mesh.texture().toLowerCase(Locale.ROOT);
            mime = name.endsWith(".png") ? "image/png" : name.endsWith(".jpg") || name.endsWith(".jpeg")
                ? "image/jpeg" : null;
            if (mime != null && Files.isRegularFile(tex)) {
                image = Files.readAllBytes(tex);
            }
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("asset").put("version", "2.0").put("generator", "face3d");
        root.put("scene", 0);
        root.putArray("scenes").addObject().putArray("nodes").add(0);
        ObjectNode node = root.putArray("nodes").addObject().put("mesh", 0);
        node.putArray("scale").add(0.001).add(0.001).add(0.001);
        ObjectNode primitive = root.putArray("meshes").addObject().putArray("primitives").addObject();
        ObjectNode attributes = primitive.putObject("attributes");
        ArrayNode views = json.createArrayNode();
        ArrayNode accessors = json.createArrayNode();
        long[] offset = {0};

        attributes.put("POSITION", accessor(views, accessors, offset, n, "VEC3", FLOAT, ARRAY_BUFFER));
        ObjectNode position = (ObjectNode) accessors.get(0);
        float[] min = new float[3], max = new float[3];
        bounds(positions, min, max);
        ArrayNode mn = position.putArray("min"), mx = position.putArray("max");
        for (int a = 0; a < 3; a++) {
            mn.add(min[a]);
            mx.add(max[a]);
        }
        attributes.put("NORMAL", accessor(views, accessors, offset, n, "VEC3", FLOAT, ARRAY_BUFFER));
        if (texcoords != null) {
            attributes.put("TEXCOORD_0", accessor(views, accessors, offset, n, "VEC2", FLOAT, ARRAY_BUFFER));
        }
        if (colors != null) {
            attributes.put("COLOR_0", accessor(views, accessors, offset, n, "VEC3", FLOAT, ARRAY_BUFFER));
        }
        primitive.put("indices", accessor(views, accessors, offset, indices.length, "SCALAR", UNSIGNED_INT,
            ELEMENT_ARRAY_BUFFER));
        primitive.put("mode", 4); // triangles
        primitive.put("material", 0);
        ObjectNode material = root.putArray("materials").addObject();
        material.put("doubleSided", true);
        ObjectNode pbr = material.putObject("pbrMetallicRoughness").put("metallicFactor", 0.0)
            .put("roughnessFactor", 1.0);
        if (texcoords != null && mesh.texture() != null) {
            pbr.putObject("baseColorTexture").put("index", 0);
            root.putArray("textures").addObject().put("source", 0).put("sampler", 0);
            root.putArray("samplers").addObject().put("magFilter", 9729).put("minFilter", 9987)
                .put("wrapS", 33071).put("wrapT", 33071);
            ObjectNode img = root.putArray("images").addObject();
            if (image != null) {
                views.addObject().put("buffer", 0).put("byteOffset", offset[0]).put("byteLength", image.length);
                offset[0] += pad4(image.length);
                img.put("bufferView", views.size() - 1).put("mimeType", mime);
            } else {
                img.put("uri", mesh.texture());
            }
        }
        long binLength = offset[0];
        if (binLength > Integer.MAX_VALUE - 1024) {
            throw new IOException("a GLB is limited to 4 GB; this mesh needs " + binLength + " bytes");
        }
        root.putArray("buffers").addObject().put("byteLength", binLength);
        root.set("bufferViews", views);
        root.set("accessors", accessors);
        byte[] jsonBytes = json.writeValueAsBytes(root);
        int jsonLength = pad4(jsonBytes.length);
        long total = 12 + 8 + jsonLength + 8 + binLength;

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(MAGIC).putInt(2).putInt((int) total);
            b.putInt(jsonLength).putInt(JSON_CHUNK);
            MeshFiles.flush(ch, b);
            ch.write(ByteBuffer.wrap(jsonBytes));
            for (int i = jsonBytes.length; i < jsonLength; i++) {
                b.put((byte) ' ');
            }
            b.putInt((int) binLength).putInt(BIN_CHUNK);
            putFloats(ch, b, positions);
            putFloats(ch, b, normals);
            if (texcoords != null) {
                putFloats(ch, b, texcoords);
            }
            if (colors != null) {
                putFloats(ch, b, colors);
            }
            for (int i : indices) {
                if (b.remaining() < 4) {
                    MeshFiles.flush(ch, b);
                }
                b.putInt(i);
            }
            MeshFiles.flush(ch, b);
            if (image != null) {
                ch.write(ByteBuffer.wrap(image));
                b.put(new byte[pad4(image.length) - image.length]);
                MeshFiles.flush(ch, b);
            }
        }
    }

    /** Adds a tightly packed buffer view and its accessor; returns the accessor index. */
    private static int accessor(ArrayNode views, ArrayNode accessors, long[] offset, int count, String type,
                                int componentType, int target) {
        int components = switch (type) {
            case "VEC3" -> 3;
            case "VEC2" -> 2;
            default -> 1;
        };
        long length = 4L * components * count; // every component here is 4 bytes, so views stay 4-byte aligned
        views.addObject().put("buffer", 0).put("byteOffset", offset[0]).put("byteLength", length)
            .put("target", target);
        offset[0] += length;
        accessors.addObject().put("bufferView", views.size() - 1).put("componentType", componentType)
            .put("count", count).put("type", type);
        return accessors.size() - 1;
    }

    private static void putFloats(FileChannel ch, ByteBuffer b, float[] values) throws IOException {
        for (float v : values) {
            if (b.remaining() < 4) {
                MeshFiles.flush(ch, b);
            }
            b.putFloat(v);
        }
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private static void bounds(float[] p, float[] min, float[] max) {
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < p.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], p[i + a]);
                max[a] = Math.max(max[a], p[i + a]);
            }
        }
    }

    /** glTF requires unit normals: vertices on no triangle (or only degenerate ones) get +z, facing the viewer. */
    /** Vertex normals with +z for isolated vertices (glTF and viewers want unit length everywhere). */
    static float[] unitNormals(float[] n) {
        float[] r = n.clone();
        for (int i = 0; i < r.length; i += 3) {
            if (r[i] == 0 && r[i + 1] == 0 && r[i + 2] == 0) {
                r[i + 2] = 1;
            }
        }
        return r;
    }

    /** glTF colours are in [0, 1]. */
    private static float[] clamp01(float[] c) {
        float[] r = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = Math.max(0f, Math.min(1f, c[i]));
        }
        return r;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** values[source[i]] block by block, or values itself when there is no remapping. */
    private static float[] gather(float[] values, int[] source, int width) {
        if (source == null) {
            return values;
        }
        float[] r = new float[width * source.length];
        for (int i = 0; i < source.length; i++) {
            System.arraycopy(values, width * source[i], r, width * i, width);
        }
        return r;
    }

    private record Split(int[] vertex, int[] uv, int[] indices) {
    }

    /**
     * One output vertex per distinct (vertex, uv) pair of the triangle corners, found with an open-addressing
     * table keyed on the pair packed in a long.
     */
    static Split split(int[] triangles, int[] cornerUv) {
        int capacity = Integer.highestOneBit(Math.max(16, triangles.length) * 2 - 1) << 1;
        long[] keys = new long[capacity];
        int[] values = new int[capacity];
        Arrays.fill(keys, -1L);
        int mask = capacity - 1;
        IntList vertex = new IntList(triangles.length / 2);
        IntList uv = new IntList(triangles.length / 2);
        int[] indices = new int[triangles.length];
        for (int c = 0; c < triangles.length; c++) {
            long key = ((long) triangles[c] << 32) | (cornerUv[c] & 0xffffffffL);
            long h = key * 0x9E3779B97F4A7C15L;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (keys[slot] != -1L && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == -1L) {
                keys[slot] = key;
                values[slot] = vertex.size();
                vertex.add(triangles[c]);
                uv.add(cornerUv[c]);
            }
            indices[c] = values[slot];
        }
        return new Split(vertex.toArray(), uv.toArray(), indices);
    }
}
