package io.herald.preflight;

import jakarta.mail.internet.MimeMessage;

/** A campaign's message rendered for one real recipient (their address), exactly as the send step would send it. */
record Sample(String recipient, MimeMessage message) {
}
