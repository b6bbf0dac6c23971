package io.herald.secrets;

import java.time.Instant;

/** One generation of the signing secret, as kept in signing_secret. */
public record SigningSecret(int generation, byte[] secret, Instant createdAt) {

    public SigningSecret {
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Everything but the secret. */
    @Override
    public String toString() {
        return "SigningSecret[generation=" + generation + ", createdAt=" + createdAt + "]";
    }
}
