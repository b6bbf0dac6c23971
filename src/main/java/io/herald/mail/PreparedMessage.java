package io.herald.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.util.LineOutputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * One recipient's message as PreparedComposer makes it: headers of its own, and a body written from byte segments
 * (the campaign's prepared bytes and this recipient's encoded bodies) without composing MIME parts again.
 *
 * <p>The body is fixed: setContent and friends do not change what is written, and saveChanges() leaves every
 * header as it is (the Message-ID too). Reading the content (getContent, getInputStream) parses the body like a
 * received message. An SMTPMessage, so the VERP envelope sender is set on it without copying it.
 */
final class PreparedMessage extends SMTPMessage {

    private final List<byte[]> body;
    private final int size;
    private final boolean allowUtf8;

    PreparedMessage(Session session, List<byte[]> body) {
        super(session);
        // as MimeMessage reads it (its own field is private): raw UTF-8 header lines only with SMTPUTF8, which is off
        this.allowUtf8 = Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"));
        this.body = List.copyOf(body);
        this.size = this.body.stream().mapToInt(b -> b.length).sum();
        saved = true;
        modified = false;
    }

    /** What MimeMessage.writeTo writes for a saved message: the header lines, a blank line, the body. */
    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
        LineOutputStream lines = session.getStreamProvider().outputLineStream(os, allowUtf8);
        Enumeration<String> headerLines = getNonMatchingHeaderLines(ignoreList);
        while (headerLines.hasMoreElements()) {
            lines.writeln(headerLines.nextElement());
        }
        lines.writeln();
        for (byte[] segment : body) {
            os.write(segment);
        }
        os.flush();
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    protected InputStream getContentStream() {
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] segment : body) {
            System.arraycopy(segment, 0, all, at, segment.length);
            at += segment.length;
        }
        return new SharedByteArrayInputStream(all);
    }

    /** The headers were complete when the message was prepared; the body's are in its bytes. */
    @Override
    protected void updateHeaders() {
    }
}
