package keybot.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where requests and their audit events live. Every method is atomic; the truth is here, not in memory. */
public interface RequestStore {

    /**
     * Stores a checked draft as a PENDING request with its REQUESTED event; it expires after the project's
     * pending TTL and is first reminded after its remind-after.
     */
    KeyRequest create(Draft draft, Project project, Instant at);

    Optional<KeyRequest> find(long id);

    /**
     * Applies the transition only if the request is still in {@code transition.from()}, together with its audit
     * event. Empty when the request is missing or has already moved on: the caller lost a race.
     */
    Optional<KeyRequest> move(long id, Transition transition);

    /** Remembers where the approval message was posted; the request as it is now, empty when it is missing. */
    Optional<KeyRequest> attachMessage(long id, KeyRequest.MessageRef message);

    /**
     * Records {@code approver}'s approval of a PENDING request they have not approved yet, and when that makes
     * {@code required} distinct approvals, moves it to APPROVED ({@link Transition#approve}); all in one
     * transaction. Empty when the request is not pending or already has this approver's approval.
     */
    Optional<KeyRequest> addApproval(long id, String approver, int required, Instant at);

    /**
     * Pending requests whose time is up, taken so no other replica takes them too: each either EXPIRED (past its
     * deadline) or REMINDED (reminder due; at most {@code maxReminders}, spaced by the request's interval), with
     * its audit event, in one transaction.
     */
    List<TimerOutcome> fireDueTimers(Instant now, int maxReminders, int limit);

    /** What a timer did to a request. */
    record TimerOutcome(KeyRequest request, EventType what) {
    }

    /** Newest first; all requests when {@code requester} is empty. */
    default List<RequestHistory> history(Optional<String> requester, int limit) {
        HistoryQuery newest = HistoryQuery.newest(limit);
        return history(requester.map(newest::ofRequester).orElse(newest));
    }

    /** The requests the query asks for, newest first, each with its events. */
    List<RequestHistory> history(HistoryQuery query);

    /** PENDING requests of these projects, oldest first, leaving out {@code exceptRequester}'s own. */
    List<KeyRequest> pending(java.util.Set<String> projectRefs, String exceptRequester, int limit);

    /** The request whose key has this SHA-256 (hex), with its events. */
    Optional<RequestHistory> byKeySha256(String sha256);
}
