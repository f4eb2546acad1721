package io.face3d.core.mesh;

import io.face3d.core.Face3dException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Little- or big-endian values from a file through a 1 MiB buffered channel, keeping the byte offset for errors.
 * A buffered channel rather than a memory map: maps over 2 GiB need several buffers and their unmapping is up to
 * the garbage collector, while sequential reads through one buffer run at disk speed anyway.
 */
final class BinaryInput implements Closeable {
    private final Path file;
    private final String fix;
    private final FileChannel channel;
    private final ByteBuffer buf;
    private long bufferStart;

    BinaryInput(Path file, long offset, ByteOrder order, String fix) throws IOException {
        this.file = file;
        this.fix = fix;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        this.buf = ByteBuffer.allocateDirect(1 << 20).order(order); // direct: the channel fills it without a copy
        buf.limit(0);
        this.bufferStart = offset;
    }

    /** Offset in the file of the next byte to read. */
    long offset() {
        return bufferStart + buf.position();
    }

    /** Makes sure {@code n} bytes can be read; else the file is truncated. */
    void require(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        bufferStart += buf.position();
        buf.compact();
        while (buf.position() < n) {
            if (channel.read(buf) < 0) {
                buf.flip();
                throw error(offset(), "the file ends here, in the middle of the data its header announces"
                    + " (truncated)");
            }
        }
        buf.flip();
    }

    /** Whether anything is left after the current offset. */
    boolean atEnd() throws IOException {
        if (buf.hasRemaining()) {
            return false;
        }
        return offset() >= channel.size();
    }

    long size() throws IOException {
        return channel.size();
    }

    /** The buffer, positioned at the next byte; call {@link #require} first. */
    ByteBuffer buffer() {
        return buf;
    }

    float getFloat() throws IOException {
        require(4);
        return buf.getFloat();
    }

    int getInt() throws IOException {
        require(4);
        return buf.getInt();
    }

    void skip(int n) throws IOException {
        require(n);
        buf.position(buf.position() + n);
    }

    /** A scalar of the given PLY type as a double (integers exactly). */
    double get(PlyType type) throws IOException {
        require(type.size);
        return switch (type) {
            case CHAR -> buf.get();
            case UCHAR -> buf.get() & 0xff;
            case SHORT -> buf.getShort();
            case USHORT -> buf.getShort() & 0xffff;
            case INT -> buf.getInt();
            case UINT -> buf.getInt() & 0xffffffffL;
            case FLOAT -> buf.getFloat();
            case DOUBLE -> buf.getDouble();
        };
    }

    Face3dException error(long offset, String cause) {
        return MeshFiles.atByte(file, offset, cause, fix);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
