package io.herald.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.platform.ApiException;
import io.herald.suppression.AddressHash;
import org.junit.jupiter.api.Test;

class PersonErasureTest {

    private static final byte[] SECRET = new byte[32];

    @Test
    void anErasureIsRefusedUnderASecretMadeAtStart() {
        ApiException e = assertThrows(ApiException.class, () -> PersonErasure.requireStable(new AddressHash(SECRET, false)));

        assertEquals(409, e.status());
        assertTrue(e.getMessage().contains("HERALD_UNSUBSCRIBE_SECRET"), e.getMessage());
        AddressHash configured = new AddressHash(SECRET, true);
        assertSame(configured, PersonErasure.requireStable(configured));
    }

    @Test
    void theReplacementIsNewForEveryErasureAndNeverTheAddress() {
        String first = PersonErasure.replacement("ann@example.com");

        assertTrue(first.matches("erased:[0-9a-f]{32}"), first);
        assertNotEquals(first, PersonErasure.replacement("ann@example.com"), "salted: nobody can compute it again");
    }
}
