package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.CHANNEL;
import static keybot.e2e.KeybotFixture.COMMAND;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.List;
import java.util.Optional;
import keybot.approvals.EventType;
import keybot.approvals.HistoryQuery;
import keybot.approvals.KeyRequest;
import keybot.approvals.RequestHistory;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.Test;

/**
 * A message keybot owes that Slack refuses for good, or keeps failing, is recorded in the request's history where
 * approvers see it, is not tried again, and holds up nothing else the request owes.
 */
class MessagesSlackRefusesTest extends EndToEnd {

    @Test
    void aPostRefusedForGoodIsInTheHistoryTriedOnceAndTheRequesterIsTold() {
        // given keybot was never invited to the approvals channel
        var notInChannel = keybot.slack.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .atPriority(1)
                .withRequestBody(containing("channel=" + CHANNEL))
                .willReturn(okJson("{\"ok\":false,\"error\":\"not_in_channel\"}")));
        try {
            // when
            keybot.caller.post(SlackPayloads.requestSubmission("UREFUSED", REF, "refused_post", "why", null));
            long id = keybot.store
                    .history(Optional.of("UREFUSED"), 1)
                    .get(0)
                    .request()
                    .id();
            // then
            await(() -> !keybot.dmsMentioning(id, "could not post it").isEmpty(), "the requester to be told");
            await(() -> keybot.effectsOwed() == 0, "nothing left owed");
            assertEquals(List.of(EventType.REQUESTED, EventType.MESSAGE_FAILED), eventTypes(id));
            String failure = history(id).events().get(1).detail();
            assertEquals("The request could not be posted for its approvers: Slack answered not_in_channel.", failure);
            assertEquals(1, postsToTheChannelNaming(id), "refused for good: not tried again");
            assertTrue(historyAsApproverSees().contains("message failed by keybot: The request could not be posted"));
        } finally {
            keybot.slack.removeStub(notInChannel);
        }
    }

    @Test
    void anUpdateSlackKeepsFailingIsRecordedAfterItsLastTryAndTheKeyIsStillDelivered() {
        // given a posted request whose message Slack will not update, failing as if it were down
        keybot.supabaseCreates("88888888-8888-4888-8888-888888888888", "sb_secret_UpDaTeFaIlSkLmNoPqRsTuVwXyZ012");
        KeyRequest request = keybot.submitted(REQUESTER, "update_outage");
        var down = keybot.slack.stubFor(post(urlEqualTo("/api/chat.update"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        try {
            // when
            keybot.caller.post(
                    SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, Ids.valueOf(request.id()), keybot.responseUrl()));
            // then
            await(() -> eventTypes(request.id()).contains(EventType.DELIVERED), "the delivery");
            await(() -> eventTypes(request.id()).contains(EventType.MESSAGE_FAILED), "the update given up");
            await(() -> keybot.effectsOwed() == 0, "nothing left owed");
            String failure = history(request.id()).events().stream()
                    .filter(e -> e.type() == EventType.MESSAGE_FAILED)
                    .findFirst()
                    .orElseThrow()
                    .detail();
            assertTrue(
                    failure.startsWith("The approval message could not be brought up to date: Slack kept failing"),
                    failure);
        } finally {
            keybot.slack.removeStub(down);
        }
    }

    private static RequestHistory history(long id) {
        return keybot.store.history(HistoryQuery.newest(1).before(id + 1)).get(0);
    }

    private static List<EventType> eventTypes(long id) {
        return history(id).events().stream().map(e -> e.type()).toList();
    }

    private static long postsToTheChannelNaming(long id) {
        return keybot.slackCalls("chat.postMessage").stream()
                .map(KeybotFixture::form)
                .filter(f -> CHANNEL.equals(f.get("channel")))
                .filter(f -> f.getOrDefault("text", "").startsWith("Key request #" + id + ":"))
                .count();
    }

    private static String historyAsApproverSees() {
        String ack = keybot.caller
                .post(SlackPayloads.command(COMMAND, APPROVER, "history", keybot.responseUrl()))
                .body();
        return JsonParser.parseString(ack)
                .getAsJsonObject()
                .getAsJsonArray("blocks")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("text")
                .get("text")
                .getAsString();
    }
}
