package io.herald.campaign;

import static io.herald.campaign.CampaignStatus.CANCELLED;
import static io.herald.campaign.CampaignStatus.COMPLETED;
import static io.herald.campaign.CampaignStatus.DRAFT;
import static io.herald.campaign.CampaignStatus.FAILED;
import static io.herald.campaign.CampaignStatus.PAUSED;
import static io.herald.campaign.CampaignStatus.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The campaign state machine: which status may follow which, checked over every pair of statuses. */
class CampaignStatusTest {

    /** The specification: every status and the only statuses it may move to. */
    private static final Map<CampaignStatus, Set<CampaignStatus>> SUCCESSORS = new EnumMap<>(Map.of(
            DRAFT, EnumSet.of(RUNNING, CANCELLED),
            RUNNING, EnumSet.of(PAUSED, COMPLETED, CANCELLED, FAILED),
            PAUSED, EnumSet.of(RUNNING, CANCELLED),
            FAILED, EnumSet.of(RUNNING, CANCELLED),
            COMPLETED, EnumSet.of(RUNNING),                          // a retry of its failed deliveries
            CANCELLED, EnumSet.noneOf(CampaignStatus.class)));

    static List<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (CampaignStatus from : CampaignStatus.values()) {
            for (CampaignStatus to : CampaignStatus.values()) {
                boolean allowed = SUCCESSORS.get(from).contains(to);
                pairs.add(Arguments.of(from, to, allowed ? "allowed" : "refused"));
            }
        }
        return pairs;
    }

    @Test
    void theSpecificationCoversEveryStatus() {
        assertEquals(EnumSet.allOf(CampaignStatus.class), SUCCESSORS.keySet());
    }

    @ParameterizedTest(name = "{0} → {1} is {2}")
    @MethodSource("everyPair")
    void aMoveIsAllowedExactlyWhenTheTableListsIt(CampaignStatus from, CampaignStatus to, String verdict) {
        assertEquals(verdict.equals("allowed"), from.canMoveTo(to));
    }

    @Test
    void runningIsReachedFromDraftPausedFailedAndByARetryFromCompleted() {
        assertEquals(EnumSet.of(DRAFT, PAUSED, FAILED, COMPLETED), RUNNING.allowedFrom());
    }

    @Test
    void cancellingIsPossibleFromEveryStatusThatIsNotFinal() {
        assertEquals(EnumSet.of(DRAFT, RUNNING, PAUSED, FAILED), CANCELLED.allowedFrom());
    }

    @Test
    void nothingLeadsBackToDraft() {
        assertEquals(EnumSet.noneOf(CampaignStatus.class), DRAFT.allowedFrom());
    }

    @ParameterizedTest(name = "{0}.allowedFrom() agrees with canMoveTo")
    @EnumSource(CampaignStatus.class)
    void allowedFromListsExactlyTheStatusesThatMayMoveHere(CampaignStatus to) {
        Set<CampaignStatus> expected = EnumSet.noneOf(CampaignStatus.class);
        SUCCESSORS.forEach((from, next) -> {
            if (next.contains(to)) {
                expected.add(from);
            }
        });

        assertEquals(expected, to.allowedFrom());
    }

    @ParameterizedTest(name = "{0} is final")
    @EnumSource(names = {"COMPLETED", "CANCELLED"})
    void completedAndCancelledAreFinal(CampaignStatus status) {
        assertTrue(status.isFinal());
    }

    @ParameterizedTest(name = "{0} is not final")
    @EnumSource(names = {"DRAFT", "RUNNING", "PAUSED", "FAILED"})
    void everyOtherStatusIsNotFinal(CampaignStatus status) {
        assertFalse(status.isFinal());
    }
}
