package keybot.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofMinutes(1);

    private static RetryPolicy withRandom(double random) {
        DoubleSupplier fixed = () -> random;
        return new RetryPolicy(3, BASE, CAP, Duration.ofMinutes(2), fixed);
    }

    private static Duration delay(RetryPolicy policy, int attempt) {
        return policy.delay(attempt, Optional.empty());
    }

    @Test
    void theDelayDoublesWithEachAttempt() {
        // given no jitter taken off
        var policy = withRandom(1.0);

        // when / then
        assertEquals(Duration.ofSeconds(1), delay(policy, 1));
        assertEquals(Duration.ofSeconds(2), delay(policy, 2));
        assertEquals(Duration.ofSeconds(4), delay(policy, 3));
        assertEquals(Duration.ofSeconds(8), delay(policy, 4));
        assertEquals(Duration.ofSeconds(32), delay(policy, 6));
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 8, 21, 22, 64, 1000, Integer.MAX_VALUE})
    void theDelayIsCapped(int attempt) {
        // when / then
        assertEquals(CAP, delay(withRandom(1.0), attempt));
        assertEquals(CAP.dividedBy(2), delay(withRandom(0.0), attempt));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void anAttemptBeforeTheFirstWaitsTheBase(int attempt) {
        // when / then
        assertEquals(BASE, delay(withRandom(1.0), attempt));
    }

    @Test
    void jitterTakesOffAtMostHalf() {
        // when / then
        assertEquals(Duration.ofSeconds(2), delay(withRandom(0.0), 3), "random 0 halves it");
        assertEquals(Duration.ofSeconds(3), delay(withRandom(0.5), 3));
        assertEquals(Duration.ofSeconds(4), delay(withRandom(1.0), 3), "random 1 keeps it whole");
        assertEquals(Duration.ofMillis(500), delay(withRandom(0.0), 1));
    }

    @Test
    void aHintIsHonouredWithoutJitter() {
        // given
        var policy = withRandom(0.0);

        // when / then
        assertEquals(Duration.ofSeconds(30), policy.delay(1, Optional.of(Duration.ofSeconds(30))));
        assertEquals(Duration.ofSeconds(30), policy.delay(5, Optional.of(Duration.ofSeconds(30))));
    }

    @Test
    void aHintIsNeverBelowTheBaseNorAboveTheCap() {
        // given
        var policy = withRandom(1.0);

        // when / then
        assertEquals(BASE, policy.delay(1, Optional.of(Duration.ofMillis(100))));
        assertEquals(BASE, policy.delay(1, Optional.of(Duration.ZERO)));
        assertEquals(BASE, policy.delay(1, Optional.of(Duration.ofSeconds(-5))));
        assertEquals(CAP, policy.delay(1, Optional.of(Duration.ofMinutes(5))));
        assertEquals(CAP, policy.delay(1, Optional.of(CAP)));
    }

    @Test
    void theDefaultsLeaveRoomForSeveralAttemptsAndOutlastTheBackoff() {
        // when
        var defaults = RetryPolicy.defaults();

        // then
        assertTrue(defaults.maxAttempts() > 1);
        assertTrue(defaults.base().compareTo(defaults.cap()) < 0);
        assertTrue(!defaults.lease().isNegative() && !defaults.lease().isZero());
        for (int attempt = 1; attempt <= 20; attempt++) {
            Duration d = defaults.delay(attempt, Optional.empty());
            assertTrue(!d.isNegative() && d.compareTo(defaults.cap()) <= 0, attempt + ": " + d);
        }
    }
}
