package keybot.approvals;

import static keybot.approvals.State.APPROVED;
import static keybot.approvals.State.DELIVERED;
import static keybot.approvals.State.DENIED;
import static keybot.approvals.State.FAILED;
import static keybot.approvals.State.KEY_CREATED;
import static keybot.approvals.State.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(Set.of(APPROVED, DENIED), PENDING.next());
        assertEquals(Set.of(KEY_CREATED, FAILED), APPROVED.next());
        assertEquals(Set.of(DELIVERED, FAILED), KEY_CREATED.next());
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

    @ParameterizedTest
    @EnumSource(names = {"DELIVERED", "DENIED", "FAILED"})
    void terminalStatesGoNowhere(State terminal) {
        // when / then
        assertTrue(terminal.next().isEmpty());
        for (State to : State.values()) {
            assertFalse(terminal.mayMoveTo(to));
        }
    }

    @Test
    void onlyPendingIsUndecided() {
        // given
        Set<State> decided = EnumSet.complementOf(EnumSet.of(PENDING));

        // when / then
        assertFalse(PENDING.isDecided());
        decided.forEach(s -> assertTrue(s.isDecided(), s.name()));
    }
}
