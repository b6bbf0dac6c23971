package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.ServerProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HERALD_ADDRESS_MATCH: "exact" keeps Herald's earlier rule (local parts compared as given); going back to the
 * default re-keys the database at the next start, merges the case variants of one list into the oldest and reports
 * the count in the log. The test owns its server process, like CrashRecoveryIT.
 */
class AddressMatchIT extends HeraldIT {

    private final ServerProcess node = new ServerProcess(System.getProperty("it.data.dir") + "-match", 0, "node-a");

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void exactKeepsTheOldBehaviourAndTheDefaultMergesTheVariantsAtTheNextStart() {
        node.env("HERALD_ADDRESS_MATCH", "exact").start();
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "exact " + domain).build())).id();
        JsonObject added = api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", "dup@" + domain).add("name", "first"))
                .add(Json.createObjectBuilder().add("email", "DUP@" + domain).add("name", "second")).build())).object();
        assertEquals(2, added.getInt("added"), "under exact, two mailboxes: " + added);
        api.expect(201, api.post("suppressions", Json.createObjectBuilder().add("address", "Ann@" + domain).build()));
        JsonObject check = api.expect(200, api.get("suppressions/check?address=ann@" + domain)).object();
        assertFalse(check.getBoolean("suppressed"), "under exact, Ann@ is not ann@: " + check);
        long firstId = ((Number) db.rows("SELECT id FROM recipient WHERE list_id = ? AND email = ?", listId, "dup@" + domain)
                .get(0).get("id")).longValue();
        node.close();

        node.env("HERALD_ADDRESS_MATCH", null).start();

        List<String> left = db.rows("SELECT email, name FROM recipient WHERE list_id = ?", listId).stream()
                .map(r -> r.get("email") + " " + r.get("name")).toList();
        assertEquals(List.of("dup@" + domain + " first"), left, "merged into the oldest, with its attributes");
        assertRecipientCountsExact(listId);
        String log = node.consoleLog();
        assertTrue(log.contains("of list " + listId + " merged into recipient " + firstId + " (dup@" + domain + ")"), log);
        assertTrue(log.matches("(?s).*Address keys now follow the rule 'ignore-case' \\(\\d+ ms\\): \\d+ recipient keys"
                + " changed, [1-9]\\d* recipients merged.*"), "the count is reported");
        assertTrue(api.expect(200, api.get("suppressions/check?address=ann@" + domain)).object().getBoolean("suppressed"));
    }
}
