package io.herald.secrets;

/** Where the token makers get their keys: the current ring, and a fresher one after a token matched none of it. */
public interface KeySource {

    /** The ring to sign and verify with now. */
    KeyRing current();

    /**
     * A ring read again, after a token matched none of current()'s secrets (another node may have rotated); the
     * same ring if it was read too recently.
     */
    default KeyRing afterMiss() {
        return current();
    }

    /** A source that always gives this ring. */
    static KeySource fixed(KeyRing ring) {
        return () -> ring;
    }
}
