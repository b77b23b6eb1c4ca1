package keybot.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.function.Executable;

/** What every refused move must leave behind: the person told why, and nothing changed. */
final class Refusals {

    private Refusals() {}

    /**
     * Runs {@code move}, which must be refused for {@code reason}, and checks that the refusal carries the request as
     * it stood and that the store holds all of it as before: the request, its audit events, the effects it owes and
     * its queued delivery.
     */
    static Refusal assertRefusedAndNothingChanged(
            InMemoryRequestStore store, Refusal.Reason reason, KeyRequest asItStood, Executable move) {
        long id = asItStood.id();
        var events = store.eventsOf(id);
        var owed = store.effectsOf(id);
        var job = store.job(id);

        var refusal = assertThrows(Refusal.class, move);

        assertEquals(reason, refusal.reason());
        assertEquals(Optional.of(asItStood), refusal.request(), "the refusal carries the request as it stood");
        assertEquals(Optional.of(asItStood), store.find(id), "the request is unchanged");
        assertEquals(events, store.eventsOf(id), "no event is written");
        assertEquals(owed, store.effectsOf(id), "nothing more is owed");
        assertEquals(job, store.job(id), "no delivery is queued or dropped");
        return refusal;
    }
}
