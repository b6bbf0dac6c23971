package io.herald.recipient.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of an import's rejection report: the line the record starts on, its raw text and why it was not added.
 * Texts are cut to their columns and a NUL character (which PostgreSQL cannot store) is shown as U+FFFD.
 */
@Entity
@Table(name = "recipient_import_rejection")
public class ImportRejection {

    static final int MAX_RAW_CHARS = 4000;
    static final int MAX_REASON_CHARS = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "import_id")
    private long importId;

    @Column(name = "line_number")
    private long lineNumber;

    @Column(name = "raw_line")
    private String rawLine;

    private String reason;

    protected ImportRejection() {
    }

    public ImportRejection(long importId, long lineNumber, String rawLine, String reason) {
        this.importId = importId;
        this.lineNumber = lineNumber;
        this.rawLine = storable(rawLine, MAX_RAW_CHARS);
        this.reason = storable(reason, MAX_REASON_CHARS);
    }

    /** The text as it can be stored: no NUL, at most max characters (a cut text ends with "…"). */
    static String storable(String text, int max) {
        String s = text == null ? "" : text.replace('\0', '\uFFFD');
        if (s.length() <= max) {
            return s;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;                                  // never split a character in two
        }
        return s.substring(0, cut) + "…";
    }

    public long getLineNumber() {
        return lineNumber;
    }

    public String getRawLine() {
        return rawLine;
    }

    public String getReason() {
        return reason;
    }
}
