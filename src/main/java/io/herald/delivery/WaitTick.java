package io.herald.delivery;

/**
 * Returned by the reader while it waits for deferred deliveries to fall due: the processor filters it out, and
 * the chunk keeps committing and noticing stop requests instead of blocking inside one long read.
 */
public enum WaitTick {
    INSTANCE
}
