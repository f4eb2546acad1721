package io.face3d.core.mesh;

import io.face3d.core.Face3dException;
import io.face3d.core.mesh.MeshWriteOptions.PlyEncoding;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PLY (Turk 1994): ASCII, binary little- and big-endian. Reads vertex x y z (any numeric type), optional colours
 * (red green blue, uchar or float), optional per-vertex u v (or s t) and faces as a list of vertex indices
 * (polygons split into fans) with an optional per-corner {@code texcoord} list and a {@code comment TextureFile}
 * (MeshLab's convention, also written). Other elements and properties are read past.
 */
final class PlyFormat {
    private static final String FIX = "re-export the mesh as PLY";
    private static final Set<String> RED = Set.of("red", "r", "diffuse_red");
    private static final Set<String> GREEN = Set.of("green", "g", "diffuse_green");
    private static final Set<String> BLUE = Set.of("blue", "b", "diffuse_blue");
    private static final Set<String> U = Set.of("u", "s", "texture_u", "texture_s");
    private static final Set<String> V = Set.of("v", "t", "texture_v", "texture_t");

    private PlyFormat() {
    }

    private record Property(String name, PlyType type, PlyType countType) {
        boolean isList() {
            return countType != null;
        }
    }

    private static final class Element {
        final String name;
        final long count;
        final long line;
        final List<Property> properties = new ArrayList<>();

        Element(String name, long count, long line) {
            this.name = name;
            this.count = count;
            this.line = line;
        }

        int find(Set<String> names) {
            for (int i = 0; i < properties.size(); i++) {
                if (!properties.get(i).isList() && names.contains(properties.get(i).name)) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Fewest bytes one element can take: binary sizes, or 2 characters per ASCII value. Lists may be empty,
         * except a face's vertex indices (3 at least), so that what is allocated for the faces stays bounded by
         * the file's size.
         */
        long minBytes(boolean ascii) {
            long n = 0;
            for (Property p : properties) {
                int items = p.isList() && isVertexIndices(p) ? 3 : 0;
                n += ascii ? 2 + 2 * items : (p.isList() ? p.countType.size + items * p.type.size : p.type.size);
            }
            return n;
        }
    }

    private static boolean isVertexIndices(Property p) {
        return p.name.equals("vertex_indices") || p.name.equals("vertex_index");
    }

    /** Values of the body, element by element, from binary or text. */
    private interface Values {
        void begin() throws IOException;

        double next(PlyType type) throws IOException;

        void end() throws IOException;

        /** An error located at the current element (line or byte offset). */
        Face3dException error(String cause);

        /** Checks that nothing follows the last element. */
        void finish() throws IOException;
    }

    static Mesh read(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw MeshFiles.whole(file, "the file is empty", "give a PLY mesh");
        }
        try (TextLines in = new TextLines(file, 0, 0, FIX)) {
            if (!in.next() || in.count() != 1 || !in.is(0, "ply")) {
                throw in.error("the first line is not 'ply', so this is not a PLY file");
            }
            PlyEncoding encoding = null;
            String texture = null;
            List<Element> elements = new ArrayList<>();
            while (true) {
                if (!in.next()) {
                    throw in.error("the file ends before 'end_header'");
                }
                if (in.count() == 0) {
                    continue;
                }
                if (in.is(0, "end_header")) {
                    break;
                } else if (in.is(0, "format")) {
                    if (in.count() != 3) {
                        throw in.error("the format line needs an encoding and a version");
                    }
                    for (PlyEncoding e : PlyEncoding.values()) {
                        if (in.is(1, e.headerName())) {
                            encoding = e;
                        }
                    }
                    if (encoding == null) {
                        throw MeshFiles.atLine(file, in.lineNumber(), "unknown PLY format "
                            + MeshFiles.quote(in.token(1)), "use ascii, binary_little_endian or binary_big_endian");
                    }
                } else if (in.is(0, "comment")) {
                    if (in.count() > 2 && in.is(1, "TextureFile")) {
                        texture = in.rest(2);
                    }
                } else if (in.is(0, "obj_info")) {
                    continue;
                } else if (in.is(0, "element")) {
                    if (in.count() != 3) {
                        throw in.error("'element' needs a name and a count");
                    }
                    long count = in.parseLong(2, "element count");
                    if (count < 0) {
                        throw in.error("negative element count " + count);
                    }
                    elements.add(new Element(in.token(1), count, in.lineNumber()));
                } else if (in.is(0, "property")) {
                    if (elements.isEmpty()) {
                        throw in.error("'property' before any 'element'");
                    }
                    elements.get(elements.size() - 1).properties.add(property(in));
                } else {
                    throw in.error("unexpected header line starting " + MeshFiles.quote(in.token(0)));
                }
            }
            if (encoding == null) {
                throw in.error("the header has no 'format' line");
            }
            checkCounts(file, elements, size - in.offset(), encoding == PlyEncoding.ASCII);
            if (encoding == PlyEncoding.ASCII) {
                return readBody(file, elements, texture, new TextValues(in));
            }
            ByteOrder order = encoding == PlyEncoding.BINARY_LITTLE_ENDIAN ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN;
            try (BinaryInput bin = new BinaryInput(file, in.offset(), order, FIX)) {
                return readBody(file, elements, texture, new BinaryValues(bin));
            }
        }
    }

    private static Property property(TextLines in) {
        boolean list = in.count() == 5 && in.is(1, "list");
        if (!list && in.count() != 3) {
            throw in.error("'property' needs a type and a name (or 'list', two types and a name)");
        }
        PlyType countType = list ? PlyType.parse(in.token(2)) : null;
        PlyType type = PlyType.parse(in.token(list ? 3 : 1));
        if (type == null || (list && countType == null)) {
            throw in.error("unknown property type in " + MeshFiles.quote(in.rest(1)));
        }
        if (list && !countType.isInteger()) {
            throw in.error("a list count must have an integer type, not " + in.token(2));
        }
        return new Property(in.token(list ? 4 : 2), type, countType);
    }

    /** Before allocating anything: the counts the header claims must fit in the bytes that follow it. */
    private static void checkCounts(Path file, List<Element> elements, long remaining, boolean ascii) {
        double need = 0;
        for (Element e : elements) {
            if (e.properties.isEmpty() && e.count > 0) {
                // takes no bytes, so no file size bounds its count: reading it would loop up to 2^63 times
                throw MeshFiles.atLine(file, e.line, "element '" + e.name + "' declares " + e.count
                    + " items but no properties (wrong header)", FIX);
            }
            need += (double) e.count * e.minBytes(ascii);
            if (need > remaining + 1) { // + 1: the last value needs no separator after it
                throw MeshFiles.atLine(file, e.line, "the header declares " + e.count + " '" + e.name
                    + "' elements, but only " + remaining + " bytes follow the header (truncated file or wrong"
                    + " count)", FIX);
            }
        }
    }

    private static Mesh readBody(Path file, List<Element> elements, String texture, Values in) throws IOException {
        Element vertexElement = null;
        Element faceElement = null;
        for (Element e : elements) {
            if (e.name.equals("vertex")) {
                vertexElement = e;
            } else if (e.name.equals("face")) {
                faceElement = e;
            }
        }
        if (vertexElement == null || vertexElement.count == 0) {
            throw MeshFiles.whole(file, "no vertices (no 'element vertex' or a count of 0)", "give a PLY mesh");
        }
        if (faceElement == null || faceElement.count == 0) {
            throw MeshFiles.whole(file, "no faces (no 'element face' or a count of 0)",
                "give a mesh, not a point cloud");
        }
        if (vertexElement.count > MeshFiles.MAX_ELEMENTS) {
            throw MeshFiles.atLine(file, vertexElement.line, vertexElement.count
                + " vertices is more than face3d can hold", "decimate the mesh first");
        }
        int vertexCount = (int) vertexElement.count;
        int ix = vertexElement.find(Set.of("x")), iy = vertexElement.find(Set.of("y")),
            iz = vertexElement.find(Set.of("z"));
        if (ix < 0 || iy < 0 || iz < 0) {
            throw MeshFiles.atLine(file, vertexElement.line, "the vertex element lacks an x, y or z property", FIX);
        }
        int ir = vertexElement.find(RED), ig = vertexElement.find(GREEN), ib = vertexElement.find(BLUE);
        boolean colored = ir >= 0 && ig >= 0 && ib >= 0;
        int iu = vertexElement.find(U), iv = vertexElement.find(V);
        boolean vertexUv = iu >= 0 && iv >= 0;
        int indicesProperty = -1, texcoordProperty = -1;
        for (int i = 0; i < faceElement.properties.size(); i++) {
            Property p = faceElement.properties.get(i);
            if (p.isList() && isVertexIndices(p)) {
                if (!p.type.isInteger()) {
                    throw MeshFiles.atLine(file, faceElement.line, "vertex indices of type " + p.type
                        + " (not an integer type)", FIX);
                }
                indicesProperty = i;
            } else if (p.isList() && p.name.equals("texcoord")) {
                texcoordProperty = i;
            }
        }
        if (indicesProperty < 0) {
            throw MeshFiles.atLine(file, faceElement.line, "the face element has no 'vertex_indices' list", FIX);
        }

        float[] positions = new float[3 * vertexCount];
        float[] colors = colored ? new float[3 * vertexCount] : null;
        float[] vertexUvs = vertexUv ? new float[2 * vertexCount] : null;
        IntList triangles = new IntList((int) Math.min(3 * faceElement.count, MeshFiles.MAX_ELEMENTS));
        FloatList cornerUvs = texcoordProperty >= 0 ? new FloatList(16) : null;
        IntList triangleUvs = texcoordProperty >= 0 ? new IntList(16) : null;
        double[] values = new double[vertexElement.properties.size()];
        int[] polygon = new int[16];
        for (Element e : elements) {
            for (long k = 0; k < e.count; k++) {
                in.begin();
                if (e == vertexElement) {
                    readScalars(in, e, values);
                    int v = (int) k;
                    for (int a = 0; a < 3; a++) {
                        double c = values[a == 0 ? ix : a == 1 ? iy : iz];
                        if (!Double.isFinite(c) || Math.abs(c) > Float.MAX_VALUE) {
                            throw in.error("vertex " + v + " has a non-finite coordinate " + c);
                        }
                        positions[3 * v + a] = (float) c;
                    }
                    if (colored) {
                        colors[3 * v] = color(values[ir], e.properties.get(ir).type);
                        colors[3 * v + 1] = color(values[ig], e.properties.get(ig).type);
                        colors[3 * v + 2] = color(values[ib], e.properties.get(ib).type);
                    }
                    if (vertexUv) {
                        vertexUvs[2 * v] = (float) values[iu];
                        vertexUvs[2 * v + 1] = (float) values[iv];
                    }
                } else if (e == faceElement) {
                    int n = 0;
                    int uvStart = cornerUvs == null ? 0 : cornerUvs.size() / 2;
                    int uvCount = -1;
                    for (int j = 0; j < e.properties.size(); j++) {
                        Property p = e.properties.get(j);
                        if (j == indicesProperty) {
                            n = listLength(in, p);
                            if (n < 3) {
                                throw in.error("face " + k + " has " + n + " vertices; a face needs at least 3");
                            }
                            if (n > polygon.length) {
                                polygon = new int[n];
                            }
                            for (int c = 0; c < n; c++) {
                                double index = in.next(p.type);
                                if (index < 0 || index >= vertexCount) {
                                    throw in.error("face " + k + " refers to vertex " + (long) index
                                        + ", out of range (the file has " + vertexCount + " vertices)");
                                }
                                polygon[c] = (int) index;
                            }
                        } else if (j == texcoordProperty) {
                            int m = listLength(in, p);
                            for (int c = 0; c < m; c++) {
                                cornerUvs.add((float) in.next(p.type));
                            }
                            uvCount = m;
                        } else {
                            skip(in, p);
                        }
                    }
                    if (cornerUvs != null && uvCount != 2 * n) {
                        throw in.error("face " + k + " has " + uvCount + " texcoord values for " + n
                            + " corners (needs 2 per corner)");
                    }
                    if (triangles.size() / 3 + n - 2 > MeshFiles.MAX_ELEMENTS) {
                        throw in.error("more triangles than face3d can hold");
                    }
                    for (int c = 1; c + 1 < n; c++) { // fan split
                        triangles.add(polygon[0]);
                        triangles.add(polygon[c]);
                        triangles.add(polygon[c + 1]);
                        if (cornerUvs != null) {
                            triangleUvs.add(uvStart);
                            triangleUvs.add(uvStart + c);
                            triangleUvs.add(uvStart + c + 1);
                        }
                    }
                } else {
                    for (Property p : e.properties) {
                        skip(in, p);
                    }
                }
                in.end();
            }
        }
        in.finish();
        int[] tri = triangles.toArray();
        if (cornerUvs != null) {
            return new Mesh(positions, tri, cornerUvs.toArray(), triangleUvs.toArray(), colors, texture);
        }
        if (vertexUv) {
            return new Mesh(positions, tri, vertexUvs, tri.clone(), colors, texture);
        }
        return new Mesh(positions, tri, null, null, colors, null);
    }

    private static void readScalars(Values in, Element e, double[] values) throws IOException {
        for (int j = 0; j < e.properties.size(); j++) {
            Property p = e.properties.get(j);
            if (p.isList()) {
                skip(in, p);
            } else {
                values[j] = in.next(p.type);
            }
        }
    }

    private static int listLength(Values in, Property p) throws IOException {
        double n = in.next(p.countType);
        if (n < 0 || n > 1 << 20) {
            throw in.error("a '" + p.name + "' list of " + (long) n + " items (wrong count or corrupt data)");
        }
        return (int) n;
    }

    private static void skip(Values in, Property p) throws IOException {
        if (p.isList()) {
            int n = listLength(in, p);
            for (int c = 0; c < n; c++) {
                in.next(p.type);
            }
        } else {
            in.next(p.type);
        }
    }

    /** Colour components in [0, 1]: integers are scaled by their type's maximum, floats kept. */
    private static float color(double value, PlyType type) {
        return switch (type) {
            case UCHAR, CHAR -> (float) (value / 255.0);
            case USHORT, SHORT -> (float) (value / 65535.0);
            case FLOAT, DOUBLE -> (float) value;
            case INT, UINT -> (float) (value / 255.0);
        };
    }

    private static final class BinaryValues implements Values {
        private final BinaryInput in;
        private long elementStart;

        BinaryValues(BinaryInput in) {
            this.in = in;
        }

        @Override
        public void begin() {
            elementStart = in.offset();
        }

        @Override
        public double next(PlyType type) throws IOException {
            return in.get(type);
        }

        @Override
        public void end() {
        }

        @Override
        public Face3dException error(String cause) {
            return in.error(elementStart, cause);
        }

        @Override
        public void finish() throws IOException {
            if (!in.atEnd()) {
                throw in.error(in.offset(), (in.size() - in.offset()) + " bytes follow the last element (the header's"
                    + " element counts are wrong)");
            }
        }
    }

    private static final class TextValues implements Values {
        private final TextLines in;
        private int token;

        TextValues(TextLines in) {
            this.in = in;
        }

        @Override
        public void begin() throws IOException {
            do {
                if (!in.next()) {
                    throw in.error("the file ends before all elements the header declares (truncated)");
                }
            } while (in.count() == 0);
            token = 0;
        }

        @Override
        public double next(PlyType type) {
            if (token == in.count()) {
                throw in.error("too few values on this line for its element");
            }
            int i = token++;
            if (type.isInteger()) {
                return in.parseLong(i, "value");
            }
            return in.parseNumber(i, "value");
        }

        @Override
        public void end() {
            if (token != in.count()) {
                throw in.error((in.count() - token) + " more values on this line than its element declares");
            }
        }

        @Override
        public Face3dException error(String cause) {
            return in.error(cause);
        }

        @Override
        public void finish() throws IOException {
            while (in.next()) {
                if (in.count() > 0) {
                    throw in.error("data after the last element (the header's element counts are wrong)");
                }
            }
        }
    }

    static void write(Mesh mesh, Path file, PlyEncoding encoding) throws IOException {
        float[] p = mesh.positions();
        float[] c = mesh.colors();
        int[] t = mesh.triangles();
        float[] uv = mesh.uvs();
        int[] tuv = ObjFormat.cornerUvs(mesh);
        float[] n = GlbFormat.unitNormals(mesh.vertexNormals());
        StringBuilder h = new StringBuilder("ply\nformat ").append(encoding.headerName()).append(" 1.0\n")
            .append("comment face3d mesh, millimetres\n");
        if (mesh.texture() != null && tuv != null) {
            h.append("comment TextureFile ").append(mesh.texture()).append('\n');
        }
        h.append("element vertex ").append(mesh.vertexCount()).append('\n')
            .append("property float x\nproperty float y\nproperty float z\n")
            .append("property float nx\nproperty float ny\nproperty float nz\n");
        if (c != null) {
            h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        }
        h.append("element face ").append(mesh.triangleCount()).append('\n')
            .append("property list uchar int vertex_indices\n");
        if (tuv != null) {
            h.append("property list uchar float texcoord\n");
        }
        h.append("end_header\n");
        if (encoding == PlyEncoding.ASCII) {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16)) {
                w.append(h);
                StringBuilder b = new StringBuilder(64);
                for (int i = 0; i < p.length; i += 3) {
                    b.setLength(0);
                    b.append(p[i]).append(' ').append(p[i + 1]).append(' ').append(p[i + 2]);
                    b.append(' ').append(n[i]).append(' ').append(n[i + 1]).append(' ').append(n[i + 2]);
                    if (c != null) {
                        b.append(' ').append(toByte(c[i])).append(' ').append(toByte(c[i + 1])).append(' ')
                            .append(toByte(c[i + 2]));
                    }
                    w.append(b).append('\n');
                }
                for (int i = 0; i < t.length; i += 3) {
                    b.setLength(0);
                    b.append("3 ").append(t[i]).append(' ').append(t[i + 1]).append(' ').append(t[i + 2]);
                    if (tuv != null) {
                        b.append(" 6");
                        for (int k = i; k < i + 3; k++) {
                            b.append(' ').append(uv[2 * tuv[k]]).append(' ').append(uv[2 * tuv[k] + 1]);
                        }
                    }
                    w.append(b).append('\n');
                }
            }
            return;
        }
        ByteOrder order = encoding == PlyEncoding.BINARY_LITTLE_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(order);
            b.put(h.toString().getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < p.length; i += 3) {
                if (b.remaining() < 27) {
                    MeshFiles.flush(ch, b);
                }
                b.putFloat(p[i]).putFloat(p[i + 1]).putFloat(p[i + 2]).putFloat(n[i]).putFloat(n[i + 1]).putFloat(n[i + 2]);
                if (c != null) {
                    b.put((byte) toByte(c[i])).put((byte) toByte(c[i + 1])).put((byte) toByte(c[i + 2]));
                }
            }
            for (int i = 0; i < t.length; i += 3) {
                if (b.remaining() < 13 + 25) {
                    MeshFiles.flush(ch, b);
                }
                b.put((byte) 3).putInt(t[i]).putInt(t[i + 1]).putInt(t[i + 2]);
                if (tuv != null) {
                    b.put((byte) 6);
                    for (int k = i; k < i + 3; k++) {
                        b.putFloat(uv[2 * tuv[k]]).putFloat(uv[2 * tuv[k] + 1]);
                    }
                }
            }
            MeshFiles.flush(ch, b);
        }
    }

    private static int toByte(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }
}
