package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.OTHER_APPROVER;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.SIGNING_SECRET;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.Keybot;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackCaller;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two keybots on one PostgreSQL, as behind a load balancer: one approval makes one key and one message. */
class ReplicasTest extends EndToEnd {

    static Keybot second;
    static SlackCaller secondCaller;

    @BeforeAll
    static void startSecondReplica() throws Exception {
        second = keybot.startKeybot();
        secondCaller = new SlackCaller(
                URI.create("http://127.0.0.1:" + second.port() + "/slack/events"), SIGNING_SECRET, Clock.systemUTC());
    }

    @AfterAll
    static void stopSecondReplica() throws Exception {
        second.close();
    }

    @Test
    void twentyParallelApprovalsOverTwoReplicasCreateOneKeyAndSendOneMessage() throws Exception {
        // given
        String secret = "sb_secret_RePlIcAsIjKlMnOpQrStUvWxYz01234";
        keybot.supabaseCreates("44444444-4444-4444-8444-444444444444", secret);
        KeyRequest request = keybot.submitted(REQUESTER, "replicated_key");
        String answers = keybot.responseUrl("replicas");
        List<Supplier<HttpResponse<String>>> clicks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SlackCaller via = i % 2 == 0 ? keybot.caller : secondCaller;
            String approver = i % 3 == 0 ? OTHER_APPROVER : APPROVER;
            String click = SlackPayloads.buttonClick(approver, Ids.APPROVE, String.valueOf(request.id()), answers);
            clicks.add(() -> via.post(click));
        }
        // when
        List<Integer> acks = KeybotFixture.statusesAllAtOnce(clicks);
        // then
        assertEquals(Collections.nCopies(20, 200), acks);
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        await(() -> keybot.answersTo(answers).size() == 19, "19 clickers told it is already decided");
        assertTrue(keybot.answersTo(answers).stream().allMatch(a -> a.contains("already decided")));
        assertEquals(
                1,
                keybot.supabaseCalls(postRequestedFor(urlEqualTo("/v1/projects/" + REF + "/api-keys")))
                        .size(),
                "one key created");
        keybot.awaitMessageText(request.id(), "DELIVERED", "the message to show the delivery");
        assertEquals(1, keybot.dmsMentioning(request.id(), secret).size(), "one message carries the key");
        await(() -> keybot.jobsOwed() == 0, "nothing to be left owed");
    }
}
