package keybot.approvals;

import static keybot.approvals.Fixtures.ALICE;
import static keybot.approvals.Fixtures.BOB;
import static keybot.approvals.Fixtures.NOW;
import static keybot.approvals.Fixtures.POLICY;
import static keybot.approvals.Fixtures.REF;
import static keybot.approvals.Fixtures.REQUESTER;
import static keybot.approvals.Fixtures.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingTimersTest {

    /** Billing's defaults: reminded every 4 hours, expired after 24. */
    private static final Duration REMIND_AFTER = Project.DEFAULT_REMIND_AFTER;

    private static final Duration PENDING_TTL = Project.DEFAULT_PENDING_TTL;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final KeyRequests requests = new KeyRequests(store, POLICY, clock);
    private final PendingTimers timers = new PendingTimers(store, clock);

    private static Policy billingTimed(Duration pendingTtl, Duration remindAfter) {
        return new Policy(List.of(new Project(
                "billing",
                REF,
                Set.of(ALICE, BOB),
                Set.of(),
                1,
                false,
                Set.of(),
                Set.of(),
                null,
                pendingTtl,
                remindAfter,
                null)));
    }

    private KeyRequest request(long id) {
        return store.find(id).orElseThrow();
    }

    private List<AuditEvent> eventsOf(long id, EventType type) {
        return store.eventsOf(id).stream().filter(e -> e.type() == type).toList();
    }

    private List<Effect> owed(long id) {
        return store.effectsOf(id).stream()
                .map(InMemoryRequestStore.QueuedEffect::effect)
                .toList();
    }

    /** The effects the request owes since it was submitted: what its timers wrote. */
    private List<Effect> owedSinceSubmission(long id) {
        List<Effect> all = owed(id);
        assertEquals(Submission.EFFECTS, all.subList(0, Submission.EFFECTS.size()));
        return all.subList(Submission.EFFECTS.size(), all.size());
    }

    /** Moves the clock on an hour at a time, never past {@code until}, firing what is due each time. */
    private void hourByHourUntil(Instant until) {
        for (Instant next = clock.instant().plus(Duration.ofHours(1));
                !next.isAfter(until);
                next = next.plus(Duration.ofHours(1))) {
            clock.set(next);
            while (timers.fireDue()) {
                // fire what is due now, all of it
            }
        }
    }

    @Test
    void nothingFiresBeforeTheFirstReminderIsDue() {
        // given
        long id = requests.submit(draft()).id();
        clock.set(NOW.plus(REMIND_AFTER).minusMillis(1));

        // when
        boolean fired = timers.fireDue();

        // then
        assertFalse(fired);
        assertEquals(
                List.of(EventType.REQUESTED),
                store.eventsOf(id).stream().map(AuditEvent::type).toList());
        assertEquals(List.of(), owedSinceSubmission(id));
        assertEquals(0, request(id).version());
    }

    @Test
    void theApproversAreRemindedAfterRemindAfter() {
        // given
        long id = requests.submit(draft()).id();
        Instant due = NOW.plus(REMIND_AFTER);
        clock.set(due);

        // when
        boolean fired = timers.fireDue();

        // then
        assertTrue(fired);
        var reminded = request(id);
        assertEquals(State.PENDING, reminded.state());
        assertEquals(
                List.of(new AuditEvent(id, EventType.REMINDED, Actors.KEYBOT, due, "reminder 1 of 3")),
                eventsOf(id, EventType.REMINDED));
        assertEquals(List.of(Effect.THREAD_REMINDER), owedSinceSubmission(id));
        assertEquals(new Timers(NOW.plus(PENDING_TTL), due.plus(REMIND_AFTER), 1), reminded.timers());
        assertFalse(timers.fireDue(), "each reminder fires once");
    }

    @Test
    void atMostThreeRemindersAreSentSpacedByRemindAfter() {
        // given
        long id = requests.submit(draft()).id();

        // when
        hourByHourUntil(NOW.plus(PENDING_TTL).minusSeconds(1));

        // then
        var reminders = eventsOf(id, EventType.REMINDED);
        assertEquals(
                List.of(
                        NOW.plus(REMIND_AFTER),
                        NOW.plus(REMIND_AFTER.multipliedBy(2)),
                        NOW.plus(REMIND_AFTER.multipliedBy(3))),
                reminders.stream().map(AuditEvent::at).toList());
        assertEquals(
                List.of("reminder 1 of 3", "reminder 2 of 3", "reminder 3 of 3"),
                reminders.stream().map(AuditEvent::detail).toList());
        assertEquals(
                List.of(Effect.THREAD_REMINDER, Effect.THREAD_REMINDER, Effect.THREAD_REMINDER),
                owedSinceSubmission(id));
        assertEquals(Optional.empty(), request(id).timers().nextReminder());
        assertEquals(State.PENDING, request(id).state());
    }

    @Test
    void aReminderFiredLateSpacesTheNextFromWhenItFired() {
        // given keybot was down when the first reminder was due
        long id = requests.submit(draft()).id();
        Instant late = NOW.plus(REMIND_AFTER).plus(Duration.ofMinutes(90));
        clock.set(late);

        // when
        timers.fireDue();

        // then one reminder, not one for each missed
        assertEquals(1, eventsOf(id, EventType.REMINDED).size());
        assertEquals(Optional.of(late.plus(REMIND_AFTER)), request(id).timers().nextReminder());
    }

    @Test
    void aRequestNobodyDecidesExpiresAfterThePendingTtl() {
        // given
        long id = requests.submit(draft()).id();
        Instant expiry = NOW.plus(PENDING_TTL);

        // when
        hourByHourUntil(expiry.minusSeconds(1));
        var beforeExpiry = request(id).state();
        clock.set(expiry);
        boolean fired = timers.fireDue();

        // then
        assertEquals(State.PENDING, beforeExpiry);
        assertTrue(fired);
        assertEquals(State.EXPIRED, request(id).state());
        assertEquals(
                List.of(new AuditEvent(id, EventType.EXPIRED, Actors.KEYBOT, expiry, "no decision in time")),
                eventsOf(id, EventType.EXPIRED));
        List<Effect> owed = owedSinceSubmission(id);
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER), owed.subList(owed.size() - 2, owed.size()));
        assertEquals(Optional.empty(), store.job(id), "nothing is delivered");
        assertFalse(timers.fireDue(), "an expired request's timers are done");
    }

    @Test
    void aRequestPastItsTtlExpiresRatherThanBeingReminded() {
        // given keybot was down through every reminder and the expiry
        long id = requests.submit(draft()).id();
        clock.set(NOW.plus(PENDING_TTL).plus(Duration.ofHours(1)));

        // when
        timers.fireDue();

        // then
        assertEquals(State.EXPIRED, request(id).state());
        assertEquals(List.of(), eventsOf(id, EventType.REMINDED));
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER), owedSinceSubmission(id));
    }

    @Test
    void theTimersOfADecidedRequestNeverFire() {
        // given one request approved, one denied, one cancelled
        long approved = requests.submit(draft()).id();
        long denied = requests.submit(draft()).id();
        long cancelled = requests.submit(draft()).id();
        requests.approve(approved, ALICE);
        requests.deny(denied, BOB, "no");
        requests.cancel(cancelled, REQUESTER);
        var before = List.of(request(approved), request(denied), request(cancelled));

        // when
        hourByHourUntil(NOW.plus(PENDING_TTL.multipliedBy(2)));

        // then
        assertEquals(before, List.of(request(approved), request(denied), request(cancelled)));
        for (long id : List.of(approved, denied, cancelled)) {
            assertEquals(List.of(), eventsOf(id, EventType.REMINDED));
            assertEquals(List.of(), eventsOf(id, EventType.EXPIRED));
        }
    }

    @Test
    void theRulesAtSubmissionDecideTheTimersWhateverThePolicySaysLater() {
        // given a request submitted under quick timers, then the policy slowed down, then a second request
        var quick = new KeyRequests(store, billingTimed(Duration.ofHours(2), Duration.ofHours(1)), clock);
        long early = quick.submit(draft()).id();
        var slow = new KeyRequests(store, billingTimed(Duration.ofHours(48), Duration.ofHours(10)), clock);
        long late = slow.submit(draft()).id();

        // when
        clock.set(NOW.plus(Duration.ofHours(1)));
        timers.fireDue();

        // then the early request is reminded on its own rules, the late one not
        assertEquals(1, eventsOf(early, EventType.REMINDED).size());
        assertEquals(List.of(), eventsOf(late, EventType.REMINDED));

        // when
        clock.set(NOW.plus(Duration.ofHours(2)));
        timers.fireDue();

        // then
        assertEquals(State.EXPIRED, request(early).state());
        assertEquals(State.PENDING, request(late).state());
        assertEquals(
                new Timers(NOW.plus(Duration.ofHours(48)), NOW.plus(Duration.ofHours(10)), 0),
                request(late).timers());
    }

    @Test
    void aTimerFiredByAnotherReplicaIsNotFiredAgain() {
        // given two replicas that both saw the reminder due
        long id = requests.submit(draft()).id();
        clock.set(NOW.plus(REMIND_AFTER));
        var other = new PendingTimers(store, clock);
        var seenByThisOne = request(id).dueTimer(clock.instant()).orElseThrow();

        // when
        boolean firedThere = other.fireDue();
        var firedHere = store.move(seenByThisOne);

        // then
        assertTrue(firedThere);
        assertEquals(Optional.empty(), firedHere);
        assertEquals(1, eventsOf(id, EventType.REMINDED).size());
        assertEquals(List.of(Effect.THREAD_REMINDER), owedSinceSubmission(id));
    }
}
