package keybot.approvals;

import static keybot.approvals.Fixtures.ALICE;
import static keybot.approvals.Fixtures.BOB;
import static keybot.approvals.Fixtures.NOW;
import static keybot.approvals.Fixtures.POLICY;
import static keybot.approvals.Fixtures.REF;
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

class EffectWorkerTest {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Notifier.Outcome RATE_LIMITED = Notifier.Outcome.passing("ratelimited", Optional.empty());

    private final MutableClock clock = new MutableClock(NOW);
    /** Three attempts, waiting 1 s, then 2 s: with the random part at 1.0 nothing is taken off. */
    private final RetryPolicy retry =
            new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), LEASE, () -> 1.0);

    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final FakeKeyIssuer issuer = new FakeKeyIssuer();
    private final KeyRequests requests = new KeyRequests(store, POLICY, clock);
    private final EffectWorker worker = new EffectWorker(store.effects, notifier, retry, clock);
    private final DeliveryWorker delivery = new DeliveryWorker(store, store.deliveries, issuer, notifier, retry, clock);

    /** Performs every effect due now, one at a time; how many were claimed. */
    private int performDue() {
        int claimed = 0;
        while (worker.runOne()) {
            claimed++;
            assertTrue(claimed < 100, "the effects should run out");
        }
        return claimed;
    }

    /** A request whose submission was posted and announced; what was performed so far is forgotten. */
    private long announced(KeyRequests by) {
        long id = by.submit(draft()).id();
        performDue();
        notifier.performed.clear();
        return id;
    }

    private long announced() {
        return announced(requests);
    }

    /** An announced request approved by Alice, whose approval's update Slack could not take on the first try. */
    private long updateToTryAgain() {
        long id = announced();
        requests.approve(id, ALICE);
        notifier.answerNext(Effect.Kind.UPDATE_MESSAGE, RATE_LIMITED);
        worker.runOne();
        return id;
    }

    /** An announced request approved by Alice, the approval announced too; what was performed so far is forgotten. */
    private long approvalAnnounced() {
        long id = announced();
        requests.approve(id, ALICE);
        performDue();
        notifier.performed.clear();
        return id;
    }

    private KeyRequests billingNeedingTwoApprovals() {
        return new KeyRequests(store, new Policy(List.of(new Project("billing", REF, Set.of(ALICE, BOB), 2))), clock);
    }

    /** The effects performed so far, oldest first. */
    private List<Effect> performed() {
        return notifier.performed.stream()
                .map(RecordingNotifier.Performed::effect)
                .toList();
    }

    private List<Effect> owed(long id) {
        return store.effectsOf(id).stream()
                .map(InMemoryRequestStore.QueuedEffect::effect)
                .toList();
    }

    private InMemoryRequestStore.QueuedEffect head(long id) {
        return store.effectsOf(id).get(0);
    }

    private KeyRequest request(long id) {
        return store.find(id).orElseThrow();
    }

    private List<EventType> eventTypes(long id) {
        return store.eventsOf(id).stream().map(AuditEvent::type).toList();
    }

    /** The line in the request's history saying, as keybot's, which message could not be sent and why. */
    private static AuditEvent messageFailed(long id, Instant at, String why) {
        return new AuditEvent(id, EventType.MESSAGE_FAILED, Actors.KEYBOT, at, why);
    }

    private AuditEvent lastEvent(long id) {
        List<AuditEvent> events = store.eventsOf(id);
        return events.get(events.size() - 1);
    }

    private static List<State> states(List<KeyRequest> shown) {
        return shown.stream().map(KeyRequest::state).toList();
    }

    // --- a submission ---

    @Test
    void aSubmissionIsPostedRememberedAndTheRequesterToldAboutTheRequestAsPosted() {
        // given
        var submitted = requests.submit(draft());

        // when
        int claimed = performDue();

        // then one claim of the queue performs both, the second found by its request
        assertEquals(1, claimed);
        assertEquals(List.of(Effect.POST_REQUEST, Effect.TELL_REQUESTER), performed());
        assertEquals(List.of(submitted), notifier.shown(Effect.Kind.POST_REQUEST));
        var posted = request(submitted.id());
        assertEquals(Optional.of(RecordingNotifier.MESSAGE), posted.message());
        assertEquals(
                List.of(posted),
                notifier.shown(Effect.Kind.TELL_REQUESTER),
                "the requester is told about the request as posted");
        assertEquals(List.of(), owed(submitted.id()));
        assertEquals(List.of(EventType.REQUESTED), eventTypes(submitted.id()));
    }

    @Test
    void aPostSlackRefusesIsRecordedAndTheRequesterToldItCouldNotBePosted() {
        // given
        notifier.answerNext(Effect.Kind.POST_REQUEST, Notifier.Outcome.refused("not_in_channel"));
        long id = requests.submit(draft()).id();

        // when
        performDue();

        // then
        assertEquals(List.of(Effect.POST_REQUEST, Effect.TELL_REQUESTER), performed());
        var told = notifier.shown(Effect.Kind.TELL_REQUESTER);
        assertEquals(1, told.size());
        assertTrue(told.get(0).message().isEmpty(), "the requester learns it was not posted");
        assertEquals(List.of(EventType.REQUESTED, EventType.MESSAGE_FAILED), eventTypes(id));
        assertEquals(
                messageFailed(
                        id, NOW, "The request could not be posted for its approvers: Slack answered not_in_channel."),
                lastEvent(id));
        assertEquals(List.of(), owed(id));
    }

    // --- order ---

    @Test
    void effectsOfOneRequestArePerformedInTheOrderWritten() {
        // given
        long id = requests.submit(draft()).id();

        // when / then: one claim works off the request's effects in a row, in order
        assertTrue(worker.runOne());
        assertEquals(List.of(Effect.POST_REQUEST, Effect.TELL_REQUESTER), performed());
        assertFalse(worker.runOne());
        assertEquals(List.of(Effect.POST_REQUEST, Effect.TELL_REQUESTER), performed());

        // when
        requests.approve(id, ALICE);
        performDue();

        // then
        assertEquals(List.of(Effect.POST_REQUEST, Effect.TELL_REQUESTER, Effect.UPDATE_MESSAGE), performed());
    }

    @Test
    void aLaterEffectWaitsUntilTheOneBeforeItIsSettled() {
        // given a post Slack cannot take for now
        notifier.answerNext(Effect.Kind.POST_REQUEST, RATE_LIMITED);
        long id = requests.submit(draft()).id();

        // when
        performDue();

        // then the requester is not told before the request is posted
        assertEquals(List.of(Effect.POST_REQUEST), performed());
        assertEquals(List.of(Effect.POST_REQUEST, Effect.TELL_REQUESTER), owed(id));

        // when
        clock.advance(Duration.ofSeconds(1));
        performDue();

        // then
        assertEquals(List.of(Effect.POST_REQUEST, Effect.POST_REQUEST, Effect.TELL_REQUESTER), performed());
        assertEquals(
                Optional.of(RecordingNotifier.MESSAGE),
                notifier.shown(Effect.Kind.TELL_REQUESTER).get(0).message());
    }

    @Test
    void aRequestWaitingToRetryDoesNotHoldUpAnothersEffects() {
        // given
        notifier.answerNext(Effect.Kind.POST_REQUEST, RATE_LIMITED);
        long waiting = requests.submit(draft()).id();
        long other = requests.submit(draft()).id();

        // when
        performDue();

        // then
        assertEquals(List.of(Effect.POST_REQUEST, Effect.POST_REQUEST, Effect.TELL_REQUESTER), performed());
        assertEquals(List.of(), owed(other));
        assertEquals(2, owed(waiting).size());
    }

    // --- Slack trouble ---

    @Test
    void aRefusedEffectIsDroppedAtOnceWithALineSayingWhatCouldNotBeDoneAndWhy() {
        // given an approval whose message Slack no longer has
        long id = announced();
        requests.approve(id, ALICE);
        notifier.answerNext(Effect.Kind.UPDATE_MESSAGE, Notifier.Outcome.refused("message_not_found"));

        // when
        performDue();

        // then
        assertEquals(List.of(Effect.UPDATE_MESSAGE), performed(), "tried once, then moved on");
        assertEquals(
                messageFailed(
                        id,
                        NOW,
                        "The approval message could not be brought up to date: Slack answered message_not_found."),
                lastEvent(id));
        assertEquals(List.of(), owed(id));

        // when much later
        clock.advance(Duration.ofHours(1));

        // then
        assertFalse(worker.runOne(), "a refusal is never retried");
    }

    @Test
    void anUpdateFailingForNowIsRetriedWithBackoffThenDroppedAndRecordedWithoutHoldingUpTheDelivery() {
        // given an approval announced, then delivered, while Slack will not take the message update
        long id = approvalAnnounced();
        notifier.answerNext(Effect.Kind.UPDATE_MESSAGE, RATE_LIMITED, RATE_LIMITED, RATE_LIMITED);
        assertTrue(delivery.runOne());

        // then the key is delivered and the delivery done, whatever becomes of the message
        assertEquals(State.DELIVERED, request(id).state());
        assertEquals(Optional.empty(), store.job(id));
        assertEquals(List.of(FakeKeyIssuer.SECRET), notifier.deliveredSecrets);

        // when
        worker.runOne();

        // then it is tried again after the backoff, with what comes after it waiting
        assertEquals(NOW.plusSeconds(1), head(id).due());
        assertFalse(worker.runOne(), "the app home refresh waits behind the update");

        // when
        clock.set(NOW.plusSeconds(1));
        worker.runOne();

        // then
        assertEquals(NOW.plusSeconds(1 + 2), head(id).due());
        clock.set(NOW.plusSeconds(3).minusMillis(1));
        assertFalse(worker.runOne());

        // when
        clock.set(NOW.plusSeconds(3));
        performDue();

        // then after the last attempt it is dropped, and said so
        assertEquals(
                List.of(State.DELIVERED, State.DELIVERED, State.DELIVERED),
                states(notifier.shown(Effect.Kind.UPDATE_MESSAGE)));
        assertEquals(
                messageFailed(
                        id,
                        NOW.plusSeconds(3),
                        "The approval message could not be brought up to date: Slack kept failing (ratelimited);"
                                + " keybot tried 3 times."),
                lastEvent(id));
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.UPDATE_MESSAGE, Effect.UPDATE_MESSAGE), performed());
        assertEquals(List.of(), owed(id));
        assertEquals(1, issuer.creates());
        assertEquals(List.of(FakeKeyIssuer.SECRET), notifier.deliveredSecrets);
    }

    @Test
    void anUpdateThatGoesThroughOnTheSecondTryIsDone() {
        // given
        long id = updateToTryAgain();

        // when
        clock.advance(Duration.ofSeconds(1));
        performDue();

        // then
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.UPDATE_MESSAGE), performed());
        assertEquals(List.of(), owed(id));
        assertFalse(eventTypes(id).contains(EventType.MESSAGE_FAILED));
    }

    @Test
    void slackAskingToWaitIsWaitedFor() {
        // given
        long id = announced();
        requests.approve(id, ALICE);
        notifier.answerNext(
                Effect.Kind.UPDATE_MESSAGE,
                Notifier.Outcome.passing("ratelimited", Optional.of(Duration.ofSeconds(20))));

        // when
        worker.runOne();

        // then
        assertEquals(NOW.plusSeconds(20), head(id).due());
        assertEquals(1, head(id).attempts());
    }

    @Test
    void anUnexpectedExceptionCountsAsPassingAndIsRetried() {
        // given
        long id = announced();
        requests.approve(id, ALICE);
        notifier.throwNext(Effect.Kind.UPDATE_MESSAGE, new IllegalStateException("boom at /internal/path"));

        // when
        boolean worked = worker.runOne();

        // then
        assertTrue(worked);
        assertEquals(Effect.UPDATE_MESSAGE, head(id).effect());
        assertEquals(NOW.plusSeconds(1), head(id).due());
        assertFalse(eventTypes(id).contains(EventType.MESSAGE_FAILED));

        // when
        clock.advance(Duration.ofSeconds(1));
        performDue();

        // then
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.UPDATE_MESSAGE), performed());
        assertEquals(List.of(), owed(id));
    }

    @Test
    void anEffectThatKeepsThrowingIsDroppedNamingOnlyTheKindOfError() {
        // given
        long id = announced();
        requests.approve(id, ALICE);
        var bug = new IllegalStateException("boom at /internal/path");
        notifier.throwNext(Effect.Kind.UPDATE_MESSAGE, bug, bug, bug);

        // when
        worker.runOne();
        clock.advance(Duration.ofSeconds(1));
        worker.runOne();
        clock.advance(Duration.ofSeconds(2));
        performDue();

        // then
        String why = lastEvent(id).detail();
        assertEquals(EventType.MESSAGE_FAILED, lastEvent(id).type());
        assertTrue(why.contains("IllegalStateException") && why.contains("tried 3 times"), why);
        assertFalse(why.contains("/internal/path"), why);
        assertEquals(List.of(), owed(id));
    }

    // --- the queue ---

    @Test
    void aClaimedEffectIsNotClaimedAgainUntilItsLeaseEnds() {
        // given
        long id = requests.submit(draft()).id();
        Instant leaseEnd = NOW.plus(LEASE);

        // when
        var first = store.effects.claim(NOW, leaseEnd);
        var second = store.effects.claim(NOW, leaseEnd);
        var justBefore = store.effects.claim(leaseEnd.minusMillis(1), leaseEnd.plus(LEASE));
        var after = store.effects.claim(leaseEnd, leaseEnd.plus(LEASE));

        // then
        long postId = first.orElseThrow().id();
        assertEquals(new EffectQueue.Claimed(postId, request(id), Effect.POST_REQUEST, 1, false), first.orElseThrow());
        assertEquals(Optional.empty(), second, "nor is the effect behind it");
        assertEquals(Optional.empty(), justBefore);
        assertEquals(
                Optional.of(new EffectQueue.Claimed(postId, request(id), Effect.POST_REQUEST, 2, false)),
                after,
                "each claim counts as an attempt");
    }

    @Test
    void theEffectOfAReplicaThatDiedIsPerformedWhenItsLeaseEnds() {
        // given a replica claimed the post and died before performing it
        long id = requests.submit(draft()).id();
        store.effects.claim(NOW, NOW.plus(LEASE)).orElseThrow();

        // when
        boolean whileLeased = worker.runOne();
        clock.set(NOW.plus(LEASE));
        performDue();

        // then
        assertFalse(whileLeased);
        assertEquals(List.of(Effect.POST_REQUEST, Effect.TELL_REQUESTER), performed());
        assertEquals(Optional.of(RecordingNotifier.MESSAGE), request(id).message());
        assertEquals(List.of(), owed(id));
    }

    @Test
    void withNothingDueTheWorkerDoesNothing() {
        // given nothing at all
        // when / then
        assertFalse(worker.runOne());

        // given everything performed, and one post waiting to be tried again
        announced();
        notifier.answerNext(Effect.Kind.POST_REQUEST, RATE_LIMITED);
        requests.submit(draft());
        worker.runOne();
        notifier.performed.clear();

        // when
        boolean worked = worker.runOne();

        // then
        assertFalse(worked);
        assertEquals(List.of(), performed());
    }

    // --- what is shown ---

    @Test
    void anApprovalMessageUpdateShowsTheRequestAsItIsWhenPerformed() {
        // given
        long id = announced();
        var approved = requests.approve(id, ALICE);

        // when
        performDue();

        // then, with one approval required, no reply in the thread
        assertEquals(List.of(Effect.UPDATE_MESSAGE), performed());
        assertEquals(List.of(request(id)), notifier.shown(Effect.Kind.UPDATE_MESSAGE));
        assertEquals(State.APPROVED, approved.state());
        assertEquals(Optional.of(RecordingNotifier.MESSAGE), request(id).message());
    }

    @Test
    void anApprovalUpdatePerformedAfterTheDeliveryMovedOnShowsWhereTheRequestIsNow() {
        // given a delivery that created the key before the approval's update was performed
        long id = announced();
        var approved = requests.approve(id, ALICE);
        store.move(Transition.keyCreated(approved, new KeyRequest.IssuedKey("key-1", "sha", "ab"), NOW))
                .orElseThrow();

        // when
        performDue();

        // then no update shows the request as still waiting for its key
        assertEquals(List.of(State.KEY_CREATED), states(notifier.shown(Effect.Kind.UPDATE_MESSAGE)));
    }

    @Test
    void anUpdateOvertakenByALaterOneIsNotPerformedSoTheMessageNeverShowsTheRequestOlder() {
        // given an approval whose delivery went through before its update was performed
        long id = announced();
        requests.approve(id, ALICE);
        delivery.runOne();

        // when
        performDue();

        // then
        assertEquals(List.of(request(id)), notifier.shown(Effect.Kind.UPDATE_MESSAGE));
        assertEquals(State.DELIVERED, request(id).state());
        assertEquals(List.of(Effect.UPDATE_MESSAGE), performed());
        assertEquals(List.of(), owed(id));
    }

    @Test
    void aDeliveryThatMovesOnDuringTheApprovalsUpdateIsShownByTheUpdateItOwes() {
        // given the delivery runs while the approval's update is under way
        long id = announced();
        requests.approve(id, ALICE);
        notifier.duringNext(Effect.Kind.UPDATE_MESSAGE, delivery::runOne);

        // when
        performDue();

        // then the last update shows where the request is now
        assertEquals(List.of(State.APPROVED, State.DELIVERED), states(notifier.shown(Effect.Kind.UPDATE_MESSAGE)));
    }

    @Test
    void anUpdateWaitingToRetryIsDroppedUnperformedOnceALaterOneWillShowTheSame() {
        // given an approval's update Slack could not take, then the delivery moved on
        long id = updateToTryAgain();
        delivery.runOne();

        // when
        clock.advance(Duration.ofSeconds(1));
        performDue();

        // then
        assertEquals(List.of(State.APPROVED, State.DELIVERED), states(notifier.shown(Effect.Kind.UPDATE_MESSAGE)));
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.UPDATE_MESSAGE), performed());
        assertFalse(eventTypes(id).contains(EventType.MESSAGE_FAILED), "nothing was given up on");
        assertEquals(List.of(), owed(id));
    }

    @Test
    void aHoldUpTheDeliveryNotedIsShownOnTheApprovalMessage() {
        // given an approval announced, then a delivery Supabase rate-limits
        long id = approvalAnnounced();
        issuer.failNextCreates(new IssueFailure(IssueFailure.Kind.RATE_LIMITED, ""));
        delivery.runOne();

        // when
        performDue();

        // then
        var shown = notifier.shown(Effect.Kind.UPDATE_MESSAGE);
        assertEquals(List.of(request(id)), shown);
        assertEquals(State.APPROVED, shown.get(0).state());
        assertTrue(
                shown.get(0).holdUp().orElseThrow().contains("rate-limiting"),
                shown.get(0).toString());
        assertEquals(List.of(), notifier.shown(Effect.Kind.TELL_REQUESTER), "the requester is not troubled");
    }

    @Test
    void aDenialUpdatesTheMessageAndTellsTheRequester() {
        // given
        long id = announced();
        var denied = requests.deny(id, ALICE, "no");

        // when
        performDue();

        // then
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER), performed());
        var shown = denied.withMessage(RecordingNotifier.MESSAGE);
        assertEquals(List.of(shown), notifier.shown(Effect.Kind.UPDATE_MESSAGE));
        assertEquals(List.of(shown), notifier.shown(Effect.Kind.TELL_REQUESTER));
    }

    @Test
    void withSeveralApprovalsRequiredEachReviewIsRepliedInTheThread() {
        // given
        var twoNeeded = billingNeedingTwoApprovals();
        long id = announced(twoNeeded);
        twoNeeded.approve(id, ALICE);
        twoNeeded.approve(id, BOB);

        // when
        performDue();

        // then
        assertEquals(List.of(Effect.review(ALICE), Effect.review(BOB), Effect.UPDATE_MESSAGE), performed());
        var replies = notifier.shown(Effect.Kind.THREAD_REVIEW);
        assertEquals(List.of(ALICE), replies.get(0).approvalsUpTo(ALICE));
        assertEquals(List.of(ALICE, BOB), replies.get(1).approvalsUpTo(BOB));
        assertEquals(
                State.APPROVED,
                notifier.shown(Effect.Kind.UPDATE_MESSAGE).get(0).state());
    }

    @Test
    void withSeveralApprovalsRequiredADenialIsRepliedInTheThreadAndTheRequesterTold() {
        // given
        var twoNeeded = billingNeedingTwoApprovals();
        long id = announced(twoNeeded);
        twoNeeded.deny(id, BOB, "no");

        // when
        performDue();

        // then
        assertEquals(List.of(Effect.review(BOB), Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER), performed());
        assertEquals(List.of(State.DENIED), states(notifier.shown(Effect.Kind.TELL_REQUESTER)));
    }
}
