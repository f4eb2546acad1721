package io.face3d.fit.render;

import io.face3d.core.geom.Pose;

import java.util.Arrays;

/**
 * Software z-buffer rasteriser of a triangle mesh under a {@link Pose} (CONVENTIONS.md cameras) into a
 * {@code width x height} buffer: per pixel the depth, the triangle id and two barycentric coordinates
 * (the third is 1 - b0 - b1), perspective-correct for the perspective camera; per vertex the projection, camera
 * depth and visibility. All buffers are flat primitive arrays allocated once per size and reused across calls;
 * nothing is allocated per pixel or per triangle.
 *
 * <p>Pixel (i, j) is sampled at its centre (i + 0.5, j + 0.5). Triangles are scan-converted with edge functions
 * over their bounding box (Pineda 1988). Depth is stored as a key that grows toward the camera: camera-space
 * z for SOP (linear in the image), and 1 / (-Z) for the perspective camera (which, unlike Z, is linear in the
 * image). Perspective-correct barycentrics divide the screen-space ones by each corner's -Z and renormalise
 * (Heckbert and Moreton 1991).
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class Rasterizer {
    /** Triangle id of a pixel that no triangle covers. */
    public static final int NONE = -1;

    private final int width;
    private final int height;
    private final float[] depth;
    private final int[] triangleId;
    private final float[] bary0;
    private final float[] bary1;
    private float[] screen = new float[0];
    private float[] cameraZ = new float[0];
    private boolean[] visible = new boolean[0];
    private int vertexCount;
    private boolean perspective;
    private boolean cullBackFaces = true;

    public Rasterizer(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        int n = width * height;
        depth = new float[n];
        triangleId = new int[n];
        bary0 = new float[n];
        bary1 = new float[n];
    }

    /**
     * Whether triangles facing away from the camera are skipped (default true). The ICT triangles wind
     * counter-clockwise seen from outside (outward normals), which is clockwise in the y-down image: a front face
     * has a negative signed area here (measured: 85% of the mean face's triangles under a frontal camera).
     */
    public Rasterizer cullBackFaces(boolean cull) {
        this.cullBackFaces = cull;
        return this;
    }

    /**
     * Rasterises triangles {@code [0, triangleCount)} of a mesh given in model space (mm).
     *
     * @param positions     x, y, z per vertex in model space
     * @param vertexCount   vertices used (a prefix of {@code positions})
     * @param triangles     three vertex indices per triangle
     * @param triangleCount triangles rasterised (a prefix of {@code triangles})
     */
    public void render(float[] positions, int vertexCount, int[] triangles, int triangleCount, Pose pose) {
        project(positions, vertexCount, pose);
        clear();
        rasterise(triangles, 0, triangleCount);
        computeVisibility();
    }

    /**
     * Projects vertices and clears the buffers, so that several triangle ranges can then be drawn with
     * {@link #draw(int[], int, int)} and {@link #finish()} (e.g. the face and, separately, the eyes).
     */
    public void begin(float[] positions, int vertexCount, Pose pose) {
        project(positions, vertexCount, pose);
        clear();
    }

    /** Draws triangles {@code [from, to)} into the buffers after {@link #begin}. */
    public void draw(int[] triangles, int from, int to) {
        rasterise(triangles, from, to);
    }

    /** Computes vertex visibility after the last {@link #draw}. */
    public void finish() {
        computeVisibility();
    }

    private void project(float[] p, int n, Pose pose) {
        if (screen.length < 2 * n) {
            screen = new float[2 * n];
            cameraZ = new float[n];
            visible = new boolean[n];
        }
        vertexCount = n;
        perspective = pose.camera() == Pose.Camera.PERSPECTIVE;
        double[] r = pose.rotation();
        double s = pose.scale(), tx = pose.tx(), ty = pose.ty(), tz = pose.tz();
        double f = pose.focal(), cx = pose.cx(), cy = pose.cy();
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            double xc = r[0] * x + r[1] * y + r[2] * z;
            double yc = r[3] * x + r[4] * y + r[5] * z;
            double zc = r[6] * x + r[7] * y + r[8] * z;
            if (perspective) {
                double zz = zc + tz;
                double w = f / -zz;
                screen[2 * i] = (float) (cx + w * (xc + tx));
                screen[2 * i + 1] = (float) (cy - w * (yc + ty));
                cameraZ[i] = (float) zz;
            } else {
                screen[2 * i] = (float) (s * xc + tx);
                screen[2 * i + 1] = (float) (ty - s * yc);
                cameraZ[i] = (float) zc;
            }
        }
    }

    private void clear() {
        Arrays.fill(depth, Float.NEGATIVE_INFINITY);
        Arrays.fill(triangleId, NONE);
    }

    private float depthKey(int v) {
        return perspective ? -1f / cameraZ[v] : cameraZ[v];
    }

    private void rasterise(int[] tri, int from, int to) {
        final float[] sc = screen;
        final int w = width, h = height;
        for (int t = from; t < to; t++) {
            int a = tri[3 * t], b = tri[3 * t + 1], c = tri[3 * t + 2];
            if (perspective && (cameraZ[a] >= 0 || cameraZ[b] >= 0 || cameraZ[c] >= 0)) {
                continue; // behind the camera: not clipped, dropped (faces sit well in front of it)
            }
            float ax = sc[2 * a], ay = sc[2 * a + 1], bx = sc[2 * b], by = sc[2 * b + 1];
            float cx = sc[2 * c], cy = sc[2 * c + 1];
            // twice the signed area in the y-down image; < 0 = front facing for the ICT winding
            float area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (area == 0 || (cullBackFaces && area > 0) || Float.isNaN(area)) {
                continue;
            }
            int x0 = Math.max(0, (int) Math.floor(Math.min(ax, Math.min(bx, cx)) - 0.5f));
            int x1 = Math.min(w - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx)) - 0.5f));
            int y0 = Math.max(0, (int) Math.floor(Math.min(ay, Math.min(by, cy)) - 0.5f));
            int y1 = Math.min(h - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy)) - 0.5f));
            if (x0 > x1 || y0 > y1) {
                continue;
            }
            float inv = 1f / area;
            float za = depthKey(a), zb = depthKey(b), zc = depthKey(c);
            // edge functions e_a (opposite a), e_b (opposite b), normalised: they are the screen barycentrics
            float eaX = (by - cy) * inv, eaY = (cx - bx) * inv;
            float ebX = (cy - ay) * inv, ebY = (ax - cx) * inv;
            float px0 = x0 + 0.5f, py0 = y0 + 0.5f;
            float la0 = ((bx - px0) * (cy - py0) - (by - py0) * (cx - px0)) * inv;
            float lb0 = ((cx - px0) * (ay - py0) - (cy - py0) * (ax - px0)) * inv;
            for (int y = y0; y <= y1; y++) {
                float la = la0 + (y - y0) * eaY, lb = lb0 + (y - y0) * ebY;
                int row = y * w;
                for (int x = x0; x <= x1; x++, la += eaX, lb += ebX) {
                    float lc = 1f - la - lb;
                    if (la < 0 || lb < 0 || lc < 0) {
                        continue;
                    }
                    float z = la * za + lb * zb + lc * zc;
                    int idx = row + x;
                    if (z <= depth[idx]) {
                        continue;
                    }
                    depth[idx] = z;
                    triangleId[idx] = t;
                    if (perspective) {
                        // screen barycentrics / (-Z_i) renormalised; z (= sum l_i / (-Z_i)) is the normaliser
                        float pa = la * za / z, pb = lb * zb / z;
                        bary0[idx] = pa;
                        bary1[idx] = pb;
                    } else {
                        bary0[idx] = la;
                        bary1[idx] = lb;
                    }
                }
            }
        }
    }

    /** A vertex is visible when it projects inside the image and its depth is within 1 mm of the z-buffer. */
    private void computeVisibility() {
        for (int i = 0; i < vertexCount; i++) {
            float u = screen[2 * i], v = screen[2 * i + 1];
            int x = (int) Math.floor(u), y = (int) Math.floor(v);
            if (x < 0 || y < 0 || x >= width || y >= height || (perspective && cameraZ[i] >= 0)) {
                visible[i] = false;
                continue;
            }
            float d = depth[y * width + x];
            if (d == Float.NEGATIVE_INFINITY) {
                visible[i] = false;
            } else if (perspective) {
                visible[i] = -1f / d - cameraZ[i] <= VISIBILITY_TOLERANCE_MM;
            } else {
                visible[i] = d - cameraZ[i] <= VISIBILITY_TOLERANCE_MM;
            }
        }
    }

    /** Depth slack of the vertex visibility test: a vertex may lie this far behind the surface drawn at its pixel. */
    public static final float VISIBILITY_TOLERANCE_MM = 1.0f;

    /**
     * Interpolates a per-vertex attribute ({@code channels} values per vertex) at every covered pixel into
     * {@code out} ({@code channels} values per pixel, row-major); uncovered pixels are left untouched.
     */
    public void interpolate(int[] triangles, float[] attribute, int channels, float[] out) {
        int n = width * height;
        for (int i = 0; i < n; i++) {
            int t = triangleId[i];
            if (t == NONE) {
                continue;
            }
            float b0 = bary0[i], b1 = bary1[i], b2 = 1f - b0 - b1;
            int a = channels * triangles[3 * t], b = channels * triangles[3 * t + 1], c = channels * triangles[3 * t + 2];
            int o = channels * i;
            for (int k = 0; k < channels; k++) {
                out[o + k] = b0 * attribute[a + k] + b1 * attribute[b + k] + b2 * attribute[c + k];
            }
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Depth key per pixel (grows toward the camera; -infinity where nothing was drawn); a view. */
    public float[] depthBuffer() {
        return depth;
    }

    /** Triangle id per pixel or {@link #NONE}; a view. */
    public int[] triangleIds() {
        return triangleId;
    }

    /** Barycentric weight of each pixel's triangle's first corner; a view. */
    public float[] barycentric0() {
        return bary0;
    }

    /** Barycentric weight of the second corner (the third is 1 - b0 - b1); a view. */
    public float[] barycentric1() {
        return bary1;
    }

    /** Image position (u, v) per vertex of the last render; a view (valid for the first vertexCount vertices). */
    public float[] screenPositions() {
        return screen;
    }

    /** Camera-space z per vertex (mm; SOP: rotated z without translation); a view. */
    public float[] cameraDepths() {
        return cameraZ;
    }

    /** Visibility per vertex of the last render; a view. */
    public boolean[] visibility() {
        return visible;
    }

    /** Number of covered pixels. */
    public int coveredPixels() {
        int c = 0;
        for (int id : triangleId) {
            if (id != NONE) {
                c++;
            }
        }
        return c;
    }
}
