package keybot.bot.slack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import keybot.approvals.Policy;
import keybot.approvals.Project;
import keybot.approvals.State;
import keybot.bot.work.Background;
import org.junit.jupiter.api.Test;

class HomeRefreshTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aChangeWhileKeybotStopsIsNotRefusedForTheSakeOfAppHome() {
        // given a keybot whose App Home refreshes have stopped, with work still finishing
        var policy = new Policy(List.of(new Project("production", "abcdefghijklmnopqrst", Set.of("UALICE"), 1)));
        try (var background = new Background(1)) {
            var refresh = new HomeRefresh(null, null, policy, background, Clock.fixed(NOW, ZoneOffset.UTC));
            refresh.close();
            var request = TestRequests.in(
                    7, TestRequests.ask("production", "billing_worker", "why", null, NOW), State.APPROVED, null, null);
            // when that work tells of a change, then it goes on: posting or updating the message does not fail
            assertDoesNotThrow(() -> refresh.changed(request));
        }
    }
}
