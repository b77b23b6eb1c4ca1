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
import org.junit.jupiter.api.Test;

class KeyRequestsTest {

    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final KeyRequests requests = new KeyRequests(store, POLICY, notifier, CLOCK);

    private static List<EventType> types(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::type).toList();
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
        assertEquals(REQUESTER, request.requester());
        assertEquals("billing", request.projectName());
        assertEquals(REF, request.projectRef());
        assertEquals("billing_worker", request.keyName());
        assertEquals(NOW, request.createdAt());
        assertEquals(Optional.of(request), store.find(1));
        assertEquals(List.of(new AuditEvent(1, EventType.REQUESTED, REQUESTER, NOW, draft.reason())),
                store.eventsOf(1));
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
        assertEquals(List.of(), notifier.posted);
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
        assertEquals(Optional.of(approved), store.find(id));
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), types(store.eventsOf(id)));
        assertEquals(new AuditEvent(id, EventType.APPROVED, ALICE, NOW, null), store.eventsOf(id).get(1));
    }

    @Test
    void anApproverMayNotApproveTheirOwnRequest() {
        // given an approver who asks for a key
        var own = requests.submit(draft(ALICE, "alice_tool"));

        // when
        var refusal = assertThrows(Refusal.class, () -> requests.approve(own.id(), ALICE));

        // then
        assertEquals(Refusal.Reason.OWN_REQUEST, refusal.reason());
        assertEquals(Optional.of(own), store.find(own.id()));
        assertEquals(List.of(EventType.REQUESTED), types(store.eventsOf(own.id())));
    }

    @Test
    void aRequesterMayNotDenyTheirOwnRequest() {
        // given
        var own = requests.submit(draft(BOB, "bob_tool"));

        // when
        var refusal = assertThrows(Refusal.class, () -> requests.deny(own.id(), BOB, "changed my mind"));

        // then
        assertEquals(Refusal.Reason.OWN_REQUEST, refusal.reason());
        assertEquals(Optional.of(own), store.find(own.id()));
    }

    @Test
    void someoneWhoIsNotAnApproverIsRefused() {
        // given
        var request = requests.submit(draft());

        // when
        var refusal = assertThrows(Refusal.class, () -> requests.approve(request.id(), STRANGER));

        // then
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, refusal.reason());
        assertEquals(Optional.of(request), refusal.request());
        assertEquals(Optional.of(request), store.find(request.id()));
        assertEquals(List.of(EventType.REQUESTED), types(store.eventsOf(request.id())));
    }

    @Test
    void secondApproveIsToldItIsAlreadyDecided() {
        // given
        long id = requests.submit(draft()).id();
        var approved = requests.approve(id, ALICE);

        // when
        var refusal = assertThrows(Refusal.class, () -> requests.approve(id, BOB));

        // then
        assertEquals(Refusal.Reason.ALREADY_DECIDED, refusal.reason());
        assertEquals(Optional.of(approved), refusal.request());
        assertEquals(Optional.of(approved), store.find(id));
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), types(store.eventsOf(id)));
    }

    @Test
    void sameApproverClickingTwiceIsToldItIsAlreadyDecided() {
        // given
        long id = requests.submit(draft()).id();
        requests.approve(id, ALICE);

        // when
        var refusal = assertThrows(Refusal.class, () -> requests.approve(id, ALICE));

        // then
        assertEquals(Refusal.Reason.ALREADY_DECIDED, refusal.reason());
        assertEquals(2, store.eventsOf(id).size());
    }

    @Test
    void anUnknownRequestIsNotFound() {
        // when
        var approve = assertThrows(Refusal.class, () -> requests.approve(42, ALICE));
        var deny = assertThrows(Refusal.class, () -> requests.deny(42, ALICE, "no"));

        // then
        assertEquals(Refusal.Reason.NOT_FOUND, approve.reason());
        assertEquals(Refusal.Reason.NOT_FOUND, deny.reason());
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
        assertEquals(Optional.of(new KeyRequest.Decision(BOB, NOW, "Use the shared billing key instead.")),
                denied.decided());
        assertEquals(new AuditEvent(id, EventType.DENIED, BOB, NOW, "Use the shared billing key instead."),
                store.eventsOf(id).get(1));
    }

    @Test
    void denyAfterApproveIsToldItIsAlreadyDecided() {
        // given
        long id = requests.submit(draft()).id();
        var approved = requests.approve(id, ALICE);

        // when
        var refusal = assertThrows(Refusal.class, () -> requests.deny(id, BOB, "too late"));

        // then
        assertEquals(Refusal.Reason.ALREADY_DECIDED, refusal.reason());
        assertEquals(Optional.of(approved), store.find(id));
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), types(store.eventsOf(id)));
    }

    @Test
    void ofManyConcurrentApprovalsExactlyOneWins() throws Exception {
        // given twenty approvers, all clicking Approve at once
        Set<String> approvers = IntStream.rangeClosed(1, 20).mapToObj(i -> "U0APPROVER" + i)
                .collect(Collectors.toSet());
        var policy = new Policy(List.of(new Project("billing", REF, approvers, 1)));
        var racing = new KeyRequests(store, policy, notifier, CLOCK);
        long id = racing.submit(draft()).id();
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(approvers.size());
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (String approver : approvers) {
                Callable<String> approve = () -> {
                    start.await();
                    try {
                        return "won by " + racing.approve(id, approver).decided().orElseThrow().by();
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
            assertEquals(winners.get(0), "won by " + stored.decided().orElseThrow().by());
            assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), types(store.eventsOf(id)));
        } finally {
            pool.shutdownNow();
        }
    }

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
        assertEquals(List.of(third, first), history.stream().map(h -> h.request().id()).toList());
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), types(history.get(1).events()));
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
        assertEquals(List.of(3L, 2L, 1L), history.stream().map(h -> h.request().id()).toList());
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
        assertEquals(List.of(5L, 4L), history.stream().map(h -> h.request().id()).toList());
    }

    @Test
    void announcePostsForApprovalRemembersTheMessageAndTellsTheRequester() {
        // given
        var request = requests.submit(draft());

        // when
        requests.announce(request);

        // then
        assertEquals(List.of(request), notifier.posted);
        assertEquals(Optional.of(RecordingNotifier.MESSAGE), store.find(request.id()).orElseThrow().message());
        assertEquals(List.of(store.find(request.id()).orElseThrow()), notifier.told,
                "the requester is told about the request as posted");
    }

    @Test
    void requesterIsToldAboutARequestThatCouldNotBePosted() {
        // given
        var request = requests.submit(draft());
        notifier.failPosting();
        // when
        requests.announce(request);
        // then
        assertTrue(notifier.told.get(0).message().isEmpty());
    }

    @Test
    void announceApprovalShowsTheApprovalWhileTheRequestIsWhereItLeftIt() {
        // given
        long id = requests.submit(draft()).id();
        var approved = requests.approve(id, ALICE);

        // when
        requests.announceApproval(approved, ALICE);

        // then
        assertEquals(List.of(approved), notifier.refreshed);
    }

    @Test
    void announceApprovalLeavesTheMessageToADeliveryThatMovedOn() {
        // given a delivery that created the key before the approval was announced
        long id = requests.submit(draft()).id();
        var approved = requests.approve(id, ALICE);
        store.move(id, Transition.keyCreated(new KeyRequest.IssuedKey("key-1", "sha", "sb_secret_ab…"), NOW));

        // when
        requests.announceApproval(approved, ALICE);

        // then no update that would show the request as still waiting for its key
        assertEquals(List.of(), notifier.refreshed);
    }

    @Test
    void announceApprovalCatchesUpWithADeliveryThatMovedOnDuringItsUpdate() {
        // given a delivery that creates the key while the approval's update is under way
        long id = requests.submit(draft()).id();
        var approved = requests.approve(id, ALICE);
        notifier.duringNextRefresh(() -> store.move(id, Transition.keyCreated(
                new KeyRequest.IssuedKey("key-1", "sha", "sb_secret_ab…"), NOW)));

        // when
        requests.announceApproval(approved, ALICE);

        // then the last update shows where the request is now
        assertEquals(List.of(State.APPROVED, State.KEY_CREATED),
                notifier.refreshed.stream().map(KeyRequest::state).toList());
    }

    @Test
    void announceDenialRefreshesTheMessageAndTellsTheRequester() {
        // given
        long id = requests.submit(draft()).id();
        var denied = requests.deny(id, ALICE, "no");

        // when
        requests.announceDenial(denied);

        // then
        assertEquals(List.of(denied), notifier.refreshed);
        assertEquals(List.of(denied), notifier.told);
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
        assertEquals(Optional.of(new InMemoryRequestStore.QueuedJob(approved, NOW, 0, null, true)),
                store.job(approved), "the first approval queues the first delivery");
        assertEquals(Optional.empty(), store.job(denied));
    }

    private long failedRequest() {
        long id = requests.submit(draft()).id();
        requests.approve(id, ALICE);
        store.finish(id);
        store.move(id, Transition.failed(State.APPROVED, "Supabase did not answer in time.", NOW)).orElseThrow();
        return id;
    }

    @Test
    void anApproverRetriesAFailedRequest() {
        // given
        long id = failedRequest();

        // when
        var retried = requests.retry(id, BOB);

        // then
        assertEquals(State.APPROVED, retried.state());
        assertEquals(Optional.of(retried), store.find(id));
        assertEquals(Optional.empty(), retried.failureReason());
        assertEquals(Optional.of(new KeyRequest.Decision(ALICE, NOW, null)), retried.decided());
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED, EventType.FAILED, EventType.RETRIED),
                types(store.eventsOf(id)));
        assertEquals(new AuditEvent(id, EventType.RETRIED, BOB, NOW, null), store.eventsOf(id).get(3));
        assertEquals(Optional.of(new InMemoryRequestStore.QueuedJob(id, NOW, 0, null, false)), store.job(id),
                "a retry's delivery may find a key the failed one made");
    }

    @Test
    void onlyAnApproverWhoDidNotAskMayRetry() {
        // given
        long id = failedRequest();
        var failed = store.find(id).orElseThrow();

        // when
        var own = assertThrows(Refusal.class, () -> requests.retry(id, REQUESTER));
        var stranger = assertThrows(Refusal.class, () -> requests.retry(id, STRANGER));

        // then
        assertEquals(Refusal.Reason.OWN_REQUEST, own.reason());
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, stranger.reason());
        assertEquals(Optional.of(failed), store.find(id));
        assertEquals(Optional.empty(), store.job(id));
    }

    @Test
    void aSecondRetryHasNothingToRetry() {
        // given
        long id = failedRequest();
        var retried = requests.retry(id, ALICE);

        // when
        var refusal = assertThrows(Refusal.class, () -> requests.retry(id, BOB));

        // then
        assertEquals(Refusal.Reason.NOTHING_TO_RETRY, refusal.reason());
        assertEquals(Optional.of(retried), refusal.request());
        assertEquals(1, types(store.eventsOf(id)).stream().filter(EventType.RETRIED::equals).count());
    }

    @Test
    void aPendingOrDeniedRequestHasNothingToRetry() {
        // given
        var pending = requests.submit(draft());
        long deniedId = requests.submit(draft()).id();
        var denied = requests.deny(deniedId, ALICE, "no");

        // when
        var onPending = assertThrows(Refusal.class, () -> requests.retry(pending.id(), BOB));
        var onDenied = assertThrows(Refusal.class, () -> requests.retry(deniedId, BOB));
        var onUnknown = assertThrows(Refusal.class, () -> requests.retry(42, BOB));

        // then
        assertEquals(Refusal.Reason.NOTHING_TO_RETRY, onPending.reason());
        assertEquals(Refusal.Reason.NOTHING_TO_RETRY, onDenied.reason());
        assertEquals(Refusal.Reason.NOT_FOUND, onUnknown.reason());
        assertEquals(Optional.of(pending), store.find(pending.id()));
        assertEquals(Optional.of(denied), store.find(deniedId));
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
