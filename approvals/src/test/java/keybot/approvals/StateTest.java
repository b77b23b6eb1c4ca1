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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
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
        assertThrows(
                IllegalArgumentException.class,
                () -> Transition.failed(Fixtures.requestIn(PENDING), "no", Fixtures.NOW));
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
        assertThrows(
                IllegalArgumentException.class,
                () -> Transition.retry(Fixtures.requestIn(from), Fixtures.ALICE, Fixtures.NOW));
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
        assertEquals(
                EnumSet.of(APPROVED, KEY_CREATED),
                EnumSet.copyOf(java.util.Arrays.stream(State.values())
                        .filter(State::isDelivering)
                        .toList()));
    }

    @Test
    void approvalAndRetryStartADeliveryAndNothingElseDoes() {
        // given
        var key = new KeyRequest.IssuedKey("key-1", "f".repeat(64), "AbCdEf");

        var pending = Fixtures.requestIn(PENDING);
        var approved = Fixtures.requestIn(APPROVED);
        var keyCreated = Fixtures.requestIn(KEY_CREATED);
        var failed = Fixtures.requestIn(FAILED);
        var now = Fixtures.NOW;

        // when / then
        assertEquals(
                Transition.Delivery.FIRST,
                Transition.approval(pending, Fixtures.ALICE, now).delivery());
        assertEquals(
                Transition.Delivery.AGAIN,
                Transition.retry(failed, Fixtures.ALICE, now).delivery());
        assertEquals(
                Transition.Delivery.NONE,
                Transition.denial(pending, Fixtures.ALICE, "no", now).delivery());
        assertEquals(
                Transition.Delivery.NONE,
                Transition.cancellation(pending, Fixtures.REQUESTER, now).delivery());
        assertEquals(Transition.Delivery.NONE, Transition.expiry(pending, now).delivery());
        assertEquals(
                Transition.Delivery.NONE,
                Transition.keyCreated(approved, key, now).delivery());
        assertEquals(
                Transition.Delivery.NONE, Transition.delivered(keyCreated, now).delivery());
        assertEquals(
                Transition.Delivery.NONE, Transition.failed(approved, "no", now).delivery());
    }

    @Test
    void aRetryIsByTheApproverKeepsTheDecisionAndClearsTheFailure() {
        // given
        var failed = Fixtures.requestIn(FAILED);

        // when
        var retry = Transition.retry(failed, Fixtures.BOB, Fixtures.NOW);

        // then
        assertEquals(FAILED, retry.from());
        assertEquals(APPROVED, retry.to());
        assertEquals(failed.decided(), retry.after().decided(), "the original approval stands");
        assertEquals(Optional.empty(), retry.after().failureReason());
        assertEquals(new AuditEvent(7, EventType.RETRIED, Fixtures.BOB, Fixtures.NOW, null), retry.event());
    }
}
