package io.herald.it.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition by polling it until a deadline; tests never sleep for a fixed time. */
public final class Poll {

    private Poll() {
    }

    /** Returns the first non-null value the supplier gives before the deadline, or fails naming what was awaited. */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe) {
        return until(timeout, Duration.ofMillis(50), what, probe);
    }

    /** The same, probing every interval (for probes that cost the other side work, such as a booting server's). */
    public static <T> T until(Duration timeout, Duration interval, String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value;
        while ((value = probe.get()) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.onSpinWait();
                Thread.sleep(interval.toMillis());    // the poll interval, not a wait for the outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        return value;
    }
}
