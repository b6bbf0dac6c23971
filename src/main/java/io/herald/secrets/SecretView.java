package io.herald.secrets;

import java.time.Instant;

/**
 * One generation as GET /admin/secrets shows it, never the secret: whether it signs new links, until when links it
 * signed verify (null: as long as it is the newest), and whether it keys erased addresses' hashes.
 */
public record SecretView(int generation, Instant createdAt, boolean signs, Instant verifiesUntil,
                         boolean hashesErasures) {
}
