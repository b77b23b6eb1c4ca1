package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.CHANNEL;
import static keybot.e2e.KeybotFixture.COMMAND;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.await;
import static keybot.e2e.KeybotFixture.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import keybot.approvals.EventType;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.Test;

/** The happy paths a user sees: the form, the approval message, the key by DM, denial, history, help. */
class RequestFlowTest extends EndToEnd {

    @Test
    void slashCommandOpensTheRequestForm() {
        // when
        var ack = keybot.caller.post(SlackPayloads.command(COMMAND, REQUESTER, "", keybot.responseUrl()));
        // then
        assertEquals(200, ack.statusCode());
        var opened = keybot.slackCalls("views.open");
        assertFalse(opened.isEmpty());
        JsonObject view = JsonParser.parseString(
                        form(opened.get(opened.size() - 1)).get("view"))
                .getAsJsonObject();
        assertEquals(Ids.KEY_REQUEST, view.get("callback_id").getAsString());
        String blocks = view.get("blocks").toString();
        for (String id : List.of(Ids.PROJECT, Ids.KEY_NAME, Ids.REASON, Ids.DESCRIPTION)) {
            assertTrue(blocks.contains("\"block_id\":\"" + id + "\""), id);
            assertTrue(blocks.contains("\"action_id\":\"" + id + "\""), id);
        }
        assertTrue(blocks.contains("\"value\":\"" + REF + "\""), "project options carry the ref");
    }

    @Test
    void badKeyNameIsRefusedInTheFormAndNothingIsStored() {
        // given
        int before = keybot.store.history(Optional.empty(), 1000).size();
        // when
        var ack = keybot.caller.post(SlackPayloads.requestSubmission(REQUESTER, REF, "Billing-Worker", "why", null));
        // then
        assertEquals(200, ack.statusCode());
        JsonObject answer = JsonParser.parseString(ack.body()).getAsJsonObject();
        assertEquals("errors", answer.get("response_action").getAsString());
        assertTrue(
                answer.getAsJsonObject("errors").get(Ids.KEY_NAME).getAsString().contains("lowercase"));
        assertEquals(before, keybot.store.history(Optional.empty(), 1000).size());
    }

    @Test
    void submittedRequestIsPostedWithButtonsAndTheRequesterToldItIsPending() {
        // when
        KeyRequest request = keybot.submitted(REQUESTER, "posted_worker");
        // then
        assertEquals(State.PENDING, request.state());
        var post = keybot.slackCalls("chat.postMessage").stream()
                .map(KeybotFixture::form)
                .filter(f -> CHANNEL.equals(f.get("channel")))
                .filter(f -> f.get("text").startsWith("Key request #" + request.id() + ":"))
                .findFirst()
                .orElseThrow();
        String blocks = KeybotFixture.blocks(post);
        assertTrue(blocks.contains("<@" + REQUESTER + ">"), "names the requester");
        assertTrue(blocks.contains("production") && blocks.contains("posted_worker") && blocks.contains("Nightly"));
        assertTrue(blocks.contains("<!date^"), "shows the time");
        assertTrue(blocks.contains("\"action_id\":\"approve\"") && blocks.contains("\"action_id\":\"deny\""));
        assertTrue(blocks.contains("\"value\":\"" + request.id() + "\""));
        assertEquals(
                1, keybot.dmsMentioning(request.id(), "waiting for approval").size());
    }

    @Test
    void approvalCreatesTheKeyAndSendsItOnceByDirectMessage() throws Exception {
        // given
        String secret = "sb_secret_AbCdEfGhIjKlMnOpQrStUvWxYz01234";
        keybot.supabaseCreates("22222222-2222-4222-8222-222222222222", secret);
        KeyRequest request = keybot.submitted(REQUESTER, "billing_worker");
        // when
        var ack = keybot.caller.post(
                SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, String.valueOf(request.id()), keybot.responseUrl()));
        // then
        assertEquals(200, ack.statusCode());
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the key to be delivered");
        var created = keybot.supabaseCalls(postRequestedFor(urlEqualTo("/v1/projects/" + REF + "/api-keys")));
        assertEquals(1, created.size());
        JsonObject body =
                JsonParser.parseString(created.get(0).getBodyAsString()).getAsJsonObject();
        assertEquals("secret", body.get("type").getAsString());
        assertEquals("billing_worker", body.get("name").getAsString());
        String description = body.get("description").getAsString();
        assertTrue(
                description.contains("#" + request.id())
                        && description.contains(REQUESTER)
                        && description.contains(APPROVER),
                description);
        assertEquals("Bearer " + KeybotFixture.SUPABASE_TOKEN, created.get(0).getHeader("Authorization"));
        assertEquals(
                1,
                keybot.supabaseCalls(getRequestedFor(urlPathEqualTo(
                                "/v1/projects/" + REF + "/api-keys/22222222-2222-4222-8222-222222222222")))
                        .size());

        var secretDms = keybot.dmsMentioning(request.id(), secret);
        assertEquals(1, secretDms.size(), "exactly one DM carries the key");

        KeyRequest delivered = keybot.reload(request.id());
        var key = delivered.issuedKey().orElseThrow();
        assertEquals("22222222-2222-4222-8222-222222222222", key.id());
        assertEquals(sha256(secret), key.fingerprint());
        assertEquals("AbCdEf", key.hint());
        assertEquals(APPROVER, delivered.decided().orElseThrow().by());

        keybot.awaitMessageText(request.id(), "DELIVERED", "the approval message to show the delivery");
        String blocks = KeybotFixture.blocks(keybot.lastUpdateOf(request.id()).orElseThrow());
        assertTrue(blocks.contains("Approved by <@" + APPROVER + ">"), blocks);
        assertTrue(blocks.contains("22222222-2222-4222-8222-222222222222"));
        assertFalse(blocks.contains("\"action_id\":\"approve\""), "buttons are gone");

        var events = keybot.store.history(Optional.of(REQUESTER), 100).stream()
                .filter(h -> h.request().id() == request.id())
                .findFirst()
                .orElseThrow()
                .events();
        assertEquals(
                List.of(EventType.REQUESTED, EventType.APPROVED, EventType.KEY_CREATED, EventType.DELIVERED),
                events.stream().map(e -> e.type()).toList());

        // and the secret is nowhere but in that one DM
        assertFalse(keybot.databaseDump().contains(secret.substring(10)), "the database never holds the secret");
        assertFalse(keybot.databaseDump().contains("AbCdEfG"), "at most six characters of it");
        String log = Files.readString(Path.of("target/test.log"));
        assertFalse(log.contains(secret.substring(10)), "no log line holds the secret");
        assertFalse(
                log.contains(KeybotFixture.SUPABASE_TOKEN)
                        || log.contains(KeybotFixture.BOT_TOKEN)
                        || log.contains(KeybotFixture.SIGNING_SECRET),
                "no log line holds a token");
    }

    @Test
    void theRequestersDirectMessageChannelIsOpenedOnceAndRemembered() {
        // given a requester keybot has not written to yet
        // when two of their requests are posted and they are told of each
        keybot.submitted("UTWICE", "first_of_two");
        keybot.submitted("UTWICE", "second_of_two");
        // then Slack was asked for the conversation once
        long opened = keybot.slackCalls("conversations.open").stream()
                .map(KeybotFixture::form)
                .filter(f -> "UTWICE".equals(f.get("users")))
                .count();
        assertEquals(1, opened);
    }

    @Test
    void denyAsksForAReasonThenUpdatesTheMessageAndTellsTheRequester() {
        // given
        KeyRequest request = keybot.submitted(REQUESTER, "denied_worker");
        int formsBefore = keybot.slackCalls("views.open").size();
        // when the approver clicks Deny
        var click = keybot.caller.post(
                SlackPayloads.buttonClick(APPROVER, Ids.DENY, String.valueOf(request.id()), keybot.responseUrl()));
        // then a form asks for the reason, and nothing is decided yet
        assertEquals(200, click.statusCode());
        var opened = keybot.slackCalls("views.open");
        assertEquals(formsBefore + 1, opened.size());
        JsonObject view = JsonParser.parseString(
                        form(opened.get(opened.size() - 1)).get("view"))
                .getAsJsonObject();
        assertEquals(Ids.DENY_REASON, view.get("callback_id").getAsString());
        assertEquals(String.valueOf(request.id()), view.get("private_metadata").getAsString());
        assertEquals(State.PENDING, keybot.reload(request.id()).state());

        // when the reason is submitted
        var submitted = keybot.caller.post(SlackPayloads.denySubmission(
                APPROVER, String.valueOf(request.id()), "Use the shared billing key instead"));
        // then
        assertEquals(200, submitted.statusCode());
        assertEquals("", submitted.body(), "an empty ack closes the form");
        KeyRequest denied = keybot.reload(request.id());
        assertEquals(State.DENIED, denied.state());
        assertEquals(
                "Use the shared billing key instead",
                denied.decided().orElseThrow().note());
        keybot.awaitDm(
                request.id(), "was denied by <@" + APPROVER + ">: Use the shared", "the requester to be told why");
        keybot.awaitMessageShowing(request.id(), "Denied by", "the approval message to show the denial");
        assertTrue(
                keybot.supabaseCalls(postRequestedFor(urlEqualTo("/v1/projects/" + REF + "/api-keys"))).stream()
                        .noneMatch(c -> c.getBodyAsString().contains("denied_worker")),
                "no key was created");
    }

    @Test
    void denyWithoutAReasonIsRefusedInTheForm() {
        // given
        KeyRequest request = keybot.submitted(REQUESTER, "reasonless_deny");
        // when
        var submitted = keybot.caller.post(SlackPayloads.denySubmission(APPROVER, String.valueOf(request.id()), " "));
        // then
        JsonObject answer = JsonParser.parseString(submitted.body()).getAsJsonObject();
        assertTrue(answer.getAsJsonObject("errors").has(Ids.DENY_REASON));
        assertEquals(State.PENDING, keybot.reload(request.id()).state());
    }

    @Test
    void requesterIsToldWhenTheRequestCannotBePostedForTheApprovers() {
        // given keybot was never invited to the approvals channel
        var notInChannel = keybot.slack.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .atPriority(1)
                .withRequestBody(containing("channel=" + CHANNEL))
                .willReturn(okJson("{\"ok\":false,\"error\":\"not_in_channel\"}")));
        // when
        keybot.caller.post(SlackPayloads.requestSubmission("UUNPOSTED", REF, "unposted_key", "why", null));
        // then
        long id = keybot.store
                .history(Optional.of("UUNPOSTED"), 1)
                .get(0)
                .request()
                .id();
        keybot.awaitDm(id, "could not post it", "the requester to be told");
        assertTrue(
                keybot.dmsMentioning(id, "could not post it").get(0).get("text").contains("/invite @keybot"));
        assertTrue(keybot.reload(id).message().isEmpty());
        keybot.slack.removeStub(notInChannel);
    }

    @Test
    void helpExplainsTheCommands() {
        String help = text(keybot.caller
                .post(SlackPayloads.command(COMMAND, REQUESTER, "help", keybot.responseUrl()))
                .body());
        assertTrue(
                help.contains("`" + COMMAND + "`")
                        && help.contains(COMMAND + " history")
                        && help.contains("<#" + CHANNEL + ">"),
                help);
        String unknown = text(keybot.caller
                .post(SlackPayloads.command(COMMAND, REQUESTER, "rotate", keybot.responseUrl()))
                .body());
        assertTrue(unknown.startsWith("I don't know `rotate`"), unknown);
    }

    private static String text(String ackBody) {
        return JsonParser.parseString(ackBody).getAsJsonObject().get("text").getAsString();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
