package keybot.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import keybot.approvals.Actors;
import keybot.approvals.AuditEvent;
import keybot.approvals.EventType;
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequest.Decision;
import keybot.approvals.RequestHistory;
import keybot.approvals.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryTextTest {

    private static final Instant AT = Instant.parse("2024-05-01T09:00:00Z");

    @ParameterizedTest
    @CsvSource({"false, You have not requested any keys yet.", "true, No key requests yet."})
    void emptyHistorySaysThereIsNothingYet(boolean everyone, String expected) {
        assertEquals(expected, HistoryText.of(List.of(), everyone));
    }

    @Test
    void entriesShowRequestKeyProjectRequesterStateAndEvents() {
        // given
        RequestHistory delivered = new RequestHistory(
                request(42, "billing_worker", State.DELIVERED),
                List.of(
                        event(42, EventType.REQUESTED, "USTEVE", 0, "Nightly billing job"),
                        event(42, EventType.APPROVED, "UADMIN1", 60, null),
                        event(42, EventType.KEY_CREATED, Actors.KEYBOT, 61, "key-id-1"),
                        event(42, EventType.DELIVERED, Actors.KEYBOT, 62, "")));
        RequestHistory denied = new RequestHistory(
                request(41, "reporting_job", State.DENIED),
                List.of(
                        event(41, EventType.REQUESTED, "USTEVE", 0, null),
                        event(41, EventType.DENIED, "WADMIN2", 30, "use staging")));

        // when
        String text = HistoryText.of(List.of(delivered, denied), true);

        // then
        assertTrue(text.startsWith("*Recent key requests*\n"), text);
        assertTrue(text.contains("*#42* `billing_worker` in production for <@USTEVE>: *delivered*"), text);
        assertTrue(text.contains("requested by <@USTEVE>: Nightly billing job"), text);
        assertTrue(text.contains("approved by <@UADMIN1>\n"), text);
        assertTrue(text.contains("key created by keybot: key-id-1"), text);
        assertTrue(text.contains("delivered by keybot\n"), text);
        assertTrue(text.contains("*#41* `reporting_job` in production for <@USTEVE>: *denied*"), text);
        assertTrue(text.contains("denied by <@WADMIN2>: use staging"), text);
        assertTrue(text.contains("<!date^" + AT.plusSeconds(60).getEpochSecond()), text);
        assertTrue(text.indexOf("#42") < text.indexOf("#41"), "the order given is kept");
        assertFalse(text.contains("Older requests"), text);
    }

    @Test
    void ownHistoryHasItsOwnHeading() {
        // given
        RequestHistory one = new RequestHistory(
                request(42, "billing_worker", State.PENDING),
                List.of(event(42, EventType.REQUESTED, "USTEVE", 0, null)));

        // when
        String text = HistoryText.of(List.of(one), false);

        // then
        assertTrue(text.startsWith("*Your recent key requests*\n"), text);
        assertTrue(text.contains("*pending*"), text);
    }

    @Test
    void userTextInHistoryIsEscaped() {
        // given
        RequestHistory hostile = new RequestHistory(
                request(42, "k<!channel>", State.DENIED),
                List.of(event(42, EventType.DENIED, "UADMIN1", 30, "no <!here> <@U1>")));

        // when
        String text = HistoryText.of(List.of(hostile), true);

        // then
        assertFalse(text.contains("<!channel>") || text.contains("<!here>") || text.contains("<@U1>"), text);
        assertTrue(text.contains("no &lt;!here&gt; &lt;@U1&gt;"), text);
    }

    @Test
    void veryLongHistoryStaysUnderSlacksLimitAndSaysSomeIsLeftOut() {
        // given: 200 requests, each with long event details
        List<RequestHistory> history = IntStream.rangeClosed(1, 200)
                .mapToObj(i -> new RequestHistory(
                        request(i, "key_" + i, State.DELIVERED),
                        List.of(
                                event(i, EventType.REQUESTED, "USTEVE", 0, "x".repeat(1000)),
                                event(i, EventType.APPROVED, "UADMIN1", 60, null),
                                event(i, EventType.KEY_CREATED, Actors.KEYBOT, 61, "key-id-" + i),
                                event(i, EventType.DELIVERED, Actors.KEYBOT, 62, null))))
                .toList();

        // when
        String text = HistoryText.of(history, true);

        // then
        assertTrue(text.length() < 4000, () -> "history of " + text.length() + " chars");
        assertTrue(text.contains("*#1*"), text);
        assertTrue(text.endsWith("_Older requests are not shown._"), text);
    }

    private static KeyRequest request(long id, String keyName, State state) {
        Decision decision = state == State.PENDING ? null : new Decision("UADMIN1", AT.plusSeconds(60), null);
        return TestRequests.in(
                id, TestRequests.ask("production", keyName, "Nightly billing job", null, AT), state, decision, null);
    }

    private static AuditEvent event(long id, EventType type, String actor, long afterSeconds, String detail) {
        return new AuditEvent(id, type, actor, AT.plusSeconds(afterSeconds), detail);
    }
}
