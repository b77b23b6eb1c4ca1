package keybot.e2e;

import static keybot.e2e.KeybotFixture.COMMAND;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.SIGNING_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import keybot.bot.http.SlackSignature;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Only requests Slack signed in the last five minutes get through; /healthz tells a load balancer the truth. */
class SignatureAndHealthTest extends EndToEnd {

    static Stream<Arguments> forgeries() {
        String body = SlackPayloads.requestSubmission(REQUESTER, REF, "forged_key", "forged", null);
        long now = Instant.now().getEpochSecond();
        SlackSignature real = new SlackSignature(SIGNING_SECRET);
        SlackSignature wrong = new SlackSignature("not-the-signing-secret");
        return Stream.of(
                Arguments.of("no headers", body, null, null),
                Arguments.of("no signature", body, String.valueOf(now), null),
                Arguments.of("no timestamp", body, null, real.sign(now, body)),
                Arguments.of("signed with another secret", body, String.valueOf(now), wrong.sign(now, body)),
                Arguments.of(
                        "body changed after signing",
                        body.replace("forged_key", "forged_kez"),
                        String.valueOf(now),
                        real.sign(now, body)),
                Arguments.of("six minutes old", body, String.valueOf(now - 360), real.sign(now - 360, body)),
                Arguments.of("six minutes in the future", body, String.valueOf(now + 360), real.sign(now + 360, body)),
                Arguments.of("timestamp not a number", body, "soon", real.sign(now, body)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void unsignedOrStaleRequestsGet401AndChangeNothing(String name, String body, String ts, String sig) {
        // given
        int requests = keybot.store.history(Optional.empty(), 1000).size();
        long slackCalls = slackCallsBesidesAuthTest();
        // when
        var response = keybot.caller.post(body, ts, sig);
        // then
        assertEquals(401, response.statusCode());
        assertEquals(requests, keybot.store.history(Optional.empty(), 1000).size());
        assertEquals(slackCalls, slackCallsBesidesAuthTest(), "nothing was sent to Slack");
    }

    /** Bolt checks its token (auth.test) before any listener runs; that is not a change. */
    private static long slackCallsBesidesAuthTest() {
        return keybot.slack.getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getUrl().endsWith("/auth.test"))
                .count();
    }

    @Test
    void forgedSlashCommandOpensNothing() {
        int forms = keybot.slackCalls("views.open").size();
        String body = SlackPayloads.command(COMMAND, REQUESTER, "", keybot.responseUrl());
        var response = keybot.caller.post(body, String.valueOf(Instant.now().getEpochSecond()), "v0=00");
        assertEquals(401, response.statusCode());
        assertEquals(forms, keybot.slackCalls("views.open").size());
    }

    @Test
    void appHomeOpenedEventsAreAcknowledgedIncludingSlackRetries() {
        String event = """
                {"token":"legacy","team_id":"T0001","api_app_id":"A0KEYBOT","type":"event_callback",\
                "event_id":"Ev0001","event_time":1700000000,"event":{"type":"app_home_opened","user":"USTEVE",\
                "channel":"D0REQUESTER","tab":"home","event_ts":"1700000000.000100"}}""";
        assertEquals(200, keybot.caller.postEvent(event, Map.of()).statusCode());
        assertEquals(
                200,
                keybot.caller
                        .postEvent(event, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))
                        .statusCode());
    }

    @Test
    void healthIsOkWhileTheDatabaseAnswers() {
        var response = keybot.health();
        assertEquals(200, response.statusCode());
        assertEquals("ok\n", response.body());
    }

    @Test
    void healthIsUnavailableWhenTheDatabaseIsNot() throws Exception {
        // given a keybot of its own whose database goes away
        try (KeybotFixture doomed = new KeybotFixture()) {
            doomed.db.close();
            // when
            var response = doomed.health();
            // then
            assertEquals(503, response.statusCode());
            assertFalse(response.body().contains("password"));
        }
    }
}
