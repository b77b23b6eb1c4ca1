package keybot.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** How one Slack call is tried and what its outcome says: passing faults are tried again, refusals are not. */
class SlackCallTest {

    /** Answers the call with each of these in turn: a response, or an exception to throw. */
    private static final class Slack implements SlackCall.Request<ChatPostMessageResponse> {
        private final Deque<Object> answers;
        private int calls;

        Slack(Object... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public ChatPostMessageResponse send() throws IOException, SlackApiException {
            calls++;
            Object next = answers.poll();
            if (next instanceof IOException e) {
                throw e;
            }
            if (next instanceof SlackApiException e) {
                throw e;
            }
            return (ChatPostMessageResponse) next;
        }
    }

    private static ChatPostMessageResponse ok() {
        var response = new ChatPostMessageResponse();
        response.setOk(true);
        response.setTs("1700000000.000100");
        return response;
    }

    private static ChatPostMessageResponse error(String error) {
        var response = new ChatPostMessageResponse();
        response.setOk(false);
        response.setError(error);
        return response;
    }

    private static SlackApiException http(int status, String retryAfter) {
        var builder = new Response.Builder()
                .request(new Request.Builder()
                        .url("https://slack.com/api/chat.postMessage")
                        .build())
                .protocol(Protocol.HTTP_1_1)
                .code(status)
                .message("status " + status);
        if (retryAfter != null) {
            builder.header("Retry-After", retryAfter);
        }
        return new SlackApiException(builder.build(), "");
    }

    @Test
    void anAnswerSlackAcceptsIsTheOutcome() {
        var slack = new Slack(ok());
        var outcome = SlackCall.send(slack);
        assertTrue(outcome.ok());
        assertEquals("1700000000.000100", outcome.response().orElseThrow().getTs());
        assertEquals(1, slack.calls);
    }

    @Test
    void aRefusalIsNotTriedAgainAndNeedsSomeoneToAct() {
        var slack = new Slack(error("not_in_channel"), ok());
        var outcome = SlackCall.send(slack);
        assertFalse(outcome.ok());
        assertEquals("not_in_channel", outcome.error());
        assertFalse(outcome.isTransient());
        assertEquals(1, slack.calls);
    }

    @Test
    void aPassingErrorIsTriedAgainWithinTheCall() {
        var slack = new Slack(error("ratelimited"), http(503, null), ok());
        var outcome = SlackCall.send(slack);
        assertTrue(outcome.ok());
        assertEquals(3, slack.calls);
    }

    @Test
    void afterThreeTriesAPassingFaultIsLeftToTheQueueSayingItMayPass() {
        var slack = new Slack(new SocketTimeoutException(), new SocketTimeoutException(), new SocketTimeoutException());
        var outcome = SlackCall.send(slack);
        assertFalse(outcome.ok());
        assertTrue(outcome.isTransient());
        assertEquals("unreachable (SocketTimeoutException)", outcome.error());
        assertEquals(3, slack.calls);
    }

    @Test
    void aRateLimitWaitsAsSlackAsksAndSaysHowLong() {
        var slack = new Slack(http(429, "1"), ok());
        long start = System.nanoTime();
        var outcome = SlackCall.send(slack);
        assertTrue(outcome.ok());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(900).toNanos(), "waited as Retry-After said");
        assertEquals(2, slack.calls);
    }

    @Test
    void aWaitLongerThanACallShouldHoldIsLeftToTheQueueWithSlacksHint() {
        var slack = new Slack(http(429, "30"), ok());
        var outcome = SlackCall.send(slack);
        assertFalse(outcome.ok());
        assertTrue(outcome.isTransient());
        assertEquals("HTTP 429", outcome.error());
        assertEquals(Optional.of(Duration.ofSeconds(30)), outcome.retryAfter());
        assertEquals(1, slack.calls);
    }

    @Test
    void aRetryAfterThatIsNoNumberOfSecondsIsIgnored() {
        var slack = new Slack(http(429, "Wed, 21 Oct 2026 07:28:00 GMT"), http(429, "-5"), http(500, "1e9"));
        var outcome = SlackCall.send(slack);
        assertEquals(Optional.empty(), outcome.retryAfter());
        assertTrue(outcome.isTransient());
        assertEquals(3, slack.calls, "tried again after the default short waits");
    }

    @Test
    void aClientErrorOverHttpIsARefusal() {
        var slack = new Slack(http(400, null), ok());
        var outcome = SlackCall.send(slack);
        assertFalse(outcome.isTransient());
        assertEquals("HTTP 400", outcome.error());
        assertEquals(1, slack.calls);
    }
}
