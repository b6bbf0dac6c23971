package io.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which partition count a campaign's send step uses, and the slices that split its deliveries. */
class SendPartitionsTest {

    @Test
    void theJobParameterWinsThenTheCampaignThenTheServer() {
        assertEquals(2, SendPartitions.wanted("2", 8, "6"));
        assertEquals(8, SendPartitions.wanted(null, 8, "6"));
        assertEquals(6, SendPartitions.wanted(" ", 0, "6"));
        assertEquals(SendPartitions.DEFAULT, SendPartitions.wanted(null, 0, null));
    }

    @Test
    void aBadCountNamesWhereItCameFrom() {
        var e = assertThrows(IllegalArgumentException.class, () -> SendPartitions.wanted("many", 0, null));
        assertTrue(e.getMessage().contains("job parameter partitions") && e.getMessage().contains("'many'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SendPartitions.wanted(null, 0, "0"));
        assertTrue(e.getMessage().contains("HERALD_SEND_PARTITIONS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SendPartitions.wanted("33", 0, null));
    }

    @Test
    void everyNodeAndPartitionHasItsOwnCounterRowsAndReservations() {
        assertEquals(1001, DeliveryCounters.partition(1, 0));
        assertEquals(2004, DeliveryCounters.partition(2, 3));
        assertEquals(7_000_003L, DeliveryReader.owner(7000, 3));
    }
}
