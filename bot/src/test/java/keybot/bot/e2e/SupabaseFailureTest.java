package keybot.bot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.bot.e2e.KeybotFixture.APPROVER;
import static keybot.bot.e2e.KeybotFixture.REF;
import static keybot.bot.e2e.KeybotFixture.REQUESTER;
import static keybot.bot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.stream.Stream;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.demo.SlackPayloads;
import keybot.bot.slack.Ids;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When Supabase says no or does not answer, the request fails visibly: on the message and to the requester. */
class SupabaseFailureTest extends EndToEnd {


    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("name rejected", json(400, "{\"message\":\"name: Name must start with a lowercase"
                        + " letter or an underscore\"}"), "refused the key name"),
                Arguments.of("token invalid", json(401, "{\"message\":\"Unauthorized\"}"), "not allowed"),
                Arguments.of("token lacks permission", json(403, "{\"message\":\"Your account does not have the"
                        + " necessary privileges\"}"), "API Keys: Read-write"),
                Arguments.of("rate limited", json(429, "").withHeader("X-RateLimit-Reset", "42"), "rate-limiting"),
                Arguments.of("server error", json(500, "{\"message\":\"Internal error\"}"), "could not be reached or failed"),
                Arguments.of("unavailable, no JSON", aResponse().withStatus(503).withBody("<html>oops</html>"),
                        "could not be reached or failed"),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        "could not be reached or failed"),
                Arguments.of("slower than the timeout", json(201, "{}").withFixedDelay(3000), "did not answer in time"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failedKeyCreationFailsTheRequestAndSaysWhyInPlainWords(String name, ResponseDefinitionBuilder answer,
                                                              String words) {
        // given
        var stub = keybot.supabase.stubFor(post(urlEqualTo("/v1/projects/" + REF + "/api-keys")).willReturn(answer));
        KeyRequest request = keybot.submitted(REQUESTER, "failing_key");
        // when
        var ack = keybot.caller.post(SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, String.valueOf(request.id()),
                keybot.responseUrl()));
        // then
        assertEquals(200, ack.statusCode());
        await(() -> keybot.reload(request.id()).state() == State.FAILED, "the request to fail");
        String failure = keybot.reload(request.id()).failureReason().orElseThrow();
        assertTrue(failure.contains(words), failure);
        await(() -> keybot.lastUpdateOf(request.id()).map(u -> KeybotFixture.blocks(u).contains(words))
                .orElse(false), "the approval message to show why");
        String blocks = KeybotFixture.blocks(keybot.lastUpdateOf(request.id()).orElseThrow());
        assertTrue(!blocks.contains("\"action_id\":\"approve\""), "no buttons on a failed request");
        await(() -> !keybot.dmsMentioning(request.id(), "could not be completed").isEmpty(),
                "the requester to be told");
        assertTrue(keybot.dmsMentioning(request.id(), "could not be completed").get(0).get("text").contains(words));
        keybot.supabase.removeStub(stub);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
