package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slack failing never loses an approved key: the delivery waits and tries again; approvers see why. */
class SlackFaultTest extends EndToEnd {

    /** A requester keybot has never written to, so no direct message channel of theirs is remembered. */
    static final String UNREACHABLE = "U0UNREACHABLE";

    static final String SECRET = "sb_secret_SlAcKfAuLtSlMnOpQrStUvWxYz01234";
    final List<StubMapping> stubs = new ArrayList<>();

    @BeforeEach
    void supabaseCreatesKeys() {
        keybot.supabaseCreates("77777777-7777-4777-8777-777777777777", SECRET);
    }

    @AfterEach
    void removeFaults() {
        stubs.forEach(keybot.slack::removeStub);
        keybot.slack.resetScenarios();
    }

    @Test
    void directMessageFailingForAWhileIsSentLaterExactlyOnce() {
        // given Slack fails the next four direct messages with 500 (more than one call's own retries)
        KeyRequest request = keybot.submitted(REQUESTER, "dm_outage");
        failNextDirectMessages(aResponse().withStatus(500), 4);
        // when
        approve(request);
        // then
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        assertEquals(1, keybot.acceptedDms(request.id(), SECRET).size(), "one message with the key got through");
        assertEquals(1, creates(request), "the key was created once");
    }

    @Test
    void rateLimitedDirectMessageWaitsAsSlackAsks() {
        // given Slack rate-limits the direct message once, asking for a one-second wait
        KeyRequest request = keybot.submitted(REQUESTER, "dm_ratelimited");
        failNextDirectMessages(aResponse().withStatus(429).withHeader("Retry-After", "1"), 1);
        // when
        approve(request);
        // then
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        var attempts = keybot.slack.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/api/chat.postMessage"))
                .filter(e -> e.getRequest().getBodyAsString().contains(SECRET.substring(10)))
                .map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
        assertEquals(2, attempts.size());
        assertTrue(attempts.get(1) - attempts.get(0) >= 900, "waited as Retry-After said");
        assertEquals(1, keybot.acceptedDms(request.id(), SECRET).size());
    }

    @Test
    void aDirectMessageChannelSlackRefusesIsOpenedAgainAndTheKeyGetsThrough() {
        // given a requester whose direct message channel keybot remembers, and Slack refusing it once
        KeyRequest request = keybot.submitted(REQUESTER, "dm_moved");
        failNextDirectMessages(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}"), 1);
        int opened = keybot.slackCalls("conversations.open").size();
        // when
        approve(request);
        // then the conversation is opened again rather than the refused channel tried for hours
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        assertTrue(keybot.slackCalls("conversations.open").size() > opened, "the channel was asked for again");
        assertEquals(1, keybot.acceptedDms(request.id(), SECRET).size());
    }

    @Test
    void directMessageRefusedForGoodIsShownToApproversAndLoggedButTheKeyIsKept() throws Exception {
        // given Slack refuses to open a direct message with a requester keybot has not written to yet
        stubs.add(keybot.slack.stubFor(post(urlEqualTo("/api/conversations.open"))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"user_not_found\"}"))));
        keybot.caller.post(
                SlackPayloads.requestSubmission(UNREACHABLE, REF, "dm_refused", "Nightly billing job", null));
        long id = keybot.store
                .history(Optional.of(UNREACHABLE), 1)
                .get(0)
                .request()
                .id();
        await(() -> keybot.reload(id).message().isPresent(), "the request to be posted");
        KeyRequest request = keybot.reload(id);
        // when
        approve(request);
        // then the request waits with its key, and approvers see why
        keybot.awaitMessageShowing(request.id(), "user_not_found", "the approval message to show the problem");
        assertEquals(State.KEY_CREATED, keybot.reload(request.id()).state());
        assertTrue(keybot.reload(request.id()).holdUp().orElseThrow().contains("An admin needs to look"));
        String log = Files.readString(Path.of("target/test.log"));
        assertTrue(
                log.contains("ERROR keybot.bot.slack.SlackNotifier - Request #" + request.id() + ": opening a"
                        + " direct message with " + UNREACHABLE + " failed: Slack answered user_not_found"),
                "logged");
        // when the problem is fixed, the next try delivers
        keybot.slack.removeStub(stubs.remove(0));
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery after the fix");
        assertEquals(1, keybot.acceptedDms(request.id(), SECRET).size());
        assertEquals(1, creates(request));
    }

    @Test
    void approvalMessageThatCannotBeUpdatedDoesNotHoldUpTheKey() {
        // given the approval message's channel is gone
        KeyRequest request = keybot.submitted(REQUESTER, "channel_gone");
        stubs.add(keybot.slack.stubFor(post(urlEqualTo("/api/chat.update"))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}"))));
        // when
        approve(request);
        // then
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        await(() -> keybot.jobsOwed() == 0, "the job to be given up after a permanent Slack error");
        assertEquals(1, keybot.acceptedDms(request.id(), SECRET).size());
    }

    /** The next {@code times} direct messages get {@code fault}; later ones go through. */
    private void failNextDirectMessages(ResponseDefinitionBuilder fault, int times) {
        for (int i = 0; i < times; i++) {
            MappingBuilder call =
                    post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=D0REQUESTER"));
            stubs.add(keybot.slack.stubFor(call.atPriority(1)
                    .inScenario("slack-faults")
                    .whenScenarioStateIs(i == 0 ? STARTED : "fault-" + i)
                    .willReturn(fault)
                    .willSetStateTo("fault-" + (i + 1))));
        }
    }

    private static void approve(KeyRequest request) {
        keybot.caller.post(
                SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, String.valueOf(request.id()), keybot.responseUrl()));
    }

    /** Keys created for the key name of one test's request. */
    private static int creates(KeyRequest request) {
        return (int) keybot.supabaseCalls(postRequestedFor(urlEqualTo("/v1/projects/" + REF + "/api-keys"))).stream()
                .filter(c -> c.getBodyAsString().contains("\"" + request.ask().keyName() + "\""))
                .count();
    }
}
