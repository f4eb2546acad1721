package io.face3d.core.mesh;

import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** One-line messages for malformed mesh files: the file, where (line or byte offset), the cause and the fix. */
final class MeshFiles {
    /** Largest vertex or triangle count a flat {@code float[3 n]} / {@code int[3 n]} can hold. */
    static final int MAX_ELEMENTS = (Integer.MAX_VALUE - 16) / 3;

    private MeshFiles() {
    }

    static Face3dException atLine(Path file, long line, String cause, String fix) {
        return new Face3dException(file + ": line " + line + ": " + cause + ": " + fix);
    }

    static Face3dException atByte(Path file, long offset, String cause, String fix) {
        return new Face3dException(file + ": byte " + offset + ": " + cause + ": " + fix);
    }

    static Face3dException whole(Path file, String cause, String fix) {
        return new Face3dException(file + ": " + cause + ": " + fix);
    }

    /** Text taken from a file for a message: one line, short, printable. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 32 && c < 127 ? c : '?');
        }
        return b.append(s.length() > 40 ? "...'" : "'").toString();
    }

    /** Writes the buffer's content to the channel and clears it for more. */
    static void flush(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
