package io.herald.recipient.imports;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An import file read as a stream of records: UTF-8 with or without a byte order mark, RFC 4180 quoting as Apache
 * Commons CSV parses it (CsvFields splits the common records the same way, faster, and leaves it the others). Each
 * record comes with the line it starts on, its raw text and the byte offset after it (the reader's checkpoint), so a
 * restart goes straight back to where it was, and only one record is in memory at a time.
 *
 * <p>A record is read line by line: lines are joined while Commons CSV finds a quoted field still open at the end of
 * the text (a field may hold line breaks). A bad record is returned with its problem instead of ending the import:
 * invalid UTF-8 (each record is decoded on its own, so one bad byte spoils one row, not the file), broken quoting,
 * a record longer than MAX_RECORD_BYTES. A quote that is never closed is reported on the line that opened it, and
 * reading goes on with the next line.
 */
final class CsvRecords implements Closeable {

    /** Comma, double quotes, "" for a quote inside quotes, records ended by CRLF or LF. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180;
    /** The same, but the end of the text closes an open quoted field: tells "continues on the next line" from broken. */
    private static final CSVFormat OPEN_AT_END = FORMAT.builder().setLenientEof(true).get();
    /** 64 KiB: a recipient's address, name and attributes fit many times over; longer records are refused. */
    static final int MAX_RECORD_BYTES = 64 * 1024;
    /** A quoted field may span this many lines; if it is still open after them, its closing quote is missing. */
    static final int MAX_RECORD_LINES = 100;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String UNCLOSED_QUOTE = "a quoted field opened on this line is never closed (a \" is missing, or the row"
            + " is longer than %d lines or %,d bytes)";

    private final LineInput input;
    private final CsvHeader header;
    /** Lines read ahead while looking for a closing quote that never came; they are read again. */
    private final Deque<LineInput.Line> readAgain = new ArrayDeque<>();
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private long line;
    private long offset;

    private CsvRecords(InputStream in, CsvHeader header, ImportCheckpoint at) {
        this.input = new LineInput(in, MAX_RECORD_BYTES);
        this.header = header;
        this.line = at.line();
        this.offset = at.offset();
    }

    /** The header of a file: what the API checks before it accepts an import. */
    static CsvHeader header(Path file) throws IOException {
        try (CsvRecords start = fromStart(file)) {
            return CsvHeader.of(start.next());
        }
    }

    /** Opens a file for the import step: reads its header, then goes to {@code at} (null: the record after the header). */
    static CsvRecords open(Path file, ImportCheckpoint at) throws IOException {
        CsvHeader header;
        ImportCheckpoint first;
        try (CsvRecords start = fromStart(file)) {
            header = CsvHeader.of(start.next());
            first = start.position();
        }
        ImportCheckpoint from = at == null ? first : at;
        SeekableByteChannel channel = Files.newByteChannel(file);
        try {
            channel.position(from.offset());
            return new CsvRecords(Channels.newInputStream(channel), header, from);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static CsvRecords fromStart(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(BOM.length);
        boolean bom = Arrays.equals(in.readNBytes(BOM.length), BOM);
        if (!bom) {
            in.reset();
        }
        return new CsvRecords(in, null, new ImportCheckpoint(1, bom ? BOM.length : 0));
    }

    /** Where the record after the last one returned starts. */
    ImportCheckpoint position() {
        return new ImportCheckpoint(line, offset);
    }

    /** The next record, or null at the end of the file; blank lines are passed over. */
    CsvRow next() throws IOException {
        LineInput.Line first = nextLine();
        while (first != null && first.blank()) {
            consume(first);
            first = nextLine();
        }
        if (first == null) {
            return null;
        }
        long start = line;
        if (first.truncated()) {
            consume(first);
            return CsvRow.unreadable(header, start, text(List.of(first)).raw(), String.format(
                    "the line is %,d bytes long; a row may be at most %,d bytes", first.length(), MAX_RECORD_BYTES));
        }
        List<LineInput.Line> lines = new ArrayList<>(List.of(first));
        int bytes = first.bytes().length;
        while (true) {
            Text text = text(lines);
            Parsed parsed = parse(text.chars());
            if (!parsed.open()) {
                lines.forEach(this::consume);
                return row(start, text, parsed);
            }
            LineInput.Line more = lines.size() < MAX_RECORD_LINES ? nextLine() : null;
            if (more != null && !more.truncated() && bytes + more.bytes().length <= MAX_RECORD_BYTES) {
                lines.add(more);
                bytes += more.bytes().length;
                continue;
            }
            if (more != null) {
                readAgain.addFirst(more);
            }
            for (int i = lines.size() - 1; i > 0; i--) {
                readAgain.addFirst(lines.get(i));
            }
            consume(first);
            return CsvRow.unreadable(header, start, text(List.of(first)).raw(), String.format(UNCLOSED_QUOTE,
                    MAX_RECORD_LINES, MAX_RECORD_BYTES));
        }
    }

    private CsvRow row(long start, Text text, Parsed parsed) {
        if (text.invalidAt() >= 0) {
            return CsvRow.unreadable(header, start, text.raw(), String.format(
                    "invalid UTF-8: byte %,d of the row (0x%02X) is not part of a valid UTF-8 character; save the file as UTF-8",
                    text.invalidAt() + 1, text.invalidByte()));
        }
        if (parsed.problem() != null) {
            return CsvRow.unreadable(header, start, text.raw(), parsed.problem());
        }
        return CsvRow.read(header, start, text.raw(), parsed.fields());
    }

    private LineInput.Line nextLine() throws IOException {
        return readAgain.isEmpty() ? input.next() : readAgain.removeFirst();
    }

    private void consume(LineInput.Line l) {
        line++;
        offset += l.length();
    }

    /** What Commons CSV makes of a record's text: its fields, a problem, or a quoted field still open at the end. */
    private record Parsed(List<String> fields, String problem, boolean open) {
    }

    private static Parsed parse(String text) {
        List<String> fields = CsvFields.split(text);
        if (fields != null) {
            return new Parsed(fields, null, false);
        }
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                return new Parsed(null, "a carriage return (CR) without a line feed ends a row in the middle of this line", false);
            }
            return new Parsed(records.get(0).toList(), null, false);
        } catch (IOException | UncheckedIOException e) {
            if (parsesWhenClosedAtEnd(text)) {
                return new Parsed(null, null, true);
            }
            return new Parsed(null, "malformed quoting: " + e.getMessage(), false);
        }
    }

    private static boolean parsesWhenClosedAtEnd(String text) {
        try (CSVParser parser = CSVParser.parse(text, OPEN_AT_END)) {
            parser.getRecords();
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * A record's bytes as text: decoded leniently (invalid bytes become U+FFFD, quotes and commas stay where they are)
     * for the raw text and the parser, and, only if that shows a U+FFFD, strictly to find the first invalid byte (-1 if
     * none: the file may hold U+FFFD itself).
     */
    private record Text(String chars, int invalidAt, int invalidByte) {

        /** The record as it appears in the file, without its final line break. */
        String raw() {
            int end = chars.length();
            if (end > 0 && chars.charAt(end - 1) == '\n') {
                end--;
            }
            if (end > 0 && chars.charAt(end - 1) == '\r') {
                end--;
            }
            return chars.substring(0, end);
        }
    }

    private Text text(List<LineInput.Line> lines) {
        byte[] bytes = lines.size() == 1 ? lines.get(0).bytes() : concat(lines);
        String chars = new String(bytes, StandardCharsets.UTF_8);
        if (chars.indexOf('\uFFFD') < 0) {
            return new Text(chars, -1, 0);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = strict.reset().decode(in, CharBuffer.allocate(bytes.length), true);
        if (result.isError()) {
            int at = in.position();
            return new Text(chars, at, bytes[at] & 0xFF);
        }
        return new Text(chars, -1, 0);
    }

    private static byte[] concat(List<LineInput.Line> lines) {
        int size = 0;
        for (LineInput.Line l : lines) {
            size += l.bytes().length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (LineInput.Line l : lines) {
            System.arraycopy(l.bytes(), 0, all, at, l.bytes().length);
            at += l.bytes().length;
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
