package keybot.e2e;

import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.COMMAND;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.await;
import static keybot.e2e.PayloadJson.action;
import static keybot.e2e.PayloadJson.view;
import static keybot.e2e.PayloadJson.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import keybot.approvals.KeyRequest;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signed payloads that are broken, incomplete or point at nothing: each gets a 4xx or a sentence, never a 500,
 * never an ERROR in the log, and the database is left exactly as it was.
 */
class MalformedPayloadTest extends EndToEnd {

    /** Builds a body from the id of a pending request and a response URL of the case's own. */
    interface Body extends BiFunction<Long, String, String> {}

    static KeyRequest pending;

    @BeforeAll
    static void aPendingRequest() {
        pending = keybot.submitted(REQUESTER, "malformed_target");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // slash commands
                of(
                        "command without a user",
                        (id, url) -> command(url).replace("user_id=UCMD", "user_id="),
                        400,
                        "names no Slack user"),
                of(
                        "command from something that is not a user id",
                        (id, url) -> command(url).replace("user_id=UCMD", "user_id=%27%3B+drop+table+x"),
                        400,
                        "names no Slack user"),
                of(
                        "command keybot does not have",
                        (id, url) -> SlackPayloads.command("/other", APPROVER, "", url),
                        404,
                        "no handler found"),
                // clicks
                of(
                        "click without a user",
                        (id, url) -> with(click(id, url), p -> p.remove("user")),
                        400,
                        "names no Slack user"),
                of(
                        "click whose user id is a number",
                        (id, url) -> with(
                                click(id, url), p -> p.getAsJsonObject("user").addProperty("id", 42)),
                        400,
                        "names no Slack user"),
                of(
                        "click without actions",
                        (id, url) -> with(click(id, url), p -> p.remove("actions")),
                        400,
                        "actions"),
                of(
                        "click whose actions are not a list",
                        (id, url) -> with(click(id, url), p -> p.add("actions", new JsonObject())),
                        400,
                        "malformed request"),
                of(
                        "click on a button keybot does not have",
                        (id, url) -> with(click(id, url), p -> action(p).addProperty("action_id", "self_destruct")),
                        404,
                        "no handler found"),
                of(
                        "click whose value is not a number",
                        (id, url) -> SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, "1 OR 1=1", url),
                        200,
                        "I cannot find that request"),
                of(
                        "click on a request that does not exist",
                        (id, url) -> SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, "999999", url),
                        200,
                        "I cannot find that request"),
                of(
                        "click whose value overflows",
                        (id, url) -> SlackPayloads.buttonClick(APPROVER, Ids.RETRY, "9".repeat(30), url),
                        200,
                        "I cannot find that request"),
                of(
                        "click whose value is negative",
                        (id, url) -> SlackPayloads.buttonClick(APPROVER, Ids.DENY, "-" + id, url),
                        200,
                        "I cannot find that request"),
                of(
                        "click whose value is an object",
                        (id, url) -> with(click(id, url), p -> action(p).add("value", new JsonObject())),
                        400,
                        "malformed request"),
                of(
                        "click without a value",
                        (id, url) -> with(click(id, url), p -> action(p).remove("value")),
                        200,
                        "I cannot find that request"),
                of(
                        "click whose response URL is not Slack's",
                        (id, url) -> SlackPayloads.buttonClick(
                                APPROVER, Ids.APPROVE, "999999", "http://169.254.169.254/latest/meta-data"),
                        400,
                        "the response URL is not Slack's"),
                of(
                        "click on a message without a response URL",
                        (id, url) -> with(click(id, url), p -> p.remove("response_url")),
                        400,
                        "a click on a message without Slack's response URL"),
                of(
                        "click with a null among its actions",
                        (id, url) -> with(
                                click(id, url), p -> p.getAsJsonArray("actions").add(JsonNull.INSTANCE)),
                        400,
                        "malformed request"),
                of(
                        "click whose response URL is not a URL",
                        (id, url) -> SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, "999999", "not a url"),
                        400,
                        "the response URL is not Slack's"),
                of(
                        "command whose response URL is not Slack's",
                        (id, url) -> SlackPayloads.command(COMMAND, APPROVER, "help", "https://evil.example/x"),
                        400,
                        "the response URL is not Slack's"),
                // forms
                of(
                        "request form without its view",
                        (id, url) -> with(requestForm(), p -> p.remove("view")),
                        400,
                        "malformed request"),
                of(
                        "request form without its state",
                        (id, url) -> with(requestForm(), p -> view(p).remove("state")),
                        200,
                        "Say why you need the key"),
                of(
                        "request form whose values are a list",
                        (id, url) -> with(
                                requestForm(),
                                p -> view(p).getAsJsonObject("state").add("values", new JsonArray())),
                        200,
                        "Say why you need the key"),
                of(
                        "form keybot does not have",
                        (id, url) -> with(requestForm(), p -> view(p).addProperty("callback_id", "self_destruct_form")),
                        404,
                        "no handler found"),
                of(
                        "request form with a reason of 1001 characters",
                        (id, url) ->
                                SlackPayloads.requestSubmission(REQUESTER, REF, "long_reason", "r".repeat(1001), null),
                        200,
                        "Keep the reason to 1000 characters"),
                of(
                        "request form with a description of 201 characters",
                        (id, url) -> SlackPayloads.requestSubmission(
                                REQUESTER, REF, "long_description", "why", "d".repeat(201)),
                        200,
                        "Keep the description to 200 characters"),
                of(
                        "request form with a key name Supabase refuses",
                        (id, url) -> SlackPayloads.requestSubmission(REQUESTER, REF, "Bad-Name", "why", null),
                        200,
                        "Use 4 to 64 characters"),
                of(
                        "request form with a reserved key name",
                        (id, url) -> SlackPayloads.requestSubmission(REQUESTER, REF, "service_role", "why", null),
                        200,
                        "Use 4 to 64 characters"),
                of(
                        "deny form whose request id is not a number",
                        (id, url) -> with(denyForm(id, "no"), p -> view(p).addProperty("private_metadata", "abc")),
                        200,
                        "I cannot find that request"),
                of(
                        "deny form without a request id",
                        (id, url) -> with(denyForm(id, "no"), p -> view(p).remove("private_metadata")),
                        200,
                        "I cannot find that request"),
                of("deny form without a reason", (id, url) -> denyForm(id, null), 200, "Say why you deny the request"),
                of(
                        "deny form with a reason of 1001 characters",
                        (id, url) -> denyForm(id, "n".repeat(1001)),
                        200,
                        "Keep the reason to 1000 characters"),
                // Events API
                of(
                        "event without an event",
                        (id, url) -> "{\"type\":\"event_callback\",\"team_id\":\"T0001\"}",
                        400,
                        "malformed request"),
                of(
                        "event keybot does not subscribe to",
                        (id, url) -> "{\"type\":\"event_callback\","
                                + "\"team_id\":\"T0001\",\"event\":{\"type\":\"message\",\"text\":\"<!channel>\"}}",
                        404,
                        "no handler found"),
                of(
                        "event without a type",
                        (id, url) -> "{\"type\":\"event_callback\",\"team_id\":\"T0001\","
                                + "\"event\":{\"user\":\"UADMIN1\"}}",
                        400,
                        "malformed request"),
                of(
                        "url verification without a challenge",
                        (id, url) -> "{\"type\":\"url_verification\"}",
                        400,
                        "malformed request"),
                of(
                        "shortcut keybot does not have",
                        (id, url) -> with(click(id, url), p -> p.addProperty("type", "shortcut")),
                        404,
                        "no handler found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedPayloadGetsAClearAnswerAndChangesNothing(String name, Body body, int status, String says) {
        // given
        String before = keybot.databaseDump();
        long log = TestLog.mark();
        String url = keybot.responseUrl("malformed-" + Math.abs(name.hashCode()));
        String sent = body.apply(pending.id(), url);
        // when
        HttpResponse<String> response =
                sent.startsWith("{") ? keybot.caller.postEvent(sent, Map.of()) : keybot.caller.post(sent);
        // then
        assertEquals(status, response.statusCode(), response::body);
        if (response.body().isEmpty()) {
            await(() -> !keybot.answersTo(url).isEmpty(), "the clicker to be answered");
            assertTrue(
                    keybot.answersTo(url).get(0).contains(says),
                    () -> keybot.answersTo(url).get(0));
        } else {
            assertTrue(response.body().contains(says), response::body);
        }
        assertEquals(before, keybot.databaseDump());
        assertEquals(List.of(), TestLog.errorsSince(log));
    }

    private static Arguments of(String name, Body body, int status, String says) {
        return Arguments.of(name, body, status, says);
    }

    private static String command(String url) {
        return SlackPayloads.command(COMMAND, "UCMD", "history", url);
    }

    private static String click(long id, String url) {
        return SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, String.valueOf(id), url);
    }

    private static String requestForm() {
        return SlackPayloads.requestSubmission(REQUESTER, REF, "valid_name", "why", null);
    }

    private static String denyForm(long id, String reason) {
        return SlackPayloads.denySubmission(APPROVER, String.valueOf(id), reason);
    }
}
