package keybot.approvals;

import static keybot.approvals.State.APPROVED;
import static keybot.approvals.State.CANCELLED;
import static keybot.approvals.State.DELIVERED;
import static keybot.approvals.State.DENIED;
import static keybot.approvals.State.EXPIRED;
import static keybot.approvals.State.FAILED;
import static keybot.approvals.State.KEY_CREATED;
import static keybot.approvals.State.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StateTest {

    @Test
    void eachStateMayMoveOnlyToItsNextSteps() {
        // given / when / then
        assertEquals(Set.of(APPROVED, DENIED, CANCELLED, EXPIRED), PENDING.next());
        assertEquals(Set.of(KEY_CREATED, FAILED), APPROVED.next());
        assertEquals(Set.of(DELIVERED, FAILED), KEY_CREATED.next());
        assertEquals(Set.of(APPROVED), FAILED.next());
    }

    @Test
    void mayMoveToAgreesWithNext() {
        for (State from : State.values()) {
            for (State to : State.values()) {
                // when / then
                assertEquals(from.next().contains(to), from.mayMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void aPendingRequestCannotSkipStraightToAKey() {
        // when / then
        assertFalse(PENDING.mayMoveTo(KEY_CREATED));
        assertFalse(PENDING.mayMoveTo(DELIVERED));
        assertFalse(APPROVED.mayMoveTo(DELIVERED));
        assertThrows(IllegalArgumentException.class, () -> Transition.failed(PENDING, "no", Fixtures.NOW));
    }

    @Test
    void aFailedRequestMayOnlyGoBackToApproved() {
        // when / then
        assertTrue(FAILED.mayMoveTo(APPROVED));
        assertFalse(FAILED.mayMoveTo(KEY_CREATED));
        assertFalse(FAILED.mayMoveTo(DELIVERED));
        assertFalse(FAILED.mayMoveTo(PENDING));
    }

    @ParameterizedTest
    @EnumSource(names = {"DELIVERED", "DENIED", "CANCELLED", "EXPIRED"})
    void terminalStatesGoNowhere(State terminal) {
        // when / then
        assertTrue(terminal.next().isEmpty());
        for (State to : State.values()) {
            assertFalse(terminal.mayMoveTo(to));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"DELIVERED", "DENIED", "CANCELLED", "EXPIRED", "APPROVED", "KEY_CREATED"})
    void onlyAPendingOrFailedRequestMayMoveToApproved(State from) {
        // when / then
        assertThrows(IllegalArgumentException.class,
                () -> new Transition(from, APPROVED, EventType.RETRIED, Fixtures.ALICE, Fixtures.NOW, null, null,
                        null, null));
    }

    @Test
    void onlyPendingIsUndecided() {
        // given
        Set<State> decided = EnumSet.complementOf(EnumSet.of(PENDING));

        // when / then
        assertFalse(PENDING.isDecided());
        decided.forEach(s -> assertTrue(s.isDecided(), s.name()));
    }

    @Test
    void keybotOwesWorkOnlyWhileApprovedOrKeyCreated() {
        // when / then
        assertEquals(EnumSet.of(APPROVED, KEY_CREATED),
                EnumSet.copyOf(java.util.Arrays.stream(State.values()).filter(State::isDelivering).toList()));
    }

    @Test
    void approvalAndRetryStartADeliveryAndNothingElseDoes() {
        // given
        var key = new KeyRequest.IssuedKey("key-1", "f".repeat(64), "AbCdEf");

        // when / then
        assertTrue(Transition.approve(Fixtures.ALICE, Fixtures.NOW).startsDelivery());
        assertTrue(Transition.retry(Fixtures.ALICE, Fixtures.NOW).startsDelivery());
        assertFalse(Transition.deny(Fixtures.ALICE, "no", Fixtures.NOW).startsDelivery());
        assertFalse(Transition.keyCreated(key, Fixtures.NOW).startsDelivery());
        assertFalse(Transition.delivered(Fixtures.REQUESTER, Fixtures.NOW).startsDelivery());
        assertFalse(Transition.failed(APPROVED, "no", Fixtures.NOW).startsDelivery());
    }

    @Test
    void aRetryIsByTheApproverKeepsTheDecisionAndClearsTheFailure() {
        // when
        var retry = Transition.retry(Fixtures.BOB, Fixtures.NOW);

        // then
        assertEquals(FAILED, retry.from());
        assertEquals(APPROVED, retry.to());
        assertEquals(EventType.RETRIED, retry.event());
        assertEquals(Fixtures.BOB, retry.actor());
        assertNull(retry.decision(), "the original approval stands");
        assertNull(retry.failure());
        assertEquals(new AuditEvent(7, EventType.RETRIED, Fixtures.BOB, Fixtures.NOW, null), retry.auditEvent(7));
    }
}
