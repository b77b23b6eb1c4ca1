package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.CHANNEL;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import keybot.approvals.Draft;
import keybot.approvals.KeyIssuer;
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequests;
import keybot.approvals.Policy;
import keybot.approvals.Project;
import keybot.approvals.State;
import keybot.approvals.Transition;
import keybot.bot.slack.DirectMessages;
import keybot.bot.slack.SlackNotifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A keybot process stops at any point after a commit; the next one to start finishes what it owed, with exactly one
 * key and one message. Each scene is set by running keybot's own steps up to the crash point, with anything the
 * dead process had claimed still held under its lease, as a killed process leaves it.
 */
class CrashRecoveryTest {

    static final String KEY_ID = "55555555-5555-4555-8555-555555555555";
    static final String SECRET = "sb_secret_CrAsHeDjKlMnOpQrStUvWxYz01234";

    KeybotFixture keybot;
    KeyRequests requests;
    KeyIssuer issuer;

    @BeforeEach
    void stoppedKeybot() throws Exception {
        keybot = new KeybotFixture(false);
        keybot.supabaseCreates(KEY_ID, SECRET);
        Policy policy = new Policy(List.of(new Project("production", REF, Set.of(APPROVER), 1)));
        requests = new KeyRequests(keybot.store, policy, Clock.systemUTC());
        issuer = keybot.issuer();
    }

    @AfterEach
    void stop() throws Exception {
        keybot.closeCheckingLeaks();
    }

    /** The listener's one step for a submitted form: the request and what it owes are committed, nothing sent. */
    private KeyRequest submitted() {
        return requests.submit(new Draft(REQUESTER, REF, "crash_key", "Nightly billing job", null));
    }

    /** Requested and approved; the dying process had claimed the delivery job. */
    private KeyRequest approvedAndClaimed() {
        KeyRequest request = submitted();
        requests.approve(request.id(), APPROVER);
        Instant now = Instant.now();
        assertTrue(keybot.store.deliveries().claim(now, now.plusMillis(300)).isPresent());
        return keybot.reload(request.id());
    }

    @Test
    void killedRightAfterASubmissionsCommitTheNextStartPostsItAndTellsTheRequester() throws Exception {
        // given the process stored the request and died before posting it
        KeyRequest request = submitted();
        assertTrue(keybot.slackCalls("chat.postMessage").isEmpty());
        // when keybot starts again
        keybot.start();
        // then the request is posted for its approvers and its requester told, once each
        await(() -> keybot.reload(request.id()).message().isPresent(), "the request to be posted");
        await(() -> keybot.dmsMentioning(request.id(), "waiting for approval").size() == 1, "the requester told");
        await(() -> keybot.effectsOwed() == 0, "nothing left owed");
        assertEquals(
                1,
                keybot.slackCalls("chat.postMessage").stream()
                        .map(KeybotFixture::form)
                        .filter(f -> CHANNEL.equals(f.get("channel")))
                        .count(),
                "posted once");
    }

    @Test
    void killedWhilePostingTheNextStartPostsItOnceTheLeaseRunsOut() throws Exception {
        // given the process had claimed the post when it died
        KeyRequest request = submitted();
        Instant now = Instant.now();
        assertTrue(keybot.store.effects().claim(now, now.plusMillis(300)).isPresent());
        // when keybot starts again
        keybot.start();
        // then
        await(() -> keybot.reload(request.id()).message().isPresent(), "the request to be posted");
        await(() -> keybot.dmsMentioning(request.id(), "waiting for approval").size() == 1, "the requester told");
    }

    @Test
    void keyCreatedButNotRecordedIsFoundNotCreatedAgain() throws Exception {
        // given the process created the key at Supabase, then died before recording it
        KeyRequest request = approvedAndClaimed();
        issuer.create(
                REF, "crash_key", "keybot request #" + request.id() + " by " + REQUESTER + ", approved by " + APPROVER);
        keybot.supabase.stubFor(get(urlEqualTo("/v1/projects/" + REF + "/api-keys"))
                .willReturn(
                        okJson("[{\"id\":\"" + KEY_ID + "\",\"name\":\"crash_key\",\"type\":\"secret\",\"description\":"
                                + "\"keybot request #" + request.id() + " by " + REQUESTER + ", approved by " + APPROVER
                                + "\",\"api_key\":\"sb_secret_CrAsH··························\"}]")));
        assertEquals(State.APPROVED, keybot.reload(request.id()).state());
        // when keybot starts again
        keybot.start();
        // then
        assertDeliveredOnce(request);
    }

    @Test
    void keyRecordedButNotSentIsReadAgainAndSentOnce() throws Exception {
        // given the process recorded the key, then died before the direct message
        KeyRequest request = approvedAndClaimed();
        createdAndRecorded(request);
        // when
        keybot.start();
        // then
        assertDeliveredOnce(request);
    }

    @Test
    void keySentButMessageNotUpdatedIsNotSentAgain() throws Exception {
        // given the process sent the key and recorded it, then died before updating the approval message
        KeyRequest request = approvedAndClaimed();
        var created = createdAndRecorded(request);
        MethodsClient slack = Slack.getInstance(slackConfig()).methods(KeybotFixture.BOT_TOKEN);
        new SlackNotifier(slack, null, CHANNEL, "https://e2e.slack.com/", new DirectMessages(slack), null)
                .deliverSecret(keybot.reload(request.id()), created.secret());
        keybot.store
                .move(Transition.delivered(keybot.reload(request.id()), Instant.now()))
                .orElseThrow();
        assertTrue(keybot.lastUpdateOf(request.id()).isEmpty());
        // when
        keybot.start();
        // then
        assertDeliveredOnce(request);
    }

    private SlackConfig slackConfig() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(keybot.slack.baseUrl() + "/api/");
        return config;
    }

    /** keybot's own steps: the key is created at Supabase and recorded. */
    private KeyIssuer.Created createdAndRecorded(KeyRequest request) {
        var created = issuer.create(REF, "crash_key", "keybot request #" + request.id() + " by " + REQUESTER);
        keybot.store
                .move(Transition.keyCreated(
                        keybot.reload(request.id()), created.secret().identify(created.id()), Instant.now()))
                .orElseThrow();
        return created;
    }

    private void assertDeliveredOnce(KeyRequest request) {
        keybot.awaitMessageText(request.id(), "DELIVERED", "the approval message to show the delivery");
        await(() -> keybot.jobsOwed() == 0, "the job to be finished");
        assertEquals(State.DELIVERED, keybot.reload(request.id()).state());
        assertEquals(
                KEY_ID, keybot.reload(request.id()).issuedKey().orElseThrow().id());
        assertEquals(
                1,
                keybot.supabaseCalls(postRequestedFor(urlEqualTo("/v1/projects/" + REF + "/api-keys")))
                        .size(),
                "exactly one key was ever created");
        assertEquals(1, keybot.dmsMentioning(request.id(), SECRET).size(), "exactly one message carries the key");
    }
}
