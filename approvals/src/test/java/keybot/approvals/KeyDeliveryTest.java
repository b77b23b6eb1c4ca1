package keybot.approvals;

import static keybot.approvals.Fixtures.ALICE;
import static keybot.approvals.Fixtures.BILLING;
import static keybot.approvals.Fixtures.CLOCK;
import static keybot.approvals.Fixtures.NOW;
import static keybot.approvals.Fixtures.REF;
import static keybot.approvals.Fixtures.REQUESTER;
import static keybot.approvals.Fixtures.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyDeliveryTest {

    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final FakeKeyIssuer issuer = new FakeKeyIssuer();
    private final KeyDelivery delivery = new KeyDelivery(store, issuer, notifier, CLOCK);

    private long approvedRequest() {
        long id = store.create(draft(), BILLING, NOW).id();
        store.move(id, Transition.approve(ALICE, NOW)).orElseThrow();
        return id;
    }

    private List<EventType> eventTypes(long id) {
        return store.eventsOf(id).stream().map(AuditEvent::type).toList();
    }

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anApprovedRequestGetsOneKeySentOnce() throws Exception {
        // given
        long id = approvedRequest();

        // when
        var delivered = delivery.deliver(id);

        // then
        assertEquals(State.DELIVERED, delivered.state());
        assertEquals(Optional.of(delivered), store.find(id));
        assertEquals(1, issuer.creates());
        assertEquals(List.of(FakeKeyIssuer.SECRET), notifier.deliveredSecrets);
        assertEquals(State.KEY_CREATED, notifier.deliveredTo.get(0).state());
        assertEquals(List.of(), notifier.told);
    }

    @Test
    void theStoredKeyIsItsIdFingerprintAndHint() throws Exception {
        // given
        long id = approvedRequest();

        // when
        var key = delivery.deliver(id).issuedKey().orElseThrow();

        // then
        assertEquals(new KeyRequest.IssuedKey("key-1", sha256Hex(FakeKeyIssuer.SECRET), "AbCdEf"), key);
        assertEquals(64, key.fingerprint().length());
    }

    @Test
    void keyCreatedThenDeliveredAreAudited() throws Exception {
        // given
        long id = approvedRequest();

        // when
        delivery.deliver(id);

        // then
        var events = store.eventsOf(id);
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED, EventType.KEY_CREATED, EventType.DELIVERED),
                eventTypes(id));
        assertEquals(new AuditEvent(id, EventType.KEY_CREATED, Actors.KEYBOT, NOW,
                "key key-1, sha256 " + sha256Hex(FakeKeyIssuer.SECRET)), events.get(2));
        assertEquals(new AuditEvent(id, EventType.DELIVERED, Actors.KEYBOT, NOW,
                "sent by direct message to " + REQUESTER), events.get(3));
    }

    @Test
    void theKeyDescriptionTracesBackToTheRequestThenGivesTheRequestersDescription() {
        // given
        long id = approvedRequest();

        // when
        delivery.deliver(id);

        // then
        assertEquals(List.of("keybot request #1 by " + REQUESTER + ", approved by " + ALICE + ": nightly job"),
                issuer.descriptions);
    }

    @Test
    void theApprovalMessageIsRefreshedUntilDelivered() {
        // given
        long id = approvedRequest();

        // when
        delivery.deliver(id);

        // then
        var states = notifier.refreshed.stream().map(KeyRequest::state).toList();
        assertEquals(State.DELIVERED, states.get(states.size() - 1));
    }

    @Test
    void deliveringAgainDoesNothing() {
        // given
        long id = approvedRequest();
        var first = delivery.deliver(id);
        int refreshes = notifier.refreshed.size();

        // when
        var second = delivery.deliver(id);

        // then
        assertEquals(first, second);
        assertEquals(1, issuer.creates());
        assertEquals(1, notifier.deliveredSecrets.size());
        assertEquals(refreshes, notifier.refreshed.size());
        assertEquals(4, store.eventsOf(id).size());
    }

    @Test
    void aRequestThatIsNotApprovedGetsNoKey() {
        // given
        long pending = store.create(draft(), BILLING, NOW).id();
        long denied = store.create(draft(), BILLING, NOW).id();
        store.move(denied, Transition.deny(ALICE, "no", NOW)).orElseThrow();

        // when
        var stillPending = delivery.deliver(pending);
        var stillDenied = delivery.deliver(denied);

        // then
        assertEquals(State.PENDING, stillPending.state());
        assertEquals(State.DENIED, stillDenied.state());
        assertEquals(0, issuer.creates());
        assertEquals(List.of(), notifier.deliveredSecrets);
    }

    @Test
    void anUnknownRequestIsNotFound() {
        // when
        var refusal = assertThrows(Refusal.class, () -> delivery.deliver(99));

        // then
        assertEquals(Refusal.Reason.NOT_FOUND, refusal.reason());
        assertEquals(0, issuer.creates());
    }

    static Stream<Arguments> issueFailures() {
        return Stream.of(
                Arguments.of(IssueFailure.Kind.NAME_REJECTED, "name: Name must start with a lowercase letter",
                        List.of("\"billing_worker\"", "another name", "Name must start with a lowercase letter")),
                Arguments.of(IssueFailure.Kind.NOT_PERMITTED, "", List.of("permission", REF)),
                Arguments.of(IssueFailure.Kind.NOT_FOUND, "", List.of(REF, "config")),
                Arguments.of(IssueFailure.Kind.RATE_LIMITED, "", List.of("rate-limiting", "Try again")),
                Arguments.of(IssueFailure.Kind.UNAVAILABLE, "HTTP 503", List.of("could not be reached", "HTTP 503")),
                Arguments.of(IssueFailure.Kind.TIMEOUT, "", List.of("in time", "Try again")),
                Arguments.of(IssueFailure.Kind.BAD_RESPONSE, "", List.of("does not understand")));
    }

    @ParameterizedTest
    @MethodSource("issueFailures")
    void aKeyThatCannotBeCreatedFailsTheRequestInPlainWords(IssueFailure.Kind kind, String said,
                                                             List<String> mentions) {
        // given
        long id = approvedRequest();
        issuer.failWith(new IssueFailure(kind, said));

        // when
        var failed = delivery.deliver(id);

        // then
        assertEquals(State.FAILED, failed.state());
        String text = failed.failureReason().orElseThrow();
        mentions.forEach(m -> assertTrue(text.contains(m), () -> "\"" + text + "\" should mention " + m));
        assertFalse(text.contains(kind.name()), text);
        assertEquals(Optional.empty(), failed.issuedKey());
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED, EventType.FAILED), eventTypes(id));
        assertEquals(new AuditEvent(id, EventType.FAILED, Actors.KEYBOT, NOW, text), store.eventsOf(id).get(2));
        assertEquals(List.of(failed), notifier.told);
        assertEquals(failed, notifier.refreshed.get(notifier.refreshed.size() - 1));
        assertEquals(List.of(), notifier.deliveredSecrets);
    }

    @Test
    void anUnexpectedErrorFailsTheRequestWithoutDetail() {
        // given
        long id = approvedRequest();
        issuer.failWith(new IllegalStateException("boom at /internal/path"));

        // when
        var failed = delivery.deliver(id);

        // then
        assertEquals(State.FAILED, failed.state());
        String text = failed.failureReason().orElseThrow();
        assertTrue(text.contains("IllegalStateException"), text);
        assertFalse(text.contains("/internal/path"), text);
        assertEquals(List.of(failed), notifier.told);
    }

    @Test
    void aDirectMessageThatCannotBeSentFailsTheRequestNamingTheKey() {
        // given
        long id = approvedRequest();
        notifier.failDeliveryWith("channel_not_found");

        // when
        var failed = delivery.deliver(id);

        // then
        assertEquals(State.FAILED, failed.state());
        String text = failed.failureReason().orElseThrow();
        assertTrue(text.contains("key-1"), text);
        assertTrue(text.contains("channel_not_found"), text);
        assertEquals("key-1", failed.issuedKey().orElseThrow().id());
        assertEquals(1, issuer.creates());
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED, EventType.KEY_CREATED, EventType.FAILED),
                eventTypes(id));
        assertEquals(List.of(failed), notifier.told);
        assertEquals(List.of(), notifier.deliveredSecrets);
    }

    @Test
    void theSecretIsNeverStored() {
        // given one request delivered, one whose DM fails, one whose key Supabase refuses
        long delivered = approvedRequest();
        delivery.deliver(delivered);
        long undelivered = approvedRequest();
        notifier.failDeliveryWith("account_inactive");
        delivery.deliver(undelivered);
        long refused = approvedRequest();
        issuer.failWith(new IssueFailure(IssueFailure.Kind.BAD_RESPONSE, "unexpected field"));
        delivery.deliver(refused);

        // when
        var everything = new StringBuilder();
        store.history(Optional.empty(), 100).forEach(h -> everything.append(h).append('\n'));
        store.allEvents().forEach(e -> everything.append(e).append('\n'));

        // then
        String stored = everything.toString();
        assertTrue(stored.contains("key-1") && stored.contains("key-2"), stored);
        assertFalse(stored.contains(FakeKeyIssuer.SECRET), stored);
        assertFalse(stored.contains(FakeKeyIssuer.SECRET.substring("sb_secret_".length())), stored);
        for (AuditEvent e : store.allEvents()) {
            assertTrue(e.detail() == null || !e.detail().contains("AbCdEfG"), e.toString());
        }
    }
}
