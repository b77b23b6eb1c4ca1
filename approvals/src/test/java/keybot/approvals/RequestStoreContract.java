package keybot.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RequestStore}, with its {@link DeliveryQueue} and {@link EffectQueue}, must do, seen only
 * through the ports. The in-memory store the domain tests use and the PostgreSQL store both pass it, so the fake
 * cannot drift from the real one.
 */
public abstract class RequestStoreContract {

    /** A fresh, empty store and its queues. */
    public record Ports(RequestStore store, DeliveryQueue deliveries, EffectQueue effects) {}

    protected abstract Ports freshPorts();

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String REF = "abcdefghijklmnopqrst";
    static final String OTHER_REF = "zyxwvutsrqponmlkjihg";
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Project BILLING = new Project(
            "billing",
            REF,
            Set.of("U0ALICE", "U0BOB"),
            Set.of("S0OPS"),
            2,
            true,
            Set.of(),
            Set.of(),
            null,
            Duration.ofHours(2),
            Duration.ofMinutes(30),
            "C0BILLING");
    static final Project OTHER = new Project("other", OTHER_REF, Set.of("U0ALICE"), 1);

    private RequestStore store;
    private DeliveryQueue deliveries;
    private EffectQueue effects;

    @BeforeEach
    void open() {
        Ports ports = freshPorts();
        store = ports.store();
        deliveries = ports.deliveries();
        effects = ports.effects();
    }

    private KeyRequest submit(String requester, Project project, String keyName, Instant at) {
        return store.create(Submission.of(
                new Draft(requester, project.ref(), keyName, "why " + keyName, "for " + keyName), project, at));
    }

    private KeyRequest submit(String keyName) {
        return submit("U0CAROL", BILLING, keyName, T0);
    }

    /** Applies a move that must apply, and returns the request as moved. */
    private KeyRequest moved(Transition move) {
        return store.move(move).orElseThrow();
    }

    /** Carol's request for {@code keyName} where one approval decides, approved by Alice: its delivery is queued. */
    private KeyRequest approved(String keyName) {
        return moved(Transition.approval(submit("U0CAROL", OTHER, keyName, T0), "U0ALICE", T0));
    }

    /** What a claim of the request's job returns: the how-manieth claim it is, and whether the job is untried. */
    private static Optional<DeliveryQueue.Job> claimed(KeyRequest request, int attempts, boolean untried) {
        return Optional.of(new DeliveryQueue.Job(request.id(), attempts, untried));
    }

    private KeyRequest stored(long id) {
        return store.find(id).orElseThrow();
    }

    private List<EventType> eventTypes(long id) {
        return store.history(HistoryQuery.newest(1).before(id + 1)).get(0).events().stream()
                .map(AuditEvent::type)
                .toList();
    }

    /** Performs every effect due, oldest first, and returns them in the order they were claimed. */
    private List<Effect> drainEffects(Instant now) {
        List<Effect> drained = new ArrayList<>();
        for (var claimed = effects.claim(now, now.plus(LEASE));
                claimed.isPresent();
                claimed = effects.claim(now, now.plus(LEASE))) {
            drained.add(claimed.get().effect());
            effects.done(claimed.get().id());
        }
        return drained;
    }

    // --- requests ---

    @Test
    void aSubmissionIsStoredPendingWithItsRulesTimersAndRequestedEvent() {
        // when
        KeyRequest created = submit("billing_worker");

        // then
        assertEquals(Optional.of(created), store.find(created.id()));
        assertEquals(State.PENDING, created.state());
        assertEquals(BILLING.rules(), created.rules());
        assertEquals(new Timers(T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofMinutes(30)), 0), created.timers());
        assertEquals("billing", created.ask().projectName());
        assertEquals(
                List.of(new AuditEvent(created.id(), EventType.REQUESTED, "U0CAROL", T0, "why billing_worker")),
                store.history(HistoryQuery.newest(1)).get(0).events());
    }

    @Test
    void idsCountUp() {
        // when
        long first = submit("first_key").id();
        long second = submit("second_key").id();

        // then
        assertTrue(second > first);
    }

    @Test
    void aMoveAppliesOnlyToTheVersionItWasMadeFrom() {
        // given two decisions made from the same reading of the request
        KeyRequest read = submit("raced_key");
        Transition first = Transition.approval(read, "U0ALICE", T0.plusSeconds(1));
        Transition second = Transition.denial(read, "U0BOB", "no", T0.plusSeconds(2));

        // when
        Optional<KeyRequest> won = store.move(first);
        Optional<KeyRequest> lost = store.move(second);

        // then
        assertEquals(Optional.of(first.after()), won);
        assertEquals(Optional.empty(), lost);
        assertEquals(first.after(), stored(read.id()));
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVAL), eventTypes(read.id()));
    }

    @Test
    void ofConcurrentMovesFromOneVersionExactlyOneApplies() throws Exception {
        // given
        KeyRequest read = submit("concurrent_key");
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                String approver = "U0RACER" + i;
                Callable<Boolean> race = () -> {
                    go.await();
                    return store.move(Transition.approval(read, approver, T0)).isPresent();
                };
                outcomes.add(pool.submit(race));
            }
            // when
            go.countDown();
            int won = 0;
            for (Future<Boolean> outcome : outcomes) {
                won += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            // then
            assertEquals(1, won);
            assertEquals(1, stored(read.id()).approvals().size());
            assertEquals(read.version() + 1, stored(read.id()).version());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMoveKeepsTheApprovalMessageAndClearsTheHoldUp() {
        // given a posted request whose delivery is held up
        KeyRequest request = submit("shown_key");
        var message = new KeyRequest.MessageRef("C0BILLING", "1700000000.000100", "https://x.slack.com/p1");
        store.attachMessage(request.id(), message);
        KeyRequest half = moved(Transition.approval(stored(request.id()), "U0ALICE", T0));
        KeyRequest approved = moved(Transition.approval(half, "U0BOB", T0));
        deliveries.claim(T0, T0.plus(LEASE)).orElseThrow();
        deliveries.retryAt(request.id(), T0, "Supabase is slow", List.of());
        assertEquals(Optional.of("Supabase is slow"), stored(request.id()).holdUp());

        // when
        KeyRequest created = moved(Transition.keyCreated(
                stored(request.id()), new KeyRequest.IssuedKey("key-1", "a".repeat(64), "AbCdEf"), T0));

        // then
        assertEquals(Optional.of(message), created.message());
        assertEquals(Optional.empty(), created.holdUp());
        assertEquals(State.KEY_CREATED, created.state());
        assertEquals(approved.decided(), created.decided());
        assertEquals(created, stored(request.id()));
    }

    @Test
    void attachingAMessageReturnsTheRequestAsItIsNow() {
        // given
        KeyRequest request = submit("posted_key");
        var message = new KeyRequest.MessageRef("C0BILLING", "1700000000.000200", "https://x.slack.com/p2");

        // when
        Optional<KeyRequest> attached = store.attachMessage(request.id(), message);
        Optional<KeyRequest> missing = store.attachMessage(request.id() + 1000, message);

        // then
        assertEquals(Optional.of(message), attached.orElseThrow().message());
        assertEquals(attached, store.find(request.id()));
        assertEquals(Optional.empty(), missing);
    }

    @Test
    void dueTimersAreThoseOfWaitingRequestsWhoseExpiryOrReminderHasCome() {
        // given
        KeyRequest early = submit("U0CAROL", BILLING, "early_key", T0);
        KeyRequest late = submit("U0CAROL", BILLING, "late_key", T0.plus(Duration.ofMinutes(20)));
        KeyRequest decided = submit("U0CAROL", OTHER, "decided_key", T0);
        moved(Transition.denial(decided, "U0ALICE", "no", T0));

        // when
        var before = store.dueTimers(T0.plus(Duration.ofMinutes(29)), 10);
        var reminderDue = store.dueTimers(T0.plus(Duration.ofMinutes(30)), 10);
        var bothDue = store.dueTimers(T0.plus(Duration.ofMinutes(50)), 10);
        var limited = store.dueTimers(T0.plus(Duration.ofDays(1)), 1);

        // then
        assertEquals(List.of(), before);
        assertEquals(List.of(early), reminderDue);
        assertEquals(List.of(early, late), bothDue);
        assertEquals(List.of(early), limited);
    }

    @Test
    void historyIsNewestFirstWithEventsOldestFirstFilteredAndPaged() {
        // given
        KeyRequest a = submit("U0CAROL", BILLING, "alpha_key", T0);
        KeyRequest b = submit("U0DAVE", OTHER, "beta_key", T0);
        KeyRequest c = submit("U0CAROL", OTHER, "alpha_key", T0);
        moved(Transition.denial(a, "U0ALICE", "no", T0.plusSeconds(5)));

        // when / then
        assertEquals(List.of(c.id(), b.id(), a.id()), ids(HistoryQuery.newest(10)));
        assertEquals(List.of(c.id(), a.id()), ids(HistoryQuery.newest(10).ofRequester("U0CAROL")));
        assertEquals(List.of(c.id(), b.id()), ids(HistoryQuery.newest(10).ofProject(OTHER_REF)));
        assertEquals(List.of(c.id(), a.id()), ids(HistoryQuery.newest(10).ofKeyName("alpha_key")));
        assertEquals(List.of(b.id()), ids(HistoryQuery.newest(1).before(c.id())));
        assertEquals(List.of(EventType.REQUESTED, EventType.DENIED), eventTypes(a.id()));
    }

    private List<Long> ids(HistoryQuery query) {
        return store.history(query).stream().map(h -> h.request().id()).toList();
    }

    @Test
    void pendingListsWaitingRequestsOfTheProjectsOldestFirstButNotTheAsker() {
        // given
        KeyRequest first = submit("U0CAROL", BILLING, "first_key", T0);
        KeyRequest own = submit("U0ALICE", BILLING, "own_key", T0);
        submit("U0CAROL", OTHER, "elsewhere_key", T0);
        KeyRequest second = submit("U0DAVE", BILLING, "second_key", T0);
        KeyRequest decided = submit("U0DAVE", BILLING, "decided_key", T0);
        moved(Transition.denial(decided, "U0BOB", "no", T0));

        // when
        var pending = store.pending(Set.of(REF), "U0ALICE", 0, 10);
        var limited = store.pending(Set.of(REF), "U0ALICE", 0, 1);
        var after = store.pending(Set.of(REF), "U0ALICE", first.id(), 10);
        var none = store.pending(Set.of(), "U0ALICE", 0, 10);

        // then
        assertEquals(
                List.of(first.id(), second.id()),
                pending.stream().map(KeyRequest::id).toList());
        assertFalse(pending.stream().anyMatch(r -> r.id() == own.id()));
        assertEquals(List.of(first.id()), limited.stream().map(KeyRequest::id).toList());
        assertEquals(List.of(second.id()), after.stream().map(KeyRequest::id).toList());
        assertEquals(List.of(), none);
    }

    @Test
    void aKeyIsTracedToItsRequestEvenAfterARetryReplacedIt() {
        // given a request whose first key failed to reach its requester, and whose retry made a second
        KeyRequest approved = approved("traced_key");
        String firstKey = "1".repeat(64);
        String secondKey = "2".repeat(64);
        KeyRequest created =
                moved(Transition.keyCreated(approved, new KeyRequest.IssuedKey("key-1", firstKey, "AAAAAA"), T0));
        KeyRequest failed = moved(Transition.failed(created, "the key is gone", T0));
        KeyRequest retried = moved(Transition.retry(failed, "U0ALICE", T0));
        moved(Transition.keyCreated(retried, new KeyRequest.IssuedKey("key-2", secondKey, "BBBBBB"), T0));

        // when
        var byFirst = store.byKeySha256(firstKey);
        var bySecond = store.byKeySha256(secondKey);
        var byUnknown = store.byKeySha256("3".repeat(64));

        // then
        assertEquals(approved.id(), byFirst.orElseThrow().request().id());
        assertEquals(approved.id(), bySecond.orElseThrow().request().id());
        assertEquals("key-2", bySecond.get().request().issuedKey().orElseThrow().id());
        assertEquals(Optional.empty(), byUnknown);
    }

    // --- deliveries ---

    @Test
    void anApprovalQueuesItsFirstDeliveryAndARetryAnotherThatMayFindAKey() {
        // given
        KeyRequest request = submit("U0CAROL", OTHER, "delivered_key", T0);

        // when
        KeyRequest approved = moved(Transition.approval(request, "U0ALICE", T0));
        var first = deliveries.claim(T0, T0.plus(LEASE));
        KeyRequest failed = moved(Transition.failed(approved, "refused", T0));
        deliveries.finish(request.id());
        moved(Transition.retry(failed, "U0ALICE", T0.plusSeconds(10)));
        var again = deliveries.claim(T0.plusSeconds(10), T0.plusSeconds(10).plus(LEASE));

        // then
        assertEquals(claimed(request, 1, true), first);
        assertEquals(claimed(request, 1, false), again);
    }

    @Test
    void theApprovalThatCompletesSeveralStartsTheFirstDelivery() {
        // given a request that takes two approvals
        KeyRequest request = submit("two_approvals");
        KeyRequest half = moved(Transition.approval(request, "U0ALICE", T0));
        assertEquals(Optional.empty(), deliveries.claim(T0, T0.plus(LEASE)), "one approval owes no delivery");

        // when
        moved(Transition.approval(half, "U0BOB", T0));

        // then
        assertEquals(claimed(request, 1, true), deliveries.claim(T0, T0.plus(LEASE)));
    }

    @Test
    void aRetryReplacesAJobKeptFromTheFailedDeliveryAndIsNotUntried() {
        // given a delivery that failed while its job was still held
        KeyRequest approved = approved("kept_job");
        deliveries.claim(T0, T0.plus(LEASE)).orElseThrow();
        KeyRequest failed = moved(Transition.failed(approved, "refused", T0));
        deliveries.retryAt(approved.id(), T0.plusSeconds(1), null, List.of());

        // when
        moved(Transition.retry(failed, "U0ALICE", T0.plusSeconds(2)));

        // then
        assertEquals(claimed(approved, 1, false), deliveries.claim(T0.plusSeconds(2), T0.plus(LEASE)));
    }

    @Test
    void aClaimedJobIsLeasedThenTakenOverAndNoLongerUntried() {
        // given
        KeyRequest request = approved("leased_key");

        // when
        var first = deliveries.claim(T0, T0.plus(LEASE));
        var whileLeased = deliveries.claim(T0.plus(LEASE).minusMillis(1), T0.plus(LEASE));
        var afterLease = deliveries.claim(T0.plus(LEASE), T0.plus(LEASE).plus(LEASE));

        // then
        assertEquals(claimed(request, 1, true), first);
        assertEquals(Optional.empty(), whileLeased);
        assertEquals(claimed(request, 2, false), afterLease);
    }

    @Test
    void aReleasedJobWaitsUntilDueNotesItsProblemAndOwesItsEffects() {
        // given
        KeyRequest request = approved("waiting_key");
        deliveries.claim(T0, T0.plus(LEASE)).orElseThrow();
        drainEffects(T0);

        // when
        deliveries.retryAt(
                request.id(), T0.plusSeconds(30), "Supabase is rate-limiting keybot", List.of(Effect.UPDATE_MESSAGE));

        // then
        assertEquals(
                Optional.of("Supabase is rate-limiting keybot"),
                stored(request.id()).holdUp());
        assertEquals(List.of(Effect.UPDATE_MESSAGE), drainEffects(T0), "owed at once, not when the job is due");
        assertEquals(Optional.empty(), deliveries.claim(T0.plusSeconds(29), T0.plus(LEASE)));
        assertEquals(claimed(request, 2, false), deliveries.claim(T0.plusSeconds(30), T0.plus(LEASE)));
    }

    @Test
    void theJobDueLongestIsClaimedFirstAndAFinishedOneIsGone() {
        // given
        KeyRequest first = approved("first_job");
        KeyRequest second = approved("second_job");
        deliveries.retryAt(first.id(), T0.plusSeconds(5), null, List.of());

        // when
        var a = deliveries.claim(T0.plusSeconds(10), T0.plus(LEASE));
        var b = deliveries.claim(T0.plusSeconds(10), T0.plus(LEASE));
        deliveries.finish(first.id());
        deliveries.finish(second.id());
        var none = deliveries.claim(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)));

        // then
        assertEquals(second.id(), a.orElseThrow().requestId());
        assertEquals(first.id(), b.orElseThrow().requestId());
        assertEquals(Optional.empty(), none);
    }

    // --- effects ---

    private static void assertClaimed(EffectQueue.Claimed claimed, long requestId, Effect effect, int attempts) {
        assertEquals(
                List.of(requestId, effect, attempts, false),
                List.of(claimed.requestId(), claimed.effect(), claimed.attempts(), claimed.superseded()));
    }

    @Test
    void aSubmissionOwesItsEffectsInTheOrderWrittenOneAtATime() {
        // given
        KeyRequest request = submit("effects_key");

        // when
        var head = effects.claim(T0, T0.plus(LEASE)).orElseThrow();
        var whileHeadIsOut = effects.claim(T0, T0.plus(LEASE));
        effects.done(head.id());
        List<Effect> rest = drainEffects(T0);

        // then
        assertClaimed(head, request.id(), Effect.POST_REQUEST, 1);
        assertEquals(request, head.request(), "with its request as it is");
        assertEquals(Optional.empty(), whileHeadIsOut, "the request's next effect waits for the one before it");
        assertEquals(List.of(Effect.TELL_REQUESTER), rest);
    }

    @Test
    void aRequestsNextEffectIsClaimedByItsRequestOnceTheOneBeforeItIsSettled() {
        // given a submission's two effects, and another request's
        KeyRequest request = submit("next_effects");
        KeyRequest other = submit("other_effects");
        var post = effects.claim(T0, T0.plus(LEASE)).orElseThrow();

        // when
        var whileHeadIsOut = effects.claimNextOf(request.id(), T0, T0.plus(LEASE));
        effects.done(post.id());
        var next = effects.claimNextOf(request.id(), T0, T0.plus(LEASE));
        var again = effects.claimNextOf(request.id(), T0, T0.plus(LEASE));
        effects.retryAt(next.orElseThrow().id(), T0.plusSeconds(30));
        var notYetDue = effects.claimNextOf(request.id(), T0.plusSeconds(29), T0.plus(LEASE));

        // then
        assertEquals(Optional.empty(), whileHeadIsOut, "the head is still there, leased");
        assertClaimed(next.orElseThrow(), request.id(), Effect.TELL_REQUESTER, 1);
        assertEquals(Optional.empty(), again, "leased");
        assertEquals(Optional.empty(), notYetDue);
        assertClaimed(
                effects.claimNextOf(request.id(), T0.plusSeconds(30), T0.plus(LEASE))
                        .orElseThrow(),
                request.id(),
                Effect.TELL_REQUESTER,
                2);
        assertEquals(other.id(), effects.claim(T0, T0.plus(LEASE)).orElseThrow().requestId(), "others' untouched");
    }

    @Test
    void eachRequestsHeadEffectIsClaimedSideBySide() {
        // given
        KeyRequest first = submit("side_one");
        KeyRequest second = submit("side_two");

        // when
        var a = effects.claim(T0, T0.plus(LEASE)).orElseThrow();
        var b = effects.claim(T0, T0.plus(LEASE)).orElseThrow();

        // then
        assertEquals(List.of(first.id(), second.id()), List.of(a.requestId(), b.requestId()));
        assertEquals(List.of(Effect.POST_REQUEST, Effect.POST_REQUEST), List.of(a.effect(), b.effect()));
    }

    @Test
    void aMovesEffectsFollowThoseBeforeItAndALaterOneOfTheSameKindSupersedesAnEarlier() {
        // given a posted request approved once, then denied
        KeyRequest request = submit("superseded_key");
        drainEffects(T0);
        KeyRequest half = moved(Transition.approval(request, "U0ALICE", T0));
        moved(Transition.denial(half, "U0BOB", "no", T0));

        // when
        List<EffectQueue.Claimed> claimed = new ArrayList<>();
        for (var next = effects.claim(T0, T0.plus(LEASE)); next.isPresent(); next = effects.claim(T0, T0.plus(LEASE))) {
            claimed.add(next.get());
            effects.done(next.get().id());
        }

        // then
        assertEquals(
                List.of(
                        Effect.review("U0ALICE"),
                        Effect.UPDATE_MESSAGE,
                        Effect.review("U0BOB"),
                        Effect.UPDATE_MESSAGE,
                        Effect.TELL_REQUESTER),
                claimed.stream().map(EffectQueue.Claimed::effect).toList());
        assertEquals(
                List.of(false, true, false, false, false),
                claimed.stream().map(EffectQueue.Claimed::superseded).toList());
    }

    @Test
    void anEffectReleasedForLaterWaitsUntilDueAndHoldsBackTheRequestsNext() {
        // given
        KeyRequest request = submit("retried_effect");
        var post = effects.claim(T0, T0.plus(LEASE)).orElseThrow();

        // when
        effects.retryAt(post.id(), T0.plusSeconds(20));

        // then
        assertEquals(Optional.empty(), effects.claim(T0.plusSeconds(19), T0.plus(LEASE)));
        var again = effects.claim(T0.plusSeconds(20), T0.plus(LEASE)).orElseThrow();
        assertEquals(post.id(), again.id());
        assertClaimed(again, request.id(), Effect.POST_REQUEST, 2);
    }

    @Test
    void aLeasedEffectIsClaimedAgainOnceTheLeaseRunsOut() {
        // given a replica claimed the post and died
        submit("orphaned_effect");
        var first = effects.claim(T0, T0.plus(LEASE)).orElseThrow();

        // when
        var whileLeased = effects.claim(T0.plus(LEASE).minusMillis(1), T0.plus(LEASE));
        var afterLease = effects.claim(T0.plus(LEASE), T0.plus(LEASE).plus(LEASE));

        // then
        assertEquals(Optional.empty(), whileLeased);
        assertEquals(first.id(), afterLease.orElseThrow().id());
        assertEquals(2, afterLease.get().attempts());
    }

    @Test
    void aPostRemembersTheMessageAndIsDoneInOneStep() {
        // given
        KeyRequest request = submit("posted_effect");
        var post = effects.claim(T0, T0.plus(LEASE)).orElseThrow();
        var message = new KeyRequest.MessageRef("C0BILLING", "1700000000.000300", "https://x.slack.com/p3");

        // when
        effects.posted(post.id(), request.id(), message);

        // then
        assertEquals(Optional.of(message), stored(request.id()).message());
        assertEquals(
                Effect.TELL_REQUESTER,
                effects.claim(T0, T0.plus(LEASE)).orElseThrow().effect());
    }

    @Test
    void aDroppedEffectIsGoneAndItsReasonIsInTheRequestsHistory() {
        // given
        KeyRequest request = submit("dropped_effect");
        var post = effects.claim(T0, T0.plus(LEASE)).orElseThrow();
        var why = new AuditEvent(
                request.id(),
                EventType.MESSAGE_FAILED,
                Actors.KEYBOT,
                T0.plusSeconds(1),
                "The request could not be posted for its approvers: Slack answered not_in_channel.");

        // when
        effects.dropped(post.id(), why);

        // then
        assertEquals(List.of(EventType.REQUESTED, EventType.MESSAGE_FAILED), eventTypes(request.id()));
        assertEquals(why, store.history(HistoryQuery.newest(1)).get(0).events().get(1));
        assertEquals(
                Effect.TELL_REQUESTER,
                effects.claim(T0, T0.plus(LEASE)).orElseThrow().effect());
    }
}
