package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.stream.Stream;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When Supabase says no, or keeps failing, the request fails visibly: on the message and to the requester. A
 * refusal is final at once; a passing fault is retried a few times first.
 */
class SupabaseFailureTest extends EndToEnd {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        "name rejected",
                        json(
                                400,
                                "{\"message\":\"name: Name must start with a lowercase"
                                        + " letter or an underscore\"}"),
                        "refused the key name",
                        1),
                Arguments.of("token invalid", json(401, "{\"message\":\"Unauthorized\"}"), "not allowed", 1),
                Arguments.of(
                        "token lacks permission",
                        json(403, "{\"message\":\"Your account does not have the" + " necessary privileges\"}"),
                        "API Keys: Read-write",
                        1),
                Arguments.of("rate limited", json(429, "").withHeader("X-RateLimit-Reset", "0"), "rate-limiting", 3),
                Arguments.of(
                        "server error",
                        json(500, "{\"message\":\"Internal error\"}"),
                        "could not be reached or failed",
                        3),
                Arguments.of(
                        "unavailable, no JSON",
                        aResponse().withStatus(503).withBody("<html>oops</html>"),
                        "could not be reached or failed",
                        3),
                Arguments.of(
                        "connection reset",
                        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        "could not be reached or failed",
                        3),
                Arguments.of(
                        "slower than the timeout", json(201, "{}").withFixedDelay(2000), "did not answer in time", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failedKeyCreationFailsTheRequestAndSaysWhyInPlainWords(
            String name, ResponseDefinitionBuilder answer, String words, int attempts) {
        // given
        var stub = keybot.supabase.stubFor(
                post(urlEqualTo("/v1/projects/" + REF + "/api-keys")).willReturn(answer));
        KeyRequest request = keybot.submitted(REQUESTER, "failing_key");
        int postsBefore = creates();
        // when
        var ack = keybot.caller.post(
                SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, String.valueOf(request.id()), keybot.responseUrl()));
        // then
        assertEquals(200, ack.statusCode());
        await(() -> keybot.reload(request.id()).state() == State.FAILED, "the request to fail");
        String failure = keybot.reload(request.id()).failureReason().orElseThrow();
        assertTrue(failure.contains(words), failure);
        assertEquals(attempts, creates() - postsBefore, "a refusal is not retried; a passing fault is, a few times");
        assertEquals(attempts > 1, failure.contains("tried " + attempts + " times"), failure);
        keybot.awaitMessageShowing(request.id(), words, "the approval message to show why");
        String blocks = KeybotFixture.blocks(keybot.lastUpdateOf(request.id()).orElseThrow());
        assertTrue(!blocks.contains("\"action_id\":\"approve\""), "no buttons on a failed request");
        keybot.awaitDm(request.id(), "could not be completed", "the requester to be told");
        assertTrue(keybot.dmsMentioning(request.id(), "could not be completed")
                .get(0)
                .get("text")
                .contains(words));
        keybot.supabase.removeStub(stub);
    }

    private static int creates() {
        return keybot.supabaseCalls(postRequestedFor(urlEqualTo("/v1/projects/" + REF + "/api-keys")))
                .size();
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
