package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.OUTSIDER;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.await;
import static keybot.e2e.SupabaseFailureTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Passing Supabase faults are waited out; when they do not pass, an approver can ask for another try. */
class SupabaseRetryTest extends EndToEnd {

    static final String KEY_ID = "66666666-6666-4666-8666-666666666666";
    static final String SECRET = "sb_secret_ReTrYsGhIjKlMnOpQrStUvWxYz01234";
    final List<StubMapping> stubs = new ArrayList<>();

    @BeforeEach
    void supabaseCreatesKeys() {
        keybot.supabaseCreates(KEY_ID, SECRET);
    }

    @AfterEach
    void removeFaults() {
        stubs.forEach(keybot.supabase::removeStub);
        keybot.supabase.resetScenarios();
    }

    @Test
    void rateLimitIsWaitedOutAsSupabaseAsks() {
        // given Supabase rate-limits the first create and says the window resets in 1 s
        answerCreatesWith(json(429, "").withHeader("X-RateLimit-Reset", "1"));
        KeyRequest request = keybot.submitted(REQUESTER, "rate_limited");
        int before = creates().size();
        // when
        approve(request, APPROVER);
        // then
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        List<LoggedRequest> attempts = creates().subList(before, creates().size());
        assertEquals(2, attempts.size());
        long waitedMillis = attempts.get(1).getLoggedDate().getTime()
                - attempts.get(0).getLoggedDate().getTime();
        assertTrue(waitedMillis >= 900, "waited " + waitedMillis + " ms, not the second Supabase asked for");
        assertEquals(1, keybot.dmsMentioning(request.id(), SECRET).size());
    }

    @Test
    void serverErrorsAreRetriedUntilTheKeyIsCreated() {
        // given two failures, then success
        answerCreatesWith(json(503, ""), json(500, "{\"message\":\"boom\"}"));
        KeyRequest request = keybot.submitted(REQUESTER, "flaky_supabase");
        int before = creates().size();
        // when
        approve(request, APPROVER);
        // then
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        assertEquals(3, creates().size() - before);
        assertEquals(1, keybot.dmsMentioning(request.id(), SECRET).size());
        assertTrue(keybot.reload(request.id()).holdUp().isEmpty(), "the hold-up note is cleared");
    }

    @Test
    void whenRetriesRunOutAnApproverCanRetry() {
        // given Supabase fails every attempt
        answerCreatesWith(json(500, ""), json(500, ""), json(500, ""));
        KeyRequest request = keybot.submitted(REQUESTER, "retry_button");
        approve(request, APPROVER);
        await(() -> keybot.reload(request.id()).state() == State.FAILED, "the request to fail");
        keybot.awaitMessageShowing(request.id(), "\"retry\"", "a Retry button for approvers");
        keybot.awaitDm(request.id(), "could not be completed", "the requester told");
        // when the requester, then an outsider, then an approver click Retry (Supabase works again by now)
        String answers = keybot.responseUrl("retry");
        click(REQUESTER, request, answers);
        click(OUTSIDER, request, answers);
        await(() -> keybot.answersTo(answers).size() == 2, "two refusals");
        assertEquals(State.FAILED, keybot.reload(request.id()).state());
        click(APPROVER, request, answers);
        // then
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the retried delivery");
        assertEquals(1, keybot.dmsMentioning(request.id(), SECRET).size());
        // answers go out on background threads, so their order is not fixed
        assertTrue(keybot.answersTo(answers).stream().anyMatch(a -> a.contains("your own")));
        assertTrue(keybot.answersTo(answers).stream().anyMatch(a -> a.contains("not an approver")));
    }

    /** The next creates get these answers, in order; later ones succeed. */
    private void answerCreatesWith(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            stubs.add(keybot.supabase.stubFor(post(urlEqualTo("/v1/projects/" + REF + "/api-keys"))
                    .atPriority(1)
                    .inScenario("faults")
                    .whenScenarioStateIs(i == 0 ? STARTED : "fault " + i)
                    .willReturn(answers[i])
                    .willSetStateTo("fault " + (i + 1))));
        }
    }

    private static void approve(KeyRequest request, String approver) {
        keybot.caller.post(
                SlackPayloads.buttonClick(approver, Ids.APPROVE, String.valueOf(request.id()), keybot.responseUrl()));
    }

    private static void click(String user, KeyRequest request, String answers) {
        keybot.caller.post(SlackPayloads.buttonClick(user, Ids.RETRY, String.valueOf(request.id()), answers));
    }

    private static List<LoggedRequest> creates() {
        return keybot.supabaseCalls(postRequestedFor(urlEqualTo("/v1/projects/" + REF + "/api-keys")));
    }
}
