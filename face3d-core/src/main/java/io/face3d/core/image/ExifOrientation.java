package io.face3d.core.image;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The EXIF orientation of a JPEG (TIFF tag 0x0112 in IFD0 of the APP1 "Exif" segment; EXIF 2.32, section 4.6.4)
 * and the pixel transform that shows the photo upright. Phones store portrait photos sideways with this tag; the
 * JDK's ImageIO ignores it, and a face lying on its side is not found by detectors trained on upright faces.
 * Coordinates written for such a photo are those of the upright image, as every viewer shows it.
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /**
     * The orientation (1-8) stored in a JPEG's EXIF, read by metadata-extractor (it parses only the APP1 segments
     * here); 1 when there is none or the metadata cannot be parsed: some cameras write EXIF that strict readers
     * reject although the pixels decode fine, and a photo must not be refused for its metadata.
     */
    public static int ofJpeg(Path file) {
        try {
            return of(JpegMetadataReader.readMetadata(file.toFile(), List.of(new ExifReader())));
        } catch (IOException | JpegProcessingException | RuntimeException e) {
            return 1;
        }
    }

    /** {@link #ofJpeg(Path)} of a JPEG file's bytes, already in memory. */
    public static int ofJpeg(byte[] file) {
        try {
            return of(JpegMetadataReader.readMetadata(new java.io.ByteArrayInputStream(file),
                List.of(new ExifReader())));
        } catch (IOException | JpegProcessingException | RuntimeException e) {
            return 1;
        }
    }

    private static int of(Metadata metadata) {
        for (ExifIFD0Directory ifd0 : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            Integer o = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            if (o != null && o >= 1 && o <= 8) {
                return o;
            }
        }
        return 1;
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
