package keybot.bot.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Whether a request is one Slack signed within five minutes either way of now: the one signature check, made by the
 * gate before Bolt sees the body. Bolt's own check is off; it accepts timestamps from the future and compares
 * signatures in variable time.
 */
public final class StrictSignature {

    static final long TOLERANCE_SECONDS = 300;
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");

    private final SlackSignature signature;
    private final Clock clock;

    public StrictSignature(String signingSecret, Clock clock) {
        this.signature = new SlackSignature(signingSecret);
        this.clock = clock;
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
}
