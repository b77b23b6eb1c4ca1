package keybot.approvals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One person's request for one secret key, as stored, with the rules it was submitted under. Nullable fields are
 * filled in as the request moves on; the accessors returning {@link Optional} are the ones to use outside storage
 * code. {@code version} counts the moves the request made: a move applies only to the version it was made from.
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
        List<String> approvals,
        Rules rules,
        Timers timers,
        int version) {

    public KeyRequest {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        rules = rules == null ? Rules.NOBODY : rules;
    }

    /** A request nobody has approved yet, under the default rules: for showing one, as tests do. */
    public KeyRequest(
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
            String problem) {
        this(
                id,
                requester,
                projectName,
                projectRef,
                keyName,
                reason,
                description,
                state,
                createdAt,
                updatedAt,
                decision,
                key,
                failure,
                approvalMessage,
                problem,
                List.of(),
                Rules.NOBODY,
                null,
                0);
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

    /** "1 of 2 approvals". */
    public String progress() {
        return progress(approvals.size());
    }

    /** "{@code count} of 2 approvals". */
    public String progress(int count) {
        return count + " of " + rules.approvalsRequired() + " approvals";
    }

    /** The approvals as they stood once {@code reviewer}'s was counted; all of them if theirs is not among them. */
    public List<String> approvalsUpTo(String reviewer) {
        int at = approvals.indexOf(reviewer);
        return at < 0 ? approvals : approvals.subList(0, at + 1);
    }

    /** What the request's timers do now, if anything is due: it expires, or its approvers are reminded. */
    public Optional<Transition> dueTimer(Instant now) {
        if (state != State.PENDING || timers == null) {
            return Optional.empty();
        }
        if (timers.expiredAt(now)) {
            return Optional.of(Transition.expiry(this, now));
        }
        return timers.reminderDueAt(now) ? Optional.of(Transition.reminder(this, now)) : Optional.empty();
    }

    /** The request after a move made at {@code at}: one version on, any hold-up cleared. */
    KeyRequest after(
            State to,
            Instant at,
            Decision newDecision,
            List<String> newApprovals,
            IssuedKey newKey,
            String newFailure,
            Timers newTimers) {
        return new KeyRequest(
                id,
                requester,
                projectName,
                projectRef,
                keyName,
                reason,
                description,
                to,
                createdAt,
                at,
                newDecision,
                newKey,
                newFailure,
                approvalMessage,
                null,
                newApprovals,
                rules,
                newTimers,
                version + 1);
    }

    /** With the approval message posted where {@code message} says. */
    public KeyRequest withMessage(MessageRef message) {
        return new KeyRequest(
                id,
                requester,
                projectName,
                projectRef,
                keyName,
                reason,
                description,
                state,
                createdAt,
                updatedAt,
                decision,
                key,
                failure,
                message,
                problem,
                approvals,
                rules,
                timers,
                version);
    }

    /** With {@code holdUp} noted as what holds up its delivery now (null: nothing). */
    public KeyRequest withHoldUp(String holdUp) {
        return new KeyRequest(
                id,
                requester,
                projectName,
                projectRef,
                keyName,
                reason,
                description,
                state,
                createdAt,
                updatedAt,
                decision,
                key,
                failure,
                approvalMessage,
                holdUp,
                approvals,
                rules,
                timers,
                version);
    }

    List<String> approvalsWith(String approver) {
        List<String> more = new ArrayList<>(approvals);
        more.add(approver);
        return more;
    }

    /** Who decided, and when, and why (the reason is given for denials). */
    public record Decision(String by, Instant at, String note) {}

    /** What keybot keeps of a created key: never the secret, only what identifies it. */
    public record IssuedKey(String id, String fingerprint, String hint) {}

    /** Where the approval message was posted, so it can be updated in place; its permalink, when known. */
    public record MessageRef(String channel, String ts, String link) {
        public MessageRef(String channel, String ts) {
            this(channel, ts, null);
        }
    }
}
