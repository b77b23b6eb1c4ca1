package keybot.bot.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Lets through only requests Slack signed within five minutes either way of now. Replaces Bolt's own check,
 * which accepts timestamps from the future and compares signatures in variable time.
 */
public final class StrictSignature implements Middleware {

    static final long TOLERANCE_SECONDS = 300;
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");

    private final SlackSignature signature;
    private final Clock clock;

    public StrictSignature(String signingSecret, Clock clock) {
        this.signature = new SlackSignature(signingSecret);
        this.clock = clock;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.isSocketMode() || req.getRequestType() == RequestType.SSLCheck) {
            return chain.next(req);
        }
        String ts = req.getHeaders().getFirstValue("X-Slack-Request-Timestamp");
        String sig = req.getHeaders().getFirstValue("X-Slack-Signature");
        return isValid(ts, sig, req.getRequestBodyAsString()) ? chain.next(req) : denied();
    }

    /** True when {@code sig} is Slack's signature of {@code body} at {@code ts}, and {@code ts} is within 5 minutes. */
    public boolean isValid(String ts, String sig, String body) {
        if (ts == null || sig == null || body == null || !TIMESTAMP.matcher(ts).matches()) {
            return false;
        }
        long timestamp = Long.parseLong(ts);
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected = signature.sign(timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.UTF_8));
    }

    private static Response denied() {
        return Response.json(401, "{\"error\":\"invalid request signature\"}");
    }
}
