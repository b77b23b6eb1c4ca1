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
    List<RequestHistory> history(Optional<String> requester, int limit);
}
