package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.OTHER_APPROVER;
import static keybot.e2e.KeybotFixture.OUTSIDER;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may decide, and what a second or a forbidden click is told: always an answer, never a change. */
class DecisionRulesTest extends EndToEnd {

    static final String SECRET = "sb_secret_RuLeSxGhIjKlMnOpQrStUvWxYz01234";

    @BeforeEach
    void supabaseCreatesKeys() {
        keybot.supabaseCreates("33333333-3333-4333-8333-333333333333", SECRET);
    }

    @AfterEach
    void forgetCalls() {
        keybot.supabase.resetRequests();
    }

    @Test
    void requesterCannotApproveTheirOwnRequestEvenAsAnApprover() {
        // given USELFAPPROVER is an approver of production
        KeyRequest request = keybot.submitted("USELFAPPROVER", "self_approval");
        String answers = keybot.responseUrl("self");
        // when
        var ack = click("USELFAPPROVER", Ids.APPROVE, request, answers);
        // then
        assertEquals(200, ack.statusCode());
        await(() -> !keybot.answersTo(answers).isEmpty(), "an answer to the clicker");
        assertTrue(keybot.answersTo(answers).get(0).contains("your own request #" + request.id()));
        assertEquals(State.PENDING, keybot.reload(request.id()).state());
        assertEquals(0, supabaseCreates());
    }

    @Test
    void someoneWhoIsNotAnApproverIsToldWhyAndNothingHappens() {
        // given
        KeyRequest request = keybot.submitted(REQUESTER, "outsider_click");
        String approveAnswers = keybot.responseUrl("outsider-approve");
        String denyAnswers = keybot.responseUrl("outsider-deny");
        int forms = keybot.slackCalls("views.open").size();
        // when
        click(OUTSIDER, Ids.APPROVE, request, approveAnswers);
        click(OUTSIDER, Ids.DENY, request, denyAnswers);
        // then
        await(
                () -> !keybot.answersTo(approveAnswers).isEmpty()
                        && !keybot.answersTo(denyAnswers).isEmpty(),
                "answers to the clicker");
        assertTrue(keybot.answersTo(approveAnswers).get(0).contains("not an approver of production"));
        assertTrue(keybot.answersTo(denyAnswers).get(0).contains("not an approver of production"));
        assertEquals(forms, keybot.slackCalls("views.open").size(), "no deny form for an outsider");
        assertEquals(State.PENDING, keybot.reload(request.id()).state());
        assertEquals(0, supabaseCreates());
    }

    @Test
    void secondApproveIsToldItIsAlreadyDecidedAndChangesNothing() {
        // given
        KeyRequest request = keybot.submitted(REQUESTER, "second_click");
        click(APPROVER, Ids.APPROVE, request, keybot.responseUrl("first"));
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the first approval to deliver");
        String answers = keybot.responseUrl("second");
        // when
        click(OTHER_APPROVER, Ids.APPROVE, request, answers);
        click(OTHER_APPROVER, Ids.DENY, request, answers);
        // then
        await(() -> keybot.answersTo(answers).size() == 2, "two answers");
        for (String answer : keybot.answersTo(answers)) {
            assertTrue(answer.contains("already decided by <@" + APPROVER + "> (approved)"), answer);
        }
        assertEquals(1, supabaseCreates());
        assertEquals(1, keybot.dmsMentioning(request.id(), SECRET).size());
        assertEquals(State.DELIVERED, keybot.reload(request.id()).state());
    }

    @Test
    void parallelApproveClicksCreateOneKeyAndSendOneMessage() throws Exception {
        // given
        KeyRequest request = keybot.submitted(REQUESTER, "double_click");
        String answers = keybot.responseUrl("parallel");
        List<Supplier<HttpResponse<String>>> clicks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String approver = i % 2 == 0 ? APPROVER : OTHER_APPROVER;
            clicks.add(() -> click(approver, Ids.APPROVE, request, answers));
        }
        // when
        List<Integer> acks = KeybotFixture.statusesAllAtOnce(clicks);
        // then
        assertEquals(Collections.nCopies(10, 200), acks);
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "delivery");
        await(() -> keybot.answersTo(answers).size() == 9, "nine clickers told it is already decided");
        assertTrue(keybot.answersTo(answers).stream().allMatch(a -> a.contains("already decided")));
        assertEquals(1, supabaseCreates());
        assertEquals(1, keybot.dmsMentioning(request.id(), SECRET).size());
    }

    @Test
    void unknownOrMalformedRequestIdIsAnsweredPolitely() {
        // given
        String answers = keybot.responseUrl("unknown");
        // when
        var unknown = keybot.caller.post(SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, "999999", answers));
        var malformed = keybot.caller.post(SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, "drop table", answers));
        // then
        assertEquals(200, unknown.statusCode());
        assertEquals(200, malformed.statusCode());
        await(() -> keybot.answersTo(answers).size() == 2, "two answers");
        assertTrue(keybot.answersTo(answers).stream().allMatch(a -> a.startsWith("I cannot find that request")));
    }

    @Test
    void approvalIsAcknowledgedBeforeSupabaseAnswers() {
        // given Supabase takes a second to create the key
        KeyRequest request = keybot.submitted(REQUESTER, "slow_supabase");
        var slow = keybot.supabase.stubFor(post(urlEqualTo("/v1/projects/" + REF + "/api-keys"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(201)
                        .withFixedDelay(1000)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"33333333-3333-4333-8333-333333333333\",\"name\":\"slow_supabase\","
                                + "\"api_key\":null}")));
        // when
        var ack = click(APPROVER, Ids.APPROVE, request, keybot.responseUrl("slow"));
        // then the ack came back while the key was still being created
        assertEquals(200, ack.statusCode());
        assertEquals(State.APPROVED, keybot.reload(request.id()).state());
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery to finish after the ack");
        keybot.supabase.removeStub(slow);
    }

    private static java.net.http.HttpResponse<String> click(
            String user, String action, KeyRequest request, String responseUrl) {
        return keybot.caller.post(SlackPayloads.buttonClick(user, action, String.valueOf(request.id()), responseUrl));
    }

    private static int supabaseCreates() {
        return keybot.supabaseCalls(postRequestedFor(urlEqualTo("/v1/projects/" + REF + "/api-keys")))
                .size();
    }
}
