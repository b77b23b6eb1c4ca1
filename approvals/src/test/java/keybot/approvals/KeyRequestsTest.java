package keybot.approvals;

import static keybot.approvals.Fixtures.ALICE;
import static keybot.approvals.Fixtures.BILLING;
import static keybot.approvals.Fixtures.BOB;
import static keybot.approvals.Fixtures.CLOCK;
import static keybot.approvals.Fixtures.NOW;
import static keybot.approvals.Fixtures.POLICY;
import static keybot.approvals.Fixtures.REF;
import static keybot.approvals.Fixtures.REQUESTER;
import static keybot.approvals.Fixtures.STRANGER;
import static keybot.approvals.Fixtures.draft;
import static keybot.approvals.Refusals.assertRefusedAndNothingChanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyRequestsTest {

    private static final List<Effect> SUBMITTED = Submission.EFFECTS;
    /** What a request taking two approvals owes once Alice's approval is counted. */
    private static final List<Effect> ALICE_COUNTED = concat(SUBMITTED, Effect.review(ALICE), Effect.UPDATE_MESSAGE);

    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final KeyRequests requests = new KeyRequests(store, POLICY, CLOCK);
    /** The same store where billing takes two approvals, from Alice and Bob. */
    private final KeyRequests twoNeeded = new KeyRequests(store, billingNeeding(2, ALICE, BOB), CLOCK);

    private static List<EventType> types(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::type).toList();
    }

    /** The effects still owed for the request, oldest first. */
    private List<Effect> owed(long id) {
        return store.effectsOf(id).stream()
                .map(InMemoryRequestStore.QueuedEffect::effect)
                .toList();
    }

    private static List<Effect> concat(List<Effect> first, Effect... then) {
        List<Effect> all = new ArrayList<>(first);
        all.addAll(List.of(then));
        return all;
    }

    /** A policy of one project, billing's ref, taking {@code required} approvals from these approvers. */
    private static Policy billingNeeding(int required, String... approvers) {
        return new Policy(List.of(new Project("billing", REF, Set.of(approvers), required)));
    }

    @Test
    void submitStoresAPendingRequestWithItsRequestedEvent() {
        // given
        var draft = draft();

        // when
        var request = requests.submit(draft);

        // then
        assertEquals(1, request.id());
        assertEquals(State.PENDING, request.state());
        assertEquals(REQUESTER, request.ask().requester());
        assertEquals("billing", request.ask().projectName());
        assertEquals(REF, request.ask().projectRef());
        assertEquals("billing_worker", request.ask().keyName());
        assertEquals(NOW, request.ask().at());
        assertEquals(Optional.of(request), store.find(1));
        assertEquals(
                List.of(new AuditEvent(1, EventType.REQUESTED, REQUESTER, NOW, draft.reason())), store.eventsOf(1));
    }

    @Test
    void submitKeepsTheProjectsRulesAndStartsTheTimers() {
        // when
        var request = requests.submit(draft());

        // then
        assertEquals(BILLING.rules(), request.rules());
        assertEquals(new Timers(NOW.plus(BILLING.pendingTtl()), NOW.plus(BILLING.remindAfter()), 0), request.timers());
        assertEquals(0, request.version());
        assertEquals(List.of(), request.approvals());
    }

    @Test
    void submitOwesThePostTheRequestersNoteAndAppHome() {
        // when
        long id = requests.submit(draft()).id();

        // then
        assertEquals(List.of(Effect.POST_REQUEST, Effect.TELL_REQUESTER), owed(id));
        assertEquals(Optional.empty(), store.find(id).orElseThrow().message(), "posting is the effect's business");
    }

    @Test
    void anInvalidDraftIsRefusedAndNothingIsStored() {
        // given
        var draft = new Draft(REQUESTER, REF, "Billing-Worker", "", null);

        // when
        var invalid = assertThrows(InvalidDraft.class, () -> requests.submit(draft));

        // then
        assertEquals(Set.of(Field.KEY_NAME, Field.REASON), invalid.problems().keySet());
        assertEquals(Optional.empty(), store.find(1));
        assertEquals(List.of(), store.allEvents());
        assertEquals(List.of(), owed(1), "nothing is posted");
    }

    @Test
    void anApproverApproves() {
        // given
        long id = requests.submit(draft()).id();

        // when
        var approved = requests.approve(id, ALICE);

        // then
        assertEquals(State.APPROVED, approved.state());
        assertEquals(Optional.of(new KeyRequest.Decision(ALICE, NOW, null)), approved.decided());
        assertEquals(List.of(ALICE), approved.approvals());
        assertEquals(Optional.of(approved), store.find(id));
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), types(store.eventsOf(id)));
        assertEquals(
                new AuditEvent(id, EventType.APPROVED, ALICE, NOW, null),
                store.eventsOf(id).get(1));
    }

    @Test
    void anApprovalOwesTheMessageUpdateAndAppHome() {
        // given
        long id = requests.submit(draft()).id();

        // when
        requests.approve(id, ALICE);

        // then no review in the thread: one approval is all it takes
        assertEquals(concat(SUBMITTED, Effect.UPDATE_MESSAGE), owed(id));
    }

    // --- refusals ---

    @Test
    void anApproverMayNotApproveTheirOwnRequest() {
        // given an approver who asks for a key
        var own = requests.submit(draft(ALICE, "alice_tool"));

        // when / then
        assertRefusedAndNothingChanged(store, Refusal.Reason.OWN_REQUEST, own, () -> requests.approve(own.id(), ALICE));
    }

    @Test
    void aRequesterMayNotDenyTheirOwnRequest() {
        // given
        var own = requests.submit(draft(BOB, "bob_tool"));

        // when / then
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.OWN_REQUEST, own, () -> requests.deny(own.id(), BOB, "changed my mind"));
    }

    @Test
    void someoneWhoIsNotAnApproverIsRefused() {
        // given
        var request = requests.submit(draft());

        // when / then
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.NOT_AN_APPROVER, request, () -> requests.approve(request.id(), STRANGER));
    }

    /** What someone may try on request {@code id} once it is decided. */
    private interface Move {
        void make(KeyRequests requests, long id);
    }

    static Stream<Arguments> movesOnADecidedRequest() {
        return Stream.of(
                Arguments.of("a second approve", (Move) (r, id) -> r.approve(id, BOB)),
                Arguments.of("the same approver clicking twice", (Move) (r, id) -> r.approve(id, ALICE)),
                Arguments.of("a deny after the approve", (Move) (r, id) -> r.deny(id, BOB, "too late")),
                Arguments.of("cancelling by the requester", (Move) (r, id) -> r.cancel(id, REQUESTER)));
    }

    @ParameterizedTest(name = "{0} is told it is already decided")
    @MethodSource("movesOnADecidedRequest")
    void aDecidedRequestRefusesAnyFurtherMoveAndNothingChanges(String name, Move move) {
        // given
        long id = requests.submit(draft()).id();
        var approved = requests.approve(id, ALICE);

        // when / then
        assertRefusedAndNothingChanged(store, Refusal.Reason.ALREADY_DECIDED, approved, () -> move.make(requests, id));
    }

    @Test
    void anUnknownRequestIsNotFound() {
        // when
        var approve = assertThrows(Refusal.class, () -> requests.approve(42, ALICE));
        var deny = assertThrows(Refusal.class, () -> requests.deny(42, ALICE, "no"));
        var cancel = assertThrows(Refusal.class, () -> requests.cancel(42, REQUESTER));
        var check = assertThrows(Refusal.class, () -> requests.checkMayDecide(42, ALICE));

        // then
        assertEquals(Refusal.Reason.NOT_FOUND, approve.reason());
        assertEquals(Refusal.Reason.NOT_FOUND, deny.reason());
        assertEquals(Refusal.Reason.NOT_FOUND, cancel.reason());
        assertEquals(Refusal.Reason.NOT_FOUND, check.reason());
        assertEquals(Optional.empty(), approve.request());
    }

    @Test
    void denyRecordsWhoDeniedAndWhy() {
        // given
        long id = requests.submit(draft()).id();

        // when
        var denied = requests.deny(id, BOB, "Use the shared billing key instead.");

        // then
        assertEquals(State.DENIED, denied.state());
        assertEquals(
                Optional.of(new KeyRequest.Decision(BOB, NOW, "Use the shared billing key instead.")),
                denied.decided());
        assertEquals(
                new AuditEvent(id, EventType.DENIED, BOB, NOW, "Use the shared billing key instead."),
                store.eventsOf(id).get(1));
    }

    @Test
    void aDenialOwesTheMessageUpdateTheRequestersNoteAndAppHome() {
        // given
        long id = requests.submit(draft()).id();

        // when
        requests.deny(id, BOB, "no");

        // then
        assertEquals(concat(SUBMITTED, Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER), owed(id));
    }

    @Test
    void ofManyConcurrentApprovalsExactlyOneWins() throws Exception {
        // given twenty approvers, all clicking Approve at once
        Set<String> approvers =
                IntStream.rangeClosed(1, 20).mapToObj(i -> "U0APPROVER" + i).collect(Collectors.toSet());
        var racing = new KeyRequests(store, billingNeeding(1, approvers.toArray(String[]::new)), CLOCK);
        long id = racing.submit(draft()).id();
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(approvers.size());
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (String approver : approvers) {
                Callable<String> approve = () -> {
                    start.await();
                    try {
                        return "won by "
                                + racing.approve(id, approver)
                                        .decided()
                                        .orElseThrow()
                                        .by();
                    } catch (Refusal refusal) {
                        return refusal.reason().name();
                    }
                };
                outcomes.add(pool.submit(approve));
            }

            // when
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(10, TimeUnit.SECONDS));
            }

            // then
            var winners = results.stream().filter(r -> r.startsWith("won by ")).toList();
            assertEquals(1, winners.size(), results.toString());
            assertEquals(19, results.stream().filter("ALREADY_DECIDED"::equals).count(), results.toString());
            var stored = store.find(id).orElseThrow();
            assertEquals(State.APPROVED, stored.state());
            assertEquals(
                    winners.get(0), "won by " + stored.decided().orElseThrow().by());
            assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), types(store.eventsOf(id)));
            assertEquals(concat(SUBMITTED, Effect.UPDATE_MESSAGE), owed(id), "only the winning move owes anything");
            assertEquals(1, stored.version());
        } finally {
            pool.shutdownNow();
        }
    }

    // --- several approvals ---

    /** A request taking two approvals, with Alice's counted. */
    private KeyRequest aliceCountedOfTwo() {
        return twoNeeded.approve(twoNeeded.submit(draft()).id(), ALICE);
    }

    @Test
    void withTwoApprovalsRequiredTheFirstIsCountedAndTheSecondApproves() {
        // given
        long id = twoNeeded.submit(draft()).id();

        // when
        var counted = twoNeeded.approve(id, ALICE);

        // then
        assertEquals(State.PENDING, counted.state());
        assertEquals(List.of(ALICE), counted.approvals());
        assertEquals("1 of 2 approvals", counted.progress());
        assertEquals(
                new AuditEvent(id, EventType.APPROVAL, ALICE, NOW, "1 of 2 approvals"),
                store.eventsOf(id).get(1));
        assertEquals(Optional.empty(), store.job(id), "no delivery yet");
        assertEquals(ALICE_COUNTED, owed(id));

        // when
        var approved = twoNeeded.approve(id, BOB);

        // then
        assertEquals(State.APPROVED, approved.state());
        assertEquals(List.of(ALICE, BOB), approved.approvals());
        assertEquals(Optional.of(new KeyRequest.Decision(BOB, NOW, null)), approved.decided());
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVAL, EventType.APPROVED), types(store.eventsOf(id)));
        assertEquals(Optional.of(new InMemoryRequestStore.QueuedJob(id, NOW, 0, null, true)), store.job(id));
        assertEquals(concat(ALICE_COUNTED, Effect.review(BOB), Effect.UPDATE_MESSAGE), owed(id));
    }

    @Test
    void anApproverWhoAlreadyApprovedIsToldSoAndNotCountedTwice() {
        // given
        var counted = aliceCountedOfTwo();

        // when / then
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.ALREADY_APPROVED_BY_YOU, counted, () -> twoNeeded.approve(counted.id(), ALICE));
    }

    @Test
    void oneDenialDeniesWhateverApprovalsCameBefore() {
        // given
        long id = aliceCountedOfTwo().id();

        // when
        var denied = twoNeeded.deny(id, BOB, "not this quarter");

        // then
        assertEquals(State.DENIED, denied.state());
        assertEquals(Optional.of(new KeyRequest.Decision(BOB, NOW, "not this quarter")), denied.decided());
        assertEquals(Optional.empty(), store.job(id));
        assertEquals(concat(ALICE_COUNTED, Effect.review(BOB), Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER), owed(id));
    }

    @Test
    void ofTwoApproversRacingForTheLastApprovalBothCountAndTheRequestIsApprovedOnce() throws Exception {
        // given a request that takes three approvals, one given; two approvers click at once
        var threeNeeded = new KeyRequests(store, billingNeeding(3, ALICE, BOB, STRANGER), CLOCK);
        long id = threeNeeded.submit(draft()).id();
        threeNeeded.approve(id, STRANGER);
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<KeyRequest>> clicks = new ArrayList<>();
            for (String approver : List.of(ALICE, BOB)) {
                clicks.add(pool.submit(() -> {
                    start.await();
                    return threeNeeded.approve(id, approver);
                }));
            }

            // when
            start.countDown();
            for (Future<KeyRequest> click : clicks) {
                click.get(10, TimeUnit.SECONDS);
            }

            // then
            var stored = store.find(id).orElseThrow();
            assertEquals(State.APPROVED, stored.state());
            assertEquals(Set.of(STRANGER, ALICE, BOB), Set.copyOf(stored.approvals()));
            assertEquals(3, stored.approvals().size());
            assertEquals(
                    List.of(EventType.REQUESTED, EventType.APPROVAL, EventType.APPROVAL, EventType.APPROVED),
                    types(store.eventsOf(id)));
            assertEquals("2 of 3 approvals", store.eventsOf(id).get(2).detail());
        } finally {
            pool.shutdownNow();
        }
    }

    // --- cancelling ---

    @Test
    void theRequesterCancelsAWaitingRequest() {
        // given
        long id = requests.submit(draft()).id();

        // when
        var cancelled = requests.cancel(id, REQUESTER);

        // then
        assertEquals(State.CANCELLED, cancelled.state());
        assertEquals(Optional.empty(), cancelled.decided());
        assertEquals(
                new AuditEvent(id, EventType.CANCELLED, REQUESTER, NOW, "cancelled by the requester"),
                store.eventsOf(id).get(1));
        assertEquals(concat(SUBMITTED, Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER), owed(id));
        assertEquals(Optional.empty(), store.job(id));
    }

    @Test
    void onlyTheRequesterMayCancel() {
        // given
        var request = requests.submit(draft());

        // when / then
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.NOT_YOURS, request, () -> requests.cancel(request.id(), ALICE));
    }

    // --- the policy changes under a waiting request ---

    @Test
    void anApproverTakenOffThePolicyMayNoLongerDecideARequestSubmittedBefore() {
        // given a request submitted while Alice approved billing; then she is taken off
        var request = requests.submit(draft());
        var withoutAlice = new KeyRequests(store, billingNeeding(1, BOB), CLOCK);

        // when / then
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.NOT_AN_APPROVER, request, () -> withoutAlice.approve(request.id(), ALICE));
        assertEquals(List.of(), withoutAlice.waitingFor(ALICE, 10));
        assertEquals(
                List.of(request.id()),
                withoutAlice.waitingFor(BOB, 10).stream().map(KeyRequest::id).toList());
    }

    @Test
    void anApproverAddedToThePolicyLaterMayNotDecideARequestSubmittedBefore() {
        // given a request submitted while only Alice and Bob approved billing; then Mallory is added
        var request = requests.submit(draft());
        var withMallory = new KeyRequests(store, billingNeeding(1, ALICE, BOB, STRANGER), CLOCK);

        // when / then
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.NOT_AN_APPROVER, request, () -> withMallory.approve(request.id(), STRANGER));
        assertEquals(List.of(), withMallory.waitingFor(STRANGER, 10));
        assertEquals(State.APPROVED, withMallory.approve(request.id(), ALICE).state());
    }

    @Test
    void waitingForFillsItsLimitWithRequestsTheApproverMayDecide() {
        // given two requests from before Mallory approved billing, then one from after
        requests.submit(draft());
        requests.submit(draft());
        var withMallory = new KeyRequests(store, billingNeeding(1, ALICE, BOB, STRANGER), CLOCK);
        long hers = withMallory.submit(draft()).id();

        // when
        var waiting = withMallory.waitingFor(STRANGER, 1);

        // then the one she may decide, though older ones she may not come first
        assertEquals(List.of(hers), waiting.stream().map(KeyRequest::id).toList());
    }

    // --- history ---

    @Test
    void aRequesterSeesOnlyTheirOwnRequestsNewestFirst() {
        // given
        long first = requests.submit(draft()).id();
        requests.submit(draft(BOB, "bob_tool"));
        long third = requests.submit(draft(REQUESTER, "reports_job")).id();
        requests.approve(first, ALICE);

        // when
        var history = requests.history(REQUESTER, 10);

        // then
        assertEquals(
                List.of(third, first),
                history.stream().map(h -> h.request().id()).toList());
        assertEquals(
                List.of(EventType.REQUESTED, EventType.APPROVED),
                types(history.get(1).events()));
        assertEquals(List.of(EventType.REQUESTED), types(history.get(0).events()));
    }

    @Test
    void anApproverSeesEveryRequestNewestFirst() {
        // given
        requests.submit(draft());
        requests.submit(draft(BOB, "bob_tool"));
        requests.submit(draft(STRANGER, "reports_job"));

        // when
        var history = requests.history(ALICE, 10);

        // then
        assertEquals(
                List.of(3L, 2L, 1L), history.stream().map(h -> h.request().id()).toList());
    }

    @Test
    void historyKeepsToTheLimit() {
        // given
        for (int i = 0; i < 5; i++) {
            requests.submit(draft());
        }

        // when
        var history = requests.history(REQUESTER, 2);

        // then
        assertEquals(
                List.of(5L, 4L), history.stream().map(h -> h.request().id()).toList());
    }

    @Test
    void checkMayDecideChangesNothing() {
        // given
        var request = requests.submit(draft());

        // when
        var checked = requests.checkMayDecide(request.id(), ALICE);

        // then
        assertEquals(request, checked);
        assertEquals(Optional.of(request), store.find(request.id()));
        assertEquals(1, store.allEvents().size());
        assertEquals(SUBMITTED, owed(request.id()));
        assertTrue(BILLING.isApprover(ALICE));
    }

    @Test
    void anApprovalQueuesTheDeliveryAndADenialDoesNot() {
        // given
        long approved = requests.submit(draft()).id();
        long denied = requests.submit(draft()).id();

        // when
        requests.approve(approved, ALICE);
        requests.deny(denied, BOB, "no");

        // then
        assertEquals(
                Optional.of(new InMemoryRequestStore.QueuedJob(approved, NOW, 0, null, true)),
                store.job(approved),
                "the first approval queues the first delivery");
        assertEquals(Optional.empty(), store.job(denied));
    }

    // --- Retry ---

    private long failedRequest() {
        long id = requests.submit(draft()).id();
        var approved = requests.approve(id, ALICE);
        store.deliveries.finish(id);
        store.move(Transition.failed(approved, "Supabase did not answer in time.", NOW))
                .orElseThrow();
        return id;
    }

    @Test
    void anApproverRetriesAFailedRequest() {
        // given
        long id = failedRequest();
        int owedBefore = owed(id).size();

        // when
        var retried = requests.retry(id, BOB);

        // then
        assertEquals(State.APPROVED, retried.state());
        assertEquals(Optional.of(retried), store.find(id));
        assertEquals(Optional.empty(), retried.failureReason());
        assertEquals(Optional.of(new KeyRequest.Decision(ALICE, NOW, null)), retried.decided());
        assertEquals(
                List.of(EventType.REQUESTED, EventType.APPROVED, EventType.FAILED, EventType.RETRIED),
                types(store.eventsOf(id)));
        assertEquals(
                new AuditEvent(id, EventType.RETRIED, BOB, NOW, null),
                store.eventsOf(id).get(3));
        assertEquals(
                Optional.of(new InMemoryRequestStore.QueuedJob(id, NOW, 0, null, false)),
                store.job(id),
                "a retry's delivery may find a key the failed one made");
        assertEquals(
                List.of(Effect.UPDATE_MESSAGE),
                owed(id).subList(owedBefore, owed(id).size()),
                "the message loses its Retry button");
    }

    @Test
    void onlyAnApproverWhoDidNotAskMayRetry() {
        // given
        long id = failedRequest();
        var failed = store.find(id).orElseThrow();

        // when / then
        assertRefusedAndNothingChanged(store, Refusal.Reason.OWN_REQUEST, failed, () -> requests.retry(id, REQUESTER));
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.NOT_AN_APPROVER, failed, () -> requests.retry(id, STRANGER));
        assertEquals(Optional.empty(), store.job(id));
    }

    @Test
    void aSecondRetryHasNothingToRetry() {
        // given
        long id = failedRequest();
        var retried = requests.retry(id, ALICE);

        // when / then
        assertRefusedAndNothingChanged(store, Refusal.Reason.NOTHING_TO_RETRY, retried, () -> requests.retry(id, BOB));
        assertEquals(
                1,
                types(store.eventsOf(id)).stream()
                        .filter(EventType.RETRIED::equals)
                        .count());
    }

    @Test
    void aPendingOrDeniedRequestHasNothingToRetry() {
        // given
        var pending = requests.submit(draft());
        long deniedId = requests.submit(draft()).id();
        var denied = requests.deny(deniedId, ALICE, "no");

        // when / then
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.NOTHING_TO_RETRY, pending, () -> requests.retry(pending.id(), BOB));
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.NOTHING_TO_RETRY, denied, () -> requests.retry(deniedId, BOB));
        assertEquals(
                Refusal.Reason.NOT_FOUND,
                assertThrows(Refusal.class, () -> requests.retry(42, BOB)).reason());
        assertEquals(Optional.empty(), store.job(pending.id()));
    }

    @Test
    void storeIdsCountUpFromOne() {
        // when
        var ids = new HashSet<Long>();
        for (int i = 0; i < 3; i++) {
            ids.add(requests.submit(draft()).id());
        }

        // then
        assertEquals(Set.of(1L, 2L, 3L), ids);
    }
}
