package keybot.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One person's request for one secret key, as stored. Nullable fields are filled in as the request moves on;
 * the accessors returning {@link Optional} are the ones to use outside storage code.
 */
public record KeyRequest(
        long id,
        String requester,
        String projectName,
        String projectRef,
        String keyName,
        String reason,
        String description,
        State state,
        Instant createdAt,
        Instant updatedAt,
        Decision decision,
        IssuedKey key,
        String failure,
        MessageRef approvalMessage,
        String problem,
        List<String> approvals) {

    public KeyRequest {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** A request nobody has approved yet. */
    public KeyRequest(long id, String requester, String projectName, String projectRef, String keyName,
                      String reason, String description, State state, Instant createdAt, Instant updatedAt,
                      Decision decision, IssuedKey key, String failure, MessageRef approvalMessage, String problem) {
        this(id, requester, projectName, projectRef, keyName, reason, description, state, createdAt, updatedAt,
                decision, key, failure, approvalMessage, problem, List.of());
    }

    public Optional<Decision> decided() {
        return Optional.ofNullable(decision);
    }

    public Optional<IssuedKey> issuedKey() {
        return Optional.ofNullable(key);
    }

    public Optional<String> failureReason() {
        return Optional.ofNullable(failure);
    }

    public Optional<MessageRef> message() {
        return Optional.ofNullable(approvalMessage);
    }

    /** What is holding up an owed delivery right now (Slack or Supabase trouble), for the approvers. */
    public Optional<String> holdUp() {
        return Optional.ofNullable(problem);
    }

    public Optional<String> descriptionText() {
        return Optional.ofNullable(description).filter(d -> !d.isBlank());
    }

    /** Who decided, and when, and why (the reason is given for denials). */
    public record Decision(String by, Instant at, String note) {
    }

    /** What keybot keeps of a created key: never the secret, only what identifies it. */
    public record IssuedKey(String id, String fingerprint, String hint) {
    }

    /** Where the approval message was posted, so it can be updated in place; its permalink, when known. */
    public record MessageRef(String channel, String ts, String link) {
        public MessageRef(String channel, String ts) {
            this(channel, ts, null);
        }
    }
}
