package io.face3d.core.image;

import org.w3c.dom.Node;

import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;

/**
 * The EXIF orientation of a JPEG (TIFF tag 0x0112 in IFD0 of the APP1 "Exif" segment; EXIF 2.32, section 4.6.4)
 * and the pixel transform that shows the photo upright. Phones store portrait photos sideways with this tag; the
 * JDK's ImageIO ignores it, and a face lying on its side is not found by detectors trained on upright faces.
 * Coordinates written for such a photo are those of the upright image, as every viewer shows it.
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /** The orientation (1-8) in ImageIO's JPEG metadata, 1 when there is none or it cannot be read. */
    public static int of(IIOMetadata metadata) {
        if (metadata == null) {
            return 1;
        }
        try {
            Node root = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!n.getNodeName().equals("markerSequence")) {
                    continue;
                }
                for (Node m = n.getFirstChild(); m != null; m = m.getNextSibling()) {
                    if (m instanceof IIOMetadataNode u && m.getNodeName().equals("unknown")
                        && "225".equals(u.getAttribute("MarkerTag")) && u.getUserObject() instanceof byte[] data) {
                        int o = parse(data);
                        if (o != 1) {
                            return o;
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return 1; // not JPEG metadata
        }
        return 1;
    }

    /** Orientation from the bytes of an APP1 segment ("Exif\0\0" + TIFF), 1 if absent or malformed. */
    static int parse(byte[] d) {
        if (d.length < 14 || d[0] != 'E' || d[1] != 'x' || d[2] != 'i' || d[3] != 'f' || d[4] != 0 || d[5] != 0) {
            return 1;
        }
        int t = 6;
        boolean little;
        if (d[t] == 'I' && d[t + 1] == 'I') {
            little = true;
        } else if (d[t] == 'M' && d[t + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = u32(d, t + 4, little);
        if (ifd < 8 || t + ifd + 2 > d.length) {
            return 1;
        }
        int p = (int) (t + ifd);
        int count = u16(d, p, little);
        for (int i = 0; i < count; i++) {
            int e = p + 2 + 12 * i;
            if (e + 12 > d.length) {
                return 1;
            }
            if (u16(d, e, little) == 0x0112) {
                int v = u16(d, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] d, int i, boolean little) {
        int a = d[i] & 0xff, b = d[i + 1] & 0xff;
        return little ? a | b << 8 : a << 8 | b;
    }

    private static long u32(byte[] d, int i, boolean little) {
        long v = 0;
        for (int k = 0; k < 4; k++) {
            int b = d[i + (little ? 3 - k : k)] & 0xff;
            v = v << 8 | b;
        }
        return v;
    }

    /** The image as it is meant to be seen for an orientation 1-8 (1: unchanged). */
    public static RgbImage upright(RgbImage img, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return img;
        }
        int w = img.width(), h = img.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w, oh = swap ? w : h;
        byte[] src = img.rgb(), dst = new byte[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                // source pixel shown at (x, y)
                int sx, sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                System.arraycopy(src, 3 * (sy * w + sx), dst, 3 * (y * ow + x), 3);
            }
        }
        return new RgbImage(ow, oh, dst);
    }
}
