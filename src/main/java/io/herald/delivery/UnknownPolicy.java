package io.herald.delivery;

/**
 * What a restart does with UNKNOWN deliveries (a message that may or may not have been accepted when the JVM died
 * or the connection dropped after the message was transmitted): REPORT never sends it again (at most once) and
 * counts it; RESEND sends it again with the same Message-ID (at least once; receivers can drop the duplicate).
 */
public enum UnknownPolicy {
    REPORT, RESEND
}
