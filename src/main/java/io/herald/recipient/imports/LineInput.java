package io.herald.recipient.imports;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into physical lines at LF, each with its terminator, so that the reader knows the line number
 * and byte offset of every record. A line longer than maxBytes keeps only its first maxBytes bytes (the rest is read
 * past and counted), so a file without line breaks never fills the memory. Splitting bytes at LF is safe in UTF-8:
 * the byte 0x0A never occurs inside a multi-byte character.
 */
final class LineInput implements Closeable {

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int next;
    private int end;

    /** One physical line: its bytes with the terminator (at most maxBytes of them) and its full length in the file. */
    record Line(byte[] bytes, long length) {

        boolean truncated() {
            return bytes.length < length;
        }

        /** Nothing but a line break (LF or CRLF). */
        boolean blank() {
            int n = bytes.length;
            return !truncated() && (n == 0 || n == 1 && bytes[0] == '\n' || n == 2 && bytes[0] == '\r' && bytes[1] == '\n');
        }
    }

    LineInput(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        if (next == end && !fill()) {
            return null;
        }
        int stop = lineEnd(next);
        if (stop < end && stop + 1 - next <= maxBytes) {            // the common line: whole in the buffer
            byte[] bytes = Arrays.copyOfRange(buffer, next, stop + 1);
            next = stop + 1;
            return new Line(bytes, bytes.length);
        }
        // a line that goes on past the buffer, or is too long: gathered piece by piece, at most maxBytes of it kept
        ByteArrayOutputStream kept = new ByteArrayOutputStream(128);
        long length = 0;
        while (true) {
            if (next == end && !fill()) {
                return new Line(kept.toByteArray(), length);
            }
            stop = lineEnd(next);
            boolean lineEnds = stop < end;
            int n = (lineEnds ? stop + 1 : stop) - next;
            kept.write(buffer, next, (int) Math.min(n, Math.max(0, maxBytes - kept.size())));
            length += n;
            next += n;
            if (lineEnds) {
                return new Line(kept.toByteArray(), length);
            }
        }
    }

    /** Where the LF at or after {@code from} is in the buffer, or {@code end}. */
    private int lineEnd(int from) {
        int stop = from;
        while (stop < end && buffer[stop] != '\n') {
            stop++;
        }
        return stop;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        next = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
