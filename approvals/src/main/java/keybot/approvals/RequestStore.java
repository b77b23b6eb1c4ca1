package keybot.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where requests and their audit events live. Every method is atomic; the truth is here, not in memory. */
public interface RequestStore {

    /** Stores a checked draft as a PENDING request with its REQUESTED event. */
    KeyRequest create(Draft draft, Project project, Instant at);

    Optional<KeyRequest> find(long id);

    /**
     * Applies the transition only if the request is still in {@code transition.from()}, together with its audit
     * event. Empty when the request is missing or has already moved on: the caller lost a race.
     */
    Optional<KeyRequest> move(long id, Transition transition);

    void attachMessage(long id, KeyRequest.MessageRef message);

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
