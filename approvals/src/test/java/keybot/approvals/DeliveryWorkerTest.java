package keybot.approvals;

import static keybot.approvals.Fixtures.ALICE;
import static keybot.approvals.Fixtures.BOB;
import static keybot.approvals.Fixtures.NOW;
import static keybot.approvals.Fixtures.POLICY;
import static keybot.approvals.Fixtures.REF;
import static keybot.approvals.Fixtures.REQUESTER;
import static keybot.approvals.Fixtures.draft;
import static keybot.approvals.Refusals.assertRefusedAndNothingChanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryWorkerTest {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration CAP = Duration.ofMinutes(1);
    private static final String MARKER = "keybot request #1 by ";
    private static final String DESCRIPTION = MARKER + REQUESTER + ", approved by " + ALICE + ": nightly job";
    /** Supabase down for now, saying so. */
    private static final IssueFailure DOWN = new IssueFailure(IssueFailure.Kind.UNAVAILABLE, "HTTP 503");

    private final MutableClock clock = new MutableClock(NOW);
    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(1), CAP, LEASE, () -> 1.0);
    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final FakeKeyIssuer issuer = new FakeKeyIssuer();
    private final KeyRequests requests = new KeyRequests(store, POLICY, clock);
    private final DeliveryWorker worker = new DeliveryWorker(store, store.deliveries, issuer, notifier, retry, clock);

    /**
     * A request approved by Alice, whose submission and approval were already announced: what it is found to owe
     * people later, the delivery owes.
     */
    private long approvedRequest() {
        long id = requests.submit(draft()).id();
        requests.approve(id, ALICE);
        store.effectsOf(id).forEach(e -> store.effects.done(e.id()));
        return id;
    }

    /** A replica claimed the job and died; the clock is moved to when its lease has run out. */
    private void claimedByAReplicaThatDied() {
        store.deliveries.claim(clock.instant(), clock.instant().plus(LEASE)).orElseThrow();
        clock.advance(LEASE);
    }

    /** Moves the request on as a replica that died after the move would have, and returns it as moved. */
    private KeyRequest moved(long id, Function<KeyRequest, Transition> move) {
        return store.move(move.apply(request(id))).orElseThrow();
    }

    private KeyRequest keyCreated(long id, KeyRequest.IssuedKey key) {
        return moved(id, r -> Transition.keyCreated(r, key, NOW));
    }

    /** Supabase makes the request's key and the store records it: where a run that died before sending it stopped. */
    private void keyMadeAndRecorded(long id) {
        var created = issuer.create(REF, "billing_worker", DESCRIPTION);
        keyCreated(id, created.secret().identify(created.id()));
    }

    /** Records key-9 for the request, a key Supabase no longer has: deleted there before it could be sent. */
    private void goneKeyRecorded(long id) {
        keyCreated(id, new Secret(FakeKeyIssuer.SECRET).identify("key-9"));
    }

    /** A request approved by Alice and delivered. */
    private long deliveredRequest() {
        long id = approvedRequest();
        worker.runOne();
        return id;
    }

    /** A request whose delivery failed because the key it recorded was gone at Supabase. */
    private long failedOnAGoneKey() {
        long id = approvedRequest();
        goneKeyRecorded(id);
        worker.runOne();
        assertEquals(State.FAILED, request(id).state());
        return id;
    }

    /** A request approved by Alice whose first delivery made its key but never had Supabase's answer: {@code failure}. */
    private long keyMadeButAnswerLost(IssueFailure failure) {
        long id = approvedRequest();
        issuer.loseNextCreateAnswers(failure);
        worker.runOne();
        return id;
    }

    /** A request approved by Alice that failed at once: Supabase does not permit keybot to create its key. */
    private long failedRequest() {
        long id = approvedRequest();
        issuer.failNextCreates(new IssueFailure(IssueFailure.Kind.NOT_PERMITTED, ""));
        worker.runOne();
        return id;
    }

    private void assertOwed(long id, String why, Effect... effects) {
        assertEquals(List.of(effects), owed(id), why);
    }

    /** What the request owes people and has not been done yet, oldest first. */
    private List<Effect> owed(long id) {
        return store.effectsOf(id).stream()
                .map(InMemoryRequestStore.QueuedEffect::effect)
                .toList();
    }

    private KeyRequest request(long id) {
        return store.find(id).orElseThrow();
    }

    private InMemoryRequestStore.QueuedJob job(long id) {
        return store.job(id).orElseThrow(() -> new AssertionError("no job queued for request " + id));
    }

    private List<EventType> eventTypes(long id) {
        return store.eventsOf(id).stream().map(AuditEvent::type).toList();
    }

    private String holdUp(long id) {
        return request(id).holdUp().orElseThrow(() -> new AssertionError("no problem noted on " + request(id)));
    }

    /** Moves the clock to when the request's job is due and runs the worker once. */
    private void runWhenDue(long id) {
        clock.set(job(id).due());
        assertTrue(worker.runOne(), "the job of request " + id + " should have been due");
    }

    /**
     * The delivery waits to try again: the request still {@code state}, nothing sent, and its hold-up, mentioning
     * each of {@code mentions}, shown to the approvers.
     */
    private void assertHeldUp(long id, State state, String... mentions) {
        assertEquals(state, request(id).state());
        for (String mention : mentions) {
            assertTrue(holdUp(id).contains(mention), holdUp(id));
        }
        assertEquals(List.of(), notifier.deliveredSecrets);
        assertOwed(id, "the hold-up is shown, the requester not told", Effect.UPDATE_MESSAGE);
    }

    /** The request is delivered: the first key's secret sent once, no hold-up shown, and its job finished. */
    /** Delivered, after {@code creates} calls to create a key in all. */
    private void assertDelivered(long id, int creates) {
        assertDelivered(id);
        assertEquals(creates, issuer.creates(), "calls to create a key");
    }

    private void assertDelivered(long id) {
        assertEquals(State.DELIVERED, request(id).state());
        assertEquals(Optional.empty(), request(id).holdUp());
        assertEquals(List.of(FakeKeyIssuer.SECRET), notifier.deliveredSecrets);
        assertEquals(Optional.empty(), store.job(id));
    }

    private static String sha256Hex(String s) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    // --- the happy path ---

    @Test
    void approvingQueuesAJobDueAtOnce() {
        // when
        long id = approvedRequest();

        // then
        assertEquals(new InMemoryRequestStore.QueuedJob(id, NOW, 0, null, true), job(id));
        assertEquals(0, issuer.creates(), "approving does not create the key itself");
    }

    @Test
    void anApprovedRequestGetsOneKeySentOnce() throws Exception {
        // given
        long id = approvedRequest();

        // when
        boolean worked = worker.runOne();

        // then
        assertTrue(worked);
        assertDelivered(id, 1);
        assertEquals(List.of(DESCRIPTION), issuer.descriptions);
        assertEquals(State.KEY_CREATED, notifier.deliveredTo.get(0).state());
        assertOwed(
                id,
                "the message shows the delivery; the requester has the key itself, and no other word",
                Effect.UPDATE_MESSAGE);
        assertEquals(Optional.empty(), request(id).failureReason());
    }

    @Test
    void aFirstDeliveryCreatesTheKeyWithoutListingTheProjectsKeys() {
        // given
        long id = approvedRequest();

        // when
        worker.runOne();

        // then
        assertDelivered(id);
        assertEquals(List.of(), issuer.lookedUp, "no earlier run can have made a key");
        assertEquals(1, issuer.creates());
    }

    @Test
    void theStoredKeyIsItsIdFingerprintAndHint() throws Exception {
        // given
        long id = approvedRequest();

        // when
        worker.runOne();

        // then
        var key = request(id).issuedKey().orElseThrow();
        assertEquals(new KeyRequest.IssuedKey("key-1", sha256Hex(FakeKeyIssuer.SECRET), "AbCdEf"), key);
        assertEquals(64, key.fingerprint().length());
    }

    @Test
    void keyCreatedThenDeliveredAreAudited() throws Exception {
        // given
        long id = approvedRequest();

        // when
        worker.runOne();

        // then
        var events = store.eventsOf(id);
        assertEquals(
                List.of(EventType.REQUESTED, EventType.APPROVED, EventType.KEY_CREATED, EventType.DELIVERED),
                eventTypes(id));
        assertEquals(
                new AuditEvent(
                        id,
                        EventType.KEY_CREATED,
                        Actors.KEYBOT,
                        NOW,
                        "key key-1, sha256 " + sha256Hex(FakeKeyIssuer.SECRET)),
                events.get(2));
        assertEquals(
                new AuditEvent(id, EventType.DELIVERED, Actors.KEYBOT, NOW, "sent by direct message to " + REQUESTER),
                events.get(3));
    }

    @Test
    void aFinishedJobIsNotRunAgain() {
        // given
        long id = deliveredRequest();
        var owedBefore = owed(id);

        // when
        boolean again = worker.runOne();

        // then
        assertFalse(again);
        assertEquals(1, issuer.creates());
        assertEquals(1, notifier.deliveredSecrets.size());
        assertEquals(owedBefore, owed(id));
    }

    // --- the queue ---

    @Test
    void withNothingDueTheWorkerDoesNothing() {
        // given a pending request and a denied one: neither owes a delivery
        long pending = requests.submit(draft()).id();
        long denied = requests.submit(draft()).id();
        requests.deny(denied, ALICE, "no");

        // when
        boolean worked = worker.runOne();

        // then
        assertFalse(worked);
        assertEquals(Optional.empty(), store.job(pending));
        assertEquals(Optional.empty(), store.job(denied));
        assertEquals(0, issuer.creates());
    }

    @Test
    void aJobIsNotClaimedBeforeItIsDue() {
        // given
        long id = approvedRequest();
        store.deliveries.retryAt(id, NOW.plusSeconds(10), null, List.of());

        // when
        var early =
                store.deliveries.claim(NOW.plusSeconds(9), NOW.plusSeconds(9).plus(LEASE));
        var onTime =
                store.deliveries.claim(NOW.plusSeconds(10), NOW.plusSeconds(10).plus(LEASE));

        // then
        assertEquals(Optional.empty(), early);
        assertEquals(Optional.of(new DeliveryQueue.Job(id, 1, false)), onTime, "a released job is never untried again");
    }

    @Test
    void aLeasedJobIsNotClaimedAgainUntilTheLeaseEnds() {
        // given
        long id = approvedRequest();
        Instant leaseEnd = NOW.plus(LEASE);

        // when
        var first = store.deliveries.claim(NOW, leaseEnd);
        var second = store.deliveries.claim(NOW, leaseEnd);
        var justBefore = store.deliveries.claim(leaseEnd.minusMillis(1), leaseEnd.plus(LEASE));
        var after = store.deliveries.claim(leaseEnd, leaseEnd.plus(LEASE));

        // then
        assertEquals(Optional.of(new DeliveryQueue.Job(id, 1, true)), first);
        assertEquals(Optional.empty(), second);
        assertEquals(Optional.empty(), justBefore);
        assertEquals(
                Optional.of(new DeliveryQueue.Job(id, 2, false)),
                after,
                "each claim counts as an attempt, and the dead replica may have made the key");
    }

    @Test
    void theJobDueLongestIsClaimedFirst() {
        // given two approved requests, the first pushed back
        long first = approvedRequest();
        long second = approvedRequest();
        store.deliveries.retryAt(first, NOW.plusSeconds(5), null, List.of());
        Instant later = NOW.plusSeconds(10);

        // when
        var a = store.deliveries.claim(later, later.plus(LEASE));
        var b = store.deliveries.claim(later, later.plus(LEASE));
        var c = store.deliveries.claim(later, later.plus(LEASE));

        // then
        assertEquals(Optional.of(new DeliveryQueue.Job(second, 1, true)), a);
        assertEquals(Optional.of(new DeliveryQueue.Job(first, 1, false)), b);
        assertEquals(Optional.empty(), c);
    }

    @Test
    void theJobOfAReplicaThatDiedIsTakenOverWhenItsLeaseEnds() {
        // given a replica claimed the job and died before doing anything
        long id = approvedRequest();
        store.deliveries.claim(NOW, NOW.plus(LEASE)).orElseThrow();

        // when
        boolean whileLeased = worker.runOne();
        clock.advance(LEASE);
        boolean afterLease = worker.runOne();

        // then
        assertFalse(whileLeased);
        assertTrue(afterLease);
        assertDelivered(id);
        assertEquals(List.of(MARKER), issuer.lookedUp, "the dead replica may have made the key");
        assertEquals(1, issuer.creates());
    }

    // --- resuming after a crash ---

    @Test
    void aKeyCreatedButNeverRecordedIsFoundNotCreatedAgain() {
        // given the process died right after Supabase created the key, and its lease ran out
        long id = approvedRequest();
        claimedByAReplicaThatDied();
        issuer.create(REF, "billing_worker", DESCRIPTION);

        // when
        worker.runOne();

        // then
        assertEquals(List.of(MARKER), issuer.lookedUp);
        assertEquals(1, issuer.creates(), "no second key");
        assertEquals(1, issuer.keys().size());
        assertDelivered(id);
        assertEquals("key-1", request(id).issuedKey().orElseThrow().id());
        assertEquals(
                new Secret(FakeKeyIssuer.SECRET).identify("key-1"),
                request(id).issuedKey().orElseThrow());
    }

    @Test
    void aKeyOfAnotherRequestIsNotMistakenForTheOneOwed() {
        // given a key made for request #11, whose marker starts like request #1's, and a resumed delivery of #1
        long id = approvedRequest();
        claimedByAReplicaThatDied();
        issuer.create(REF, "other_tool", "keybot request #11 by U0DAVE, approved by " + BOB);

        // when
        worker.runOne();

        // then
        assertEquals(List.of(MARKER), issuer.lookedUp);
        assertEquals(2, issuer.creates());
        assertEquals("key-2", request(id).issuedKey().orElseThrow().id());
        assertEquals(List.of(FakeKeyIssuer.secretOf(2)), notifier.deliveredSecrets);
    }

    @Test
    void aKeyRecordedButNeverSentIsReadAgainAndSentOnce() {
        // given the process died after recording the key, before the direct message
        long id = approvedRequest();
        keyMadeAndRecorded(id);

        // when
        worker.runOne();

        // then
        assertDelivered(id);
        assertEquals(List.of("key-1"), issuer.revealed);
        assertEquals(1, issuer.creates());
        assertEquals(
                List.of(EventType.REQUESTED, EventType.APPROVED, EventType.KEY_CREATED, EventType.DELIVERED),
                eventTypes(id));
    }

    @Test
    void aKeySentButWhoseJobWasNotFinishedIsNotSentAgain() {
        // given the process died after the direct message and its move, before finishing the job
        long id = approvedRequest();
        keyMadeAndRecorded(id);
        var delivered = moved(id, r -> Transition.delivered(r, NOW));

        // when
        boolean worked = worker.runOne();

        // then
        assertTrue(worked);
        assertEquals(1, issuer.creates());
        assertEquals(List.of(), issuer.revealed);
        assertEquals(List.of(), notifier.deliveredSecrets);
        assertEquals(Optional.empty(), store.job(id));
        assertEquals(4, store.eventsOf(id).size());
        assertEquals(Optional.of(delivered), store.find(id));
        assertOwed(
                id,
                "the message update the delivery owes was written with its move, and only once",
                Effect.UPDATE_MESSAGE);
    }

    @Test
    void aSecretThatCannotBeReadForNowIsReadAgainLater() {
        // given a recorded key whose secret Supabase will not hand out on the first try
        long id = approvedRequest();
        keyMadeAndRecorded(id);
        issuer.failNextReveals(new IssueFailure(IssueFailure.Kind.TIMEOUT, ""));

        // when
        worker.runOne();

        // then
        assertHeldUp(id, State.KEY_CREATED, "in time");
        assertEquals(NOW.plusSeconds(1), job(id).due());

        // when
        runWhenDue(id);

        // then
        assertDelivered(id);
        assertEquals(List.of("key-1", "key-1"), issuer.revealed);
        assertEquals(1, issuer.creates());
    }

    @Test
    void aKeyThatExistsIsNeverGivenUpOnHoweverManyAttemptsItTakes() {
        // given a recorded key whose secret Supabase keeps failing to hand out, past the attempt limit
        long id = approvedRequest();
        keyMadeAndRecorded(id);
        issuer.failNextReveals(DOWN, DOWN, DOWN, DOWN, DOWN);

        // when
        for (int attempt = 1; attempt <= 5; attempt++) {
            runWhenDue(id);
        }

        // then it still waits with its key, and the next attempt delivers
        assertEquals(State.KEY_CREATED, request(id).state());
        runWhenDue(id);
        assertDelivered(id, 1);
    }

    @Test
    void aRecordedKeyThatIsGoneFailsTheRequest() {
        // given the recorded key was deleted in Supabase before it could be sent
        long id = approvedRequest();
        goneKeyRecorded(id);

        // when
        worker.runOne();

        // then
        assertEquals(State.FAILED, request(id).state());
        assertEquals(List.of("key-9"), issuer.revealed);
        assertEquals(List.of(), notifier.deliveredSecrets);
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER), owed(id));
        assertEquals(Optional.empty(), store.job(id));
    }

    // --- Supabase trouble ---

    @Test
    void aRateLimitWaitsAsLongAsSupabaseAsksThenDelivers() {
        // given
        long id = approvedRequest();
        issuer.failNextCreates(
                new IssueFailure(IssueFailure.Kind.RATE_LIMITED, "", Optional.of(Duration.ofSeconds(30))));

        // when
        worker.runOne();

        // then it waits, with the approvers told why
        assertHeldUp(id, State.APPROVED, "rate-limiting", "try again by itself");
        assertEquals(new InMemoryRequestStore.QueuedJob(id, NOW.plusSeconds(30), 1, null, false), job(id));
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), eventTypes(id));

        // when
        clock.set(NOW.plusSeconds(29));
        boolean tooEarly = worker.runOne();
        clock.set(NOW.plusSeconds(30));
        boolean onTime = worker.runOne();

        // then
        assertFalse(tooEarly);
        assertTrue(onTime);
        assertDelivered(id, 2);
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.UPDATE_MESSAGE), owed(id));
    }

    @Test
    void aCreateThatTimedOutMayHaveMadeTheKeySoTheNextAttemptLooksFirst() {
        // given Supabase made the key but its answer never arrived
        long id = keyMadeButAnswerLost(new IssueFailure(IssueFailure.Kind.TIMEOUT, ""));
        assertEquals(State.APPROVED, request(id).state());

        // when
        runWhenDue(id);

        // then
        assertEquals(List.of(MARKER), issuer.lookedUp, "only the second attempt looks");
        assertEquals(1, issuer.creates(), "no second key");
        assertEquals(1, issuer.keys().size());
        assertEquals("key-1", request(id).issuedKey().orElseThrow().id());
        assertDelivered(id);
    }

    @Test
    void withoutAHintTheWaitBacksOffExponentially() {
        // given
        long id = approvedRequest();
        issuer.failNextCreates(DOWN, new IssueFailure(IssueFailure.Kind.TIMEOUT, ""));

        // when
        worker.runOne();
        Instant firstDue = job(id).due();
        runWhenDue(id);
        Instant secondDue = job(id).due();
        runWhenDue(id);

        // then
        assertEquals(NOW.plusSeconds(1), firstDue);
        assertEquals(firstDue.plusSeconds(2), secondDue);
        assertDelivered(id, 3);
    }

    @Test
    void aHoldUpThatChangesIsShownAgainAndOneThatRecursIsNot() {
        // given Supabase rate-limits, then is down twice in the same way
        var retryMore = new RetryPolicy(6, Duration.ofSeconds(1), CAP, LEASE, () -> 1.0);
        var patient = new DeliveryWorker(store, store.deliveries, issuer, notifier, retryMore, clock);
        long id = approvedRequest();
        issuer.failNextCreates(new IssueFailure(IssueFailure.Kind.RATE_LIMITED, ""), DOWN, DOWN);

        // when
        patient.runOne();
        String rateLimited = holdUp(id);
        clock.set(job(id).due());
        patient.runOne();
        String down = holdUp(id);
        clock.set(job(id).due());
        patient.runOne();

        // then
        assertTrue(rateLimited.contains("rate-limiting"), rateLimited);
        assertTrue(down.contains("HTTP 503"), down);
        assertEquals(down, holdUp(id));
        assertOwed(
                id,
                "one update for each new hold-up, none for the same one again",
                Effect.UPDATE_MESSAGE,
                Effect.UPDATE_MESSAGE);
    }

    @Test
    void aJobWhoseRequestIsNoLongerDeliveringIsFinishedWithNothingMoreOwed() {
        // given a job still queued for a request another replica has failed meanwhile
        long id = approvedRequest();
        moved(id, r -> Transition.failed(r, "Supabase did not answer in time.", NOW));
        var owedBefore = owed(id);

        // when
        boolean worked = worker.runOne();

        // then
        assertTrue(worked);
        assertEquals(Optional.empty(), store.job(id));
        assertEquals(0, issuer.creates());
        assertEquals(owedBefore, owed(id));
        assertEquals(State.FAILED, request(id).state());
    }

    @Test
    void afterTheLastAttemptTheRequestFailsSayingSoAndOfferingRetry() {
        // given Supabase is down for longer than keybot keeps trying
        long id = approvedRequest();
        issuer.failNextCreates(DOWN, DOWN, DOWN);

        // when
        worker.runOne();
        runWhenDue(id);
        runWhenDue(id);

        // then
        var failed = request(id);
        assertEquals(State.FAILED, failed.state());
        String text = failed.failureReason().orElseThrow();
        assertTrue(text.contains("tried 3 times"), text);
        assertTrue(text.contains("Retry"), text);
        assertTrue(text.contains("HTTP 503"), text);
        assertEquals(Optional.empty(), failed.holdUp());
        assertEquals(3, issuer.creates());
        assertOwed(
                id,
                "the same hold-up is shown once; then the failure, to everyone",
                Effect.UPDATE_MESSAGE,
                Effect.UPDATE_MESSAGE,
                Effect.TELL_REQUESTER);
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED, EventType.FAILED), eventTypes(id));
        assertEquals(
                new AuditEvent(id, EventType.FAILED, Actors.KEYBOT, clock.instant(), text),
                store.eventsOf(id).get(2));
        assertEquals(Optional.empty(), store.job(id));
        assertFalse(worker.runOne());
    }

    @ParameterizedTest
    @MethodSource("keybot.approvals.FailureMentions#refusals")
    void aRefusalFailsTheRequestAtOnceInPlainWords(IssueFailure.Kind kind, String said, List<String> mentions) {
        // given
        long id = approvedRequest();
        issuer.failNextCreates(new IssueFailure(kind, said));

        // when
        worker.runOne();

        // then
        var failed = request(id);
        assertEquals(State.FAILED, failed.state());
        String text = failed.failureReason().orElseThrow();
        mentions.forEach(m -> assertTrue(text.contains(m), () -> "\"" + text + "\" should mention " + m));
        assertFalse(text.contains(kind.name()), text);
        assertFalse(text.contains("tried"), text);
        assertEquals(Optional.empty(), failed.issuedKey());
        assertEquals(1, issuer.creates(), "a refusal is not retried");
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED, EventType.FAILED), eventTypes(id));
        assertEquals(
                new AuditEvent(id, EventType.FAILED, Actors.KEYBOT, NOW, text),
                store.eventsOf(id).get(2));
        assertEquals(List.of(Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER), owed(id));
        assertEquals(List.of(), notifier.deliveredSecrets);
        assertEquals(Optional.empty(), store.job(id));
    }

    @Test
    void anUnexpectedErrorIsRetriedWithoutShowingItsDetail() {
        // given
        long id = approvedRequest();
        issuer.failWith(new IllegalStateException("boom at /internal/path"));

        // when
        worker.runOne();

        // then
        assertHeldUp(id, State.APPROVED, "IllegalStateException");
        assertFalse(holdUp(id).contains("/internal/path"), holdUp(id));
        assertEquals(NOW.plusSeconds(1), job(id).due());

        // when it goes away
        issuer.failWith(null);
        runWhenDue(id);

        // then
        assertDelivered(id);
    }

    // --- Slack trouble ---

    @Test
    void aDirectMessageThatFailsForNowIsSentLaterWithTheSameKey() {
        // given
        long id = approvedRequest();
        notifier.failNextDeliveries(
                new Notifier.DeliveryFailure("ratelimited", Optional.of(Duration.ofSeconds(20)), false), 1);

        // when
        worker.runOne();

        // then it waits with the key created, never failing
        assertHeldUp(id, State.KEY_CREATED, "ratelimited", "try again by itself");
        assertEquals(new InMemoryRequestStore.QueuedJob(id, NOW.plusSeconds(20), 1, null, false), job(id));

        // when
        runWhenDue(id);

        // then
        assertDelivered(id);
        assertEquals(1, issuer.creates(), "no second key");
        assertEquals(List.of("key-1"), issuer.revealed, "the secret is read again, never stored");
        assertEquals(
                List.of(EventType.REQUESTED, EventType.APPROVED, EventType.KEY_CREATED, EventType.DELIVERED),
                eventTypes(id));
        assertOwed(id, "no word to the requester but the key", Effect.UPDATE_MESSAGE, Effect.UPDATE_MESSAGE);
    }

    @Test
    void aDirectMessageSlackRefusesIsRetriedEveryCapNeverFailing() {
        // given Slack refuses for longer than keybot's attempts at a key
        long id = approvedRequest();
        notifier.failNextDeliveries(new Notifier.DeliveryFailure("account_inactive", Optional.empty(), true), 5);

        for (int attempt = 1; attempt <= 5; attempt++) {
            // when
            Instant at = clock.instant();
            assertTrue(worker.runOne());

            // then
            assertEquals(State.KEY_CREATED, request(id).state(), "attempt " + attempt);
            assertEquals(at.plus(CAP), job(id).due(), "attempt " + attempt);
            assertTrue(holdUp(id).contains("account_inactive"), holdUp(id));
            assertTrue(holdUp(id).contains("admin"), holdUp(id));
            clock.set(at.plus(CAP).minusSeconds(1));
            assertFalse(worker.runOne(), "not before the cap has passed");
            clock.set(at.plus(CAP));
        }

        // when Slack lets it through
        worker.runOne();

        // then
        assertDelivered(id, 1);
        assertFalse(eventTypes(id).contains(EventType.FAILED));
        assertOwed(
                id,
                "the same hold-up is shown once, however often it recurs; the requester is not told",
                Effect.UPDATE_MESSAGE,
                Effect.UPDATE_MESSAGE);
    }

    // --- Retry ---

    @Test
    void anApproverRetriesAFailedRequestAndItIsDelivered() {
        // given
        long id = failedRequest();
        assertEquals(State.FAILED, request(id).state());
        clock.advance(Duration.ofMinutes(10));

        // when
        var retried = requests.retry(id, BOB);

        // then
        assertEquals(State.APPROVED, retried.state());
        assertEquals(Optional.empty(), retried.failureReason());
        assertEquals(
                Optional.of(new KeyRequest.Decision(ALICE, NOW, null)),
                retried.decided(),
                "the original approval stands");
        assertEquals(
                new AuditEvent(id, EventType.RETRIED, BOB, clock.instant(), null),
                store.eventsOf(id).get(store.eventsOf(id).size() - 1));
        assertEquals(new InMemoryRequestStore.QueuedJob(id, clock.instant(), 0, null, false), job(id));

        // when
        worker.runOne();

        // then
        assertDelivered(id);
        assertEquals(
                List.of(
                        EventType.REQUESTED,
                        EventType.APPROVED,
                        EventType.FAILED,
                        EventType.RETRIED,
                        EventType.KEY_CREATED,
                        EventType.DELIVERED),
                eventTypes(id));
        assertEquals(List.of(DESCRIPTION, DESCRIPTION), issuer.descriptions);
    }

    @Test
    void aRetryFindsTheKeyTheFailedRunMadeAndMakesNoSecond() {
        // given Supabase made the key but keybot could not read its answer, so the request failed
        long id = keyMadeButAnswerLost(new IssueFailure(IssueFailure.Kind.BAD_RESPONSE, "unexpected field"));
        assertEquals(State.FAILED, request(id).state());
        assertEquals(List.of(), issuer.lookedUp);

        // when
        requests.retry(id, BOB);
        worker.runOne();

        // then
        assertEquals(List.of(MARKER), issuer.lookedUp, "the retried delivery looks first");
        assertEquals(1, issuer.creates(), "no second key");
        assertEquals(1, issuer.keys().size());
        assertDelivered(id);
        assertEquals("key-1", request(id).issuedKey().orElseThrow().id());
        assertEquals(List.of("key-1"), issuer.revealed);
    }

    @Test
    void aRetryGetsAFreshSetOfAttempts() {
        // given a request that failed after using up its attempts
        long id = approvedRequest();
        for (int i = 0; i < 5; i++) {
            issuer.failNextCreates(new IssueFailure(IssueFailure.Kind.TIMEOUT, ""));
        }
        worker.runOne();
        runWhenDue(id);
        runWhenDue(id);
        assertEquals(State.FAILED, request(id).state());

        // when
        requests.retry(id, BOB);
        worker.runOne();
        runWhenDue(id);
        runWhenDue(id);

        // then
        assertDelivered(id, 6);
    }

    @Test
    void aRetryAfterTheRecordedKeyWentMissingMakesANewKey() {
        // given
        long id = failedOnAGoneKey();

        // when
        requests.retry(id, BOB);
        worker.runOne();

        // then
        assertDelivered(id);
        assertEquals("key-1", request(id).issuedKey().orElseThrow().id());
    }

    @Test
    void theRequesterMayNotRetryTheirOwnRequest() {
        // given
        long id = failedRequest();
        var failed = request(id);

        // when / then
        assertRefusedAndNothingChanged(store, Refusal.Reason.OWN_REQUEST, failed, () -> requests.retry(id, REQUESTER));
        assertEquals(Optional.empty(), store.job(id));
    }

    @Test
    void aRequestThatHasNotFailedHasNothingToRetry() {
        // given one request delivered and one waiting for its key
        long delivered = deliveredRequest();
        long waiting = approvedRequest();
        assertEquals(State.APPROVED, request(waiting).state());
        assertEquals(State.DELIVERED, request(delivered).state());

        // when / then
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.NOTHING_TO_RETRY, request(waiting), () -> requests.retry(waiting, BOB));
        assertRefusedAndNothingChanged(
                store, Refusal.Reason.NOTHING_TO_RETRY, request(delivered), () -> requests.retry(delivered, BOB));
        assertEquals(Optional.empty(), store.job(delivered));
    }

    // --- the secret ---

    @Test
    void theSecretIsNeverStored() {
        // given: one delivered, one whose DM waits, one refused, one delivered after a retry
        long delivered = deliveredRequest();
        long undelivered = approvedRequest();
        notifier.failNextDeliveries(new Notifier.DeliveryFailure("account_inactive", Optional.empty(), true), 1);
        worker.runOne();
        long refused = approvedRequest();
        issuer.failNextCreates(new IssueFailure(IssueFailure.Kind.BAD_RESPONSE, "unexpected field"));
        worker.runOne();
        long retried = failedRequest();
        requests.retry(retried, BOB);
        worker.runOne();
        var effects = new EffectWorker(store.effects, notifier, retry, clock);
        List<String> owedEffects = List.of(delivered, undelivered, refused, retried).stream()
                .flatMap(id -> store.effectsOf(id).stream())
                .map(Object::toString)
                .toList();
        while (effects.runOne()) {
            // every message is shown
        }

        // when
        var everything = new StringBuilder();
        store.history(Optional.empty(), 100).forEach(h -> everything.append(h).append('\n'));
        store.allEvents().forEach(e -> everything.append(e).append('\n'));
        for (long id : List.of(delivered, undelivered, refused, retried)) {
            everything.append(store.job(id)).append('\n');
        }
        owedEffects.forEach(e -> everything.append(e).append('\n'));
        notifier.performed.forEach(p -> everything.append(p).append('\n'));

        // then
        String stored = everything.toString();
        assertEquals(State.DELIVERED, request(delivered).state());
        assertEquals(State.KEY_CREATED, request(undelivered).state());
        assertEquals(State.FAILED, request(refused).state());
        assertEquals(State.DELIVERED, request(retried).state());
        assertTrue(stored.contains("key-1") && stored.contains("key-2") && stored.contains("key-3"), stored);
        for (int n = 1; n <= 3; n++) {
            String secret = FakeKeyIssuer.secretOf(n);
            assertFalse(stored.contains(secret), stored);
            assertFalse(stored.contains(secret.substring("sb_secret_".length())), stored);
            assertFalse(stored.contains(secret.substring("sb_secret_".length() + 6)), "past the hint: " + stored);
        }
        for (AuditEvent e : store.allEvents()) {
            assertTrue(e.detail() == null || !e.detail().contains("AbCdEfG"), e.toString());
        }
    }
}
