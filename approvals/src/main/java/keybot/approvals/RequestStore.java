package keybot.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where requests and their audit events live. It only persists what the domain decided; every method is atomic,
 * and the truth is here, not in memory.
 */
public interface RequestStore {

    /** Stores the submission as a new PENDING request, with its REQUESTED event and its effects. */
    KeyRequest create(Submission submission);

    Optional<KeyRequest> find(long id);

    /**
     * Writes the transition (the request as it leaves it, its audit event, its effects, the delivery it starts) in
     * one transaction, but only while the stored request is still at the version the transition was made from.
     * Empty when it is not (someone else moved it first) or the request is missing.
     */
    Optional<KeyRequest> move(Transition transition);

    /** Remembers where the approval message was posted; the request as it is now, empty when it is missing. */
    Optional<KeyRequest> attachMessage(long id, KeyRequest.MessageRef message);

    /** PENDING requests with a timer due at {@code now} (expiry or reminder), oldest first. */
    List<KeyRequest> dueTimers(Instant now, int limit);

    /** Newest first; all requests when {@code requester} is empty. */
    default List<RequestHistory> history(Optional<String> requester, int limit) {
        HistoryQuery newest = HistoryQuery.newest(limit);
        return history(requester.map(newest::ofRequester).orElse(newest));
    }

    /** The requests the query asks for, newest first, each with its events. */
    List<RequestHistory> history(HistoryQuery query);

    /** PENDING requests of these projects after {@code afterId}, oldest first, leaving out {@code exceptRequester}'s. */
    List<KeyRequest> pending(Set<String> projectRefs, String exceptRequester, long afterId, int limit);

    /** The request whose key has this SHA-256 (hex), now or before a retry replaced it, with its events. */
    Optional<RequestHistory> byKeySha256(String sha256);
}
