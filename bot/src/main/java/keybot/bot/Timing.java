package keybot.bot;

import java.time.Duration;
import keybot.approvals.RetryPolicy;

/**
 * How keybot's workers pace themselves: attempts, backoff and lease for deliveries and for effects, and how often
 * every worker looks for work that another replica queued.
 */
public record Timing(RetryPolicy deliveries, RetryPolicy effects, Duration poll) {

    /**
     * Deliveries as {@link RetryPolicy#defaults()}; an effect Slack keeps failing is tried for about twenty minutes
     * (12 attempts, backoff from 2 s up to 5 minutes) before it is given up and recorded.
     */
    public static Timing defaults() {
        return new Timing(
                RetryPolicy.defaults(),
                new RetryPolicy(12, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(2), Math::random),
                Duration.ofSeconds(1));
    }
}
