package io.face3d.core.image;

import io.face3d.core.Face3dException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading and writing images (PNG, JPEG, WebP, TIFF, BMP, GIF in; PNG out). Complete 8-bit PNGs and 8-bit JPEGs
 * (what cameras and phones write) are decoded by OpenCV's libpng / libjpeg-turbo after {@link EncodedImage} has
 * walked their structure and read their size; every other file, and any such file the structure walk or OpenCV
 * does not accept, goes to the JDK's ImageIO, which names the damage. JPEGs are turned upright by their EXIF
 * orientation ({@link ExifOrientation}). Every failure a user can cause becomes a one-line
 * {@link Face3dException}. PNGs are written by OpenCV (ImageIO when the natives are missing or for images with
 * alpha).
 */
public final class Images {
    /** Larger images are refused before decoding, to fail clearly instead of running out of memory. */
    public static final long MAX_PIXELS = 100_000_000L;

    /**
     * Pixels a file may claim per byte it holds, above {@link #FREE_PIXELS}. Decoders allocate the whole raster
     * from the header before reading the data, so a 40-byte file claiming 10000x5000 would cost 200 MB. Deflate
     * expands at most ~1032:1 and a flat RGB photo is far below that, so real photos are never refused.
     */
    static final long PIXELS_PER_BYTE = 1_024;
    /** Images up to this size are never refused for their file size. */
    static final long FREE_PIXELS = 1_000_000;
    /** Files are read whole for the OpenCV decoder up to this size; larger ones are streamed by ImageIO. */
    private static final long IN_MEMORY_BYTES = 256L << 20;

    private Images() {
    }

    /** What {@link #read} reads, for messages and the README (BMP and GIF are read too). */
    public static final String FORMATS = "PNG, JPEG, WebP or TIFF";

    public static RgbImage read(Path file) {
        io.face3d.core.io.InputFile.requireRegular(file, "image");
        RgbImage decoded = readWithOpenCv(file);
        return decoded != null ? decoded : readWithImageIO(file);
    }

    /**
     * The OpenCV path of {@link #read}: null when the file is not a complete 8-bit PNG or JPEG as
     * {@link EncodedImage} checks it, or OpenCV's decoder refuses its data. The size limits apply before decoding.
     */
    private static RgbImage readWithOpenCv(Path file) {
        if (!OpenCvCodec.available()) {
            return null;
        }
        byte[] bytes;
        try {
            if (Files.size(file) > IN_MEMORY_BYTES) {
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return null; // ImageIO's path reports it
        }
        EncodedImage.Header header = EncodedImage.header(bytes);
        if (header == null) {
            return null;
        }
        requireSize(file, header.width(), header.height(), bytes.length);
        RgbImage img = OpenCvCodec.decodeRgb(bytes, header.width(), header.height());
        if (img == null) {
            return null;
        }
        return ExifOrientation.upright(img, header.jpeg() ? ExifOrientation.ofJpeg(bytes) : 1);
    }

    /** The size limits of {@link #MAX_PIXELS}, {@link #PIXELS_PER_BYTE} and the heap, before any decoding. */
    private static void requireSize(Path file, int width, int height, long bytes) {
        long pixels = (long) width * height;
        if (pixels > MAX_PIXELS) {
            throw new Face3dException("image " + file + " has " + width + "x" + height
                + " pixels, more than " + MAX_PIXELS / 1_000_000 + " megapixels: downscale it first");
        }
        if (pixels > FREE_PIXELS + PIXELS_PER_BYTE * bytes) {
            throw new Face3dException("image " + file + " claims " + width + "x" + height + " pixels but holds only "
                + bytes + " bytes: the file is truncated or corrupt, re-export it as PNG or JPEG");
        }
        requireHeap(file, pixels);
    }

    /**
     * {@link #read} with the JDK's ImageIO alone, every format: what {@link #read} falls back to, and the reference
     * decoder of the speed benchmark.
     */
    public static RgbImage readWithImageIO(Path file) {
        io.face3d.core.io.InputFile.requireRegular(file, "image");
        BufferedImage img;
        int orientation;
        try (var in = new EndedFileStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new Face3dException("file " + file + (isHeif(file) ? " is a HEIC/HEIF photo, which face3d cannot "
                    + "read: convert it to JPEG first (e.g. heif-convert IN.heic OUT.jpg)" : " is not a " + FORMATS
                    + " image: give a photo"));
            }
            var reader = readers.next();
            try {
                // ImageIO never reads metadata, so a PNG text chunk that inflates to gigabytes is skipped
                // unopened; a JPEG's EXIF orientation is read apart, by ExifOrientation
                boolean jpeg = "jpeg".equalsIgnoreCase(reader.getFormatName());
                reader.setInput(in, true, true);
                requireSize(file, reader.getWidth(0), reader.getHeight(0), Files.size(file));
                // ImageIO decodes a truncated JPEG without an exception (the missing rows come out grey) and
                // only warns; a photo with invented rows would give wrong landmarks, so a warning is an error here
                String[] warning = new String[1];
                reader.addIIOReadWarningListener((source, message) -> warning[0] = message);
                img = reader.read(0);
                if (warning[0] != null) {
                    throw new Face3dException("image " + file + " is damaged (" + warning[0]
                        + "): the file is truncated or corrupt, re-export it as PNG or JPEG");
                }
                orientation = jpeg ? ExifOrientation.ofJpeg(file) : 1;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Face3dException fe) {
                throw fe;
            }
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError oom) {
                    throw oom; // a lack of memory, not a corrupt file: the caller says how to raise the heap
                }
            }
            throw new Face3dException("cannot decode image " + file + " (" + io.face3d.core.io.AtomicFiles.oneLine(e)
                + "): the file is truncated or corrupt, re-export it as PNG or JPEG");
        }
        return ExifOrientation.upright(fromBufferedImage(img), orientation);
    }

    /**
     * Decoding holds the decoded image (4 bytes a pixel) and its RGB copy (3) at once; when the whole heap cannot
     * hold them, say so before starting rather than fail midway. (Not the free heap: it counts garbage not yet
     * collected and would refuse images that fit.)
     */
    private static void requireHeap(Path file, long pixels) {
        long max = Runtime.getRuntime().maxMemory();
        long need = 7 * pixels;
        if (need > max) {
            throw new OutOfMemoryError("image " + file + " needs about " + need / (1 << 20) + " MB to decode, the "
                + "heap holds " + max / (1 << 20) + " MB");
        }
    }

    /** An ISO base-media file whose brand is HEIF's (ISO/IEC 23008-12: 'ftyp' box, brands heic, heix, mif1, ...). */
    private static boolean isHeif(Path file) {
        byte[] head = new byte[12];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 12) < 12) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        String box = new String(head, 4, 8, java.nio.charset.StandardCharsets.ISO_8859_1);
        return box.startsWith("ftyp") && java.util.Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1",
            "msf1", "avif").contains(box.substring(4));
    }

    public static RgbImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        byte[] rgb = new byte[3 * w * h];
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would pass 8-bit grey through the linear-grey colour space and brighten it (a grey of 128
            // comes back as 188); the stored samples are what every other decoder (libpng, dlib, OpenCV) gives.
            var raster = img.getRaster();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0, o = 3 * y * w; x < w; x++, o += 3) {
                    rgb[o] = rgb[o + 1] = rgb[o + 2] = (byte) row[x];
                }
            }
            return new RgbImage(w, h, rgb);
        }
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && img.getRaster().getDataBuffer()
            instanceof java.awt.image.DataBufferByte bytes && bytes.getNumBanks() == 1 && bytes.getOffset() == 0
            && img.getRaster().getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm
            && sm.getScanlineStride() == 3 * w && sm.getPixelStride() == 3 && img.getRaster().getParent() == null) {
            // what ImageIO's JPEG and 8-bit RGB PNG readers return: the bytes are B, G, R per pixel; swapping them
            // here instead of getRGB, a colour-model call per pixel that the profile found to cost more than the
            // PNG inflate itself (docs/decisions/speed-profile.md)
            byte[] bgr = bytes.getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
            return new RgbImage(w, h, rgb);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, o = 3 * y * w; x < w; x++, o += 3) {
                int p = row[x];
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    public static BufferedImage toBufferedImage(RgbImage image) {
        int w = image.width(), h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        // straight into the raster's ints: setRGB goes through the colour model per pixel
        int[] px = ((java.awt.image.DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.rgb();
        for (int i = 0, o = 0; i < px.length; i++, o += 3) {
            px[i] = (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
        }
        return out;
    }

    /**
     * Loads the native codecs now, on a background thread (about a second of a cold start, otherwise paid by the
     * first photo read), so a command can overlap it with loading the model.
     */
    public static void preloadCodecs() {
        Thread t = new Thread(OpenCvCodec::available, "face3d-codec-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Writes a PNG through a temporary file and a rename, so a failed write leaves nothing behind. */
    public static void writePng(RgbImage image, Path file) {
        if (!OpenCvCodec.available()) {
            io.face3d.core.io.AtomicFiles.writePng(toBufferedImage(image), file);
            return;
        }
        byte[] png = OpenCvCodec.png(image);
        io.face3d.core.io.AtomicFiles.write(file, tmp -> Files.write(tmp, png));
    }

    /**
     * Writes a PNG through a temporary file and a rename, so a failed write leaves nothing behind. Images with
     * alpha keep it (ImageIO); opaque ones are written as RGB by OpenCV.
     */
    public static void writePng(BufferedImage image, Path file) {
        if (image.getColorModel().hasAlpha() || !OpenCvCodec.available()) {
            io.face3d.core.io.AtomicFiles.writePng(image, file);
        } else if (image.getType() == BufferedImage.TYPE_INT_RGB
            && image.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferInt ints
            && ints.getNumBanks() == 1 && ints.getOffset() == 0
            && image.getRaster().getSampleModel() instanceof java.awt.image.SinglePixelPackedSampleModel sm
            && sm.getScanlineStride() == image.getWidth() && image.getRaster().getParent() == null
            && ints.getSize() == image.getWidth() * image.getHeight()) {
            byte[] png = OpenCvCodec.pngOfIntRgb(ints.getData(), image.getWidth(), image.getHeight());
            io.face3d.core.io.AtomicFiles.write(file, tmp -> Files.write(tmp, png));
        } else {
            writePng(fromBufferedImage(image), file);
        }
    }

    /**
     * A file stream that ends: TwelveMonkeys' WebP bit reader (imageio-webp 3.14.0) treats an EOF as "no more bytes"
     * and decodes its stale buffer again, so a lossless WebP cut inside its Huffman codes loops forever. After
     * many reads at the end (a decoder's look-ahead needs a few) this stream fails with an error that is not an EOF,
     * which the decoder passes on.
     */
    private static final class EndedFileStream extends javax.imageio.stream.FileImageInputStream {
        private static final int READS_AT_END = 1_000;
        private int readsAtEnd;

        EndedFileStream(java.io.File file) throws IOException {
            super(file);
        }

        @Override
        public byte readByte() throws IOException {
            if (getStreamPosition() >= length() && ++readsAtEnd > READS_AT_END) {
                throw new IOException("the image data ends early");
            }
            return super.readByte();
        }
    }
}
