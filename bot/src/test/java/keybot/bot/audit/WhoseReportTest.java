package keybot.bot.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import keybot.approvals.AuditEvent;
import keybot.approvals.EventType;
import keybot.approvals.KeyRequest;
import keybot.approvals.RequestHistory;
import keybot.approvals.State;
import keybot.bot.slack.TestRequests;
import org.junit.jupiter.api.Test;

class WhoseReportTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void everyApproverIsNamedWhenTheProjectTakesSeveral() {
        // given a request that took two approvals
        KeyRequest r = request(State.DELIVERED, "a reason", List.of("UADMIN1", "UADMIN2"));

        // when
        String report = WhoseReport.of(new RequestHistory(r, List.of()));

        // then
        assertTrue(report.contains("Approved by:     UADMIN1, UADMIN2 at 2026-11-26T09:10:00Z\n"), report);
    }

    @Test
    void typedTextCannotBreakLinesOrSteerTheTerminal() {
        // given a reason with a newline, an escape sequence and a right-to-left override
        KeyRequest r = request(State.DELIVERED, "line one\nline two \u001b[2J\u202eevil", List.of());
        var event = new AuditEvent(r.id(), EventType.REQUESTED, "USTEVE", T0, "a\r\nb");

        // when
        String report = WhoseReport.of(new RequestHistory(r, List.of(event)));

        // then
        assertTrue(report.contains("Reason:          line one line two \uFFFD[2J\uFFFDevil\n"), report);
        assertTrue(report.contains("REQUESTED    USTEVE  a  b\n"), report);
        assertEquals(-1, report.indexOf('\u001b'));
    }

    private static KeyRequest request(State state, String reason, List<String> approvals) {
        return TestRequests.in(
                7,
                TestRequests.ask("production", "billing_worker", reason, null, T0),
                state,
                new KeyRequest.Decision("UADMIN2", T0.plusSeconds(600), null),
                new KeyRequest.IssuedKey("key-7", "ab".repeat(32), "qwxyzk"),
                null,
                approvals);
    }
}
