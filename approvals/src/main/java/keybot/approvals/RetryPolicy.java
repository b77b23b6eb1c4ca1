package keybot.approvals;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before trying again: exponential backoff with jitter, or what the other side asked for.
 *
 * @param maxAttempts attempts at creating a key before the request fails
 * @param lease       how long a claimed job is held before another replica may take it over
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, Duration lease, DoubleSupplier random) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(2), Math::random);
    }

    /**
     * The wait before attempt {@code attempt + 1}: the server's own hint when it gave one (never less than the
     * base), else base × 2^(attempt−1), capped, with up to half taken off at random so replicas spread out.
     */
    public Duration delay(int attempt, Optional<Duration> hint) {
        if (hint.isPresent()) {
            Duration asked = hint.get().compareTo(base) < 0 ? base : hint.get();
            return asked.compareTo(cap) > 0 ? cap : asked;
        }
        long exponential = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(exponential, cap.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped / 2.0)));
    }
}
