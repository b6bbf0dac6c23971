package io.herald.preview;

import java.util.List;

/**
 * The answer of POST /campaigns/{id}/test: per address the SMTP server's reply code (null when no reply came, e.g.
 * the server was unreachable) and reply text; recipient: whose placeholders filled the message (null: none, the list
 * has no ACTIVE recipient).
 */
public record TestSendResult(List<Sent> sent, CampaignPreview.Addressee recipient) {

    /** One address's SMTP transaction. */
    public record Sent(String address, Integer smtpCode, String reply) {
    }
}
