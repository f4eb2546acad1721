package io.face3d.cli;

import io.face3d.core.geom.Box2;
import io.face3d.core.mesh.Mesh;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The contact sheet of one person of {@code face3d cluster}: the fused neutral face rendered frontally on the left,
 * the person's inputs as thumbnails on the right (a photo cropped around its face, or, for a landmark file, its 68
 * points drawn on white).
 */
final class ContactSheet {
    private static final int RENDER = 320;
    private static final int THUMB = 150;
    private static final int COLUMNS = 4;
    private static final int GAP = 8;
    private static final int TITLE = 28;

    private ContactSheet() {
    }

    /** One input of the person: a photo (or null) and its 68 landmarks in that photo's pixels. */
    record Tile(BufferedImage photo, double[] points, String caption) {
    }

    static BufferedImage draw(String title, Mesh face, List<Tile> tiles) {
        int cols = Math.max(1, Math.min(COLUMNS, tiles.size()));
        int rows = Math.max(1, (tiles.size() + cols - 1) / cols);
        int width = GAP + RENDER + GAP + cols * (THUMB + GAP);
        int height = TITLE + Math.max(RENDER + GAP, rows * (THUMB + GAP + 14)) + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, GAP, 20);
            g.drawImage(renderFrontal(face, RENDER), GAP, TITLE, null);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int t = 0; t < tiles.size(); t++) {
                int x = GAP + RENDER + GAP + (t % cols) * (THUMB + GAP);
                int y = TITLE + (t / cols) * (THUMB + GAP + 14);
                g.drawImage(thumbnail(tiles.get(t)), x, y, null);
                g.setColor(Color.DARK_GRAY);
                String c = tiles.get(t).caption();
                g.drawString(c.length() > 24 ? c.substring(0, 23) + "…" : c, x, y + THUMB + 12);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** A photo cropped to its face (landmark box plus a margin), or the landmarks drawn on white. */
    private static BufferedImage thumbnail(Tile tile) {
        double[] p = tile.points();
        Box2 box = Box2.of(p, 2, 0, 68);
        double side = 1.4 * Math.max(box.width(), box.height()), cx = box.centreX(), cy = box.centreY();
        double scale = THUMB / side, ox = cx - side / 2, oy = cy - side / 2;
        BufferedImage out = new BufferedImage(THUMB, THUMB, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(new Color(245, 245, 245));
            g.fillRect(0, 0, THUMB, THUMB);
            if (tile.photo() != null) {
                int sx0 = (int) Math.floor(ox), sy0 = (int) Math.floor(oy), s = (int) Math.ceil(side);
                g.drawImage(tile.photo(), 0, 0, THUMB, THUMB, sx0, sy0, sx0 + s, sy0 + s, null);
            } else {
                g.setColor(new Color(30, 90, 200));
                for (int i = 0; i < 68; i++) {
                    double u = (p[2 * i] - ox) * scale, v = (p[2 * i + 1] - oy) * scale;
                    g.fillOval((int) Math.round(u) - 2, (int) Math.round(v) - 2, 4, 4);
                }
            }
            g.setColor(Color.LIGHT_GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawRect(0, 0, THUMB - 1, THUMB - 1);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The mesh seen from the front (camera on +z, orthographic, image x = model x, image y = -model y), flat-shaded
     * with a Lambertian light from the upper front and drawn far-to-near (painter's algorithm: adequate for a face,
     * whose front-facing triangles rarely interleave in depth).
     */
    static BufferedImage renderFrontal(Mesh mesh, int size) {
        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        int nt = t.length / 3;
        Box2 box = Box2.ofPositions(p);
        double scale = 0.92 * size / Math.max(box.width(), box.height());
        double cx = box.centreX(), cy = box.centreY();
        double lx = -0.3, ly = 0.4, lz = 1;
        double ln = Math.sqrt(lx * lx + ly * ly + lz * lz);
        List<double[]> visible = new ArrayList<>(); // {mean z, triangle, shade}
        for (int k = 0; k < nt; k++) {
            int a = 3 * t[3 * k], b = 3 * t[3 * k + 1], c = 3 * t[3 * k + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            double nn = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (nn == 0 || nz <= 0) {
                continue; // degenerate or facing away from the camera
            }
            double shade = Math.max(0, (nx * lx + ny * ly + nz * lz) / (nn * ln));
            visible.add(new double[] {(p[a + 2] + p[b + 2] + p[c + 2]) / 3, k, shade});
        }
        visible.sort((u, v) -> Double.compare(u[0], v[0]));
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(40, 44, 52));
            g.fillRect(0, 0, size, size);
            int[] xs = new int[3], ys = new int[3];
            for (double[] v : visible) {
                int k = (int) v[1];
                for (int j = 0; j < 3; j++) {
                    int q = 3 * t[3 * k + j];
                    xs[j] = (int) Math.round(size / 2.0 + scale * (p[q] - cx));
                    ys[j] = (int) Math.round(size / 2.0 - scale * (p[q + 1] - cy));
                }
                int level = (int) Math.round(255 * (0.18 + 0.82 * v[2]));
                g.setColor(new Color(level, (int) (level * 0.86), (int) (level * 0.76)));
                g.fillPolygon(xs, ys, 3);
                g.drawPolygon(xs, ys, 3); // closes hairline gaps between neighbouring triangles
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    static String caption(String name) {
        return Arrays.stream(name.split("[/\\\\]")).reduce((a, b) -> b).orElse(name);
    }
}
