package keybot.approvals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One person's request for one secret key, as stored: what was asked, the rules it was submitted under, and where it
 * stands. Nullable fields are filled in as the request moves on; the accessors returning {@link Optional} are the
 * ones to use outside storage code. {@code version} counts the moves the request made: a move applies only to the
 * version it was made from.
 */
public record KeyRequest(
        long id,
        Ask ask,
        Rules rules,
        State state,
        Instant updatedAt,
        Decision decision,
        List<String> approvals,
        IssuedKey key,
        String failure,
        Timers timers,
        MessageRef approvalMessage,
        String problem,
        int version) {

    public KeyRequest {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        rules = rules == null ? Rules.NOBODY : rules;
    }

    /** A new request, waiting for its first decision. */
    public static KeyRequest submitted(long id, Ask ask, Rules rules, Timers timers) {
        return new KeyRequest(
                id, ask, rules, State.PENDING, ask.at(), null, List.of(), null, null, timers, null, null, 0);
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
        return Optional.ofNullable(ask.description()).filter(d -> !d.isBlank());
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
                ask,
                rules,
                to,
                at,
                newDecision,
                newApprovals,
                newKey,
                newFailure,
                newTimers,
                approvalMessage,
                null,
                version + 1);
    }

    /** With the approval message posted where {@code message} says. */
    public KeyRequest withMessage(MessageRef message) {
        return with(message, problem);
    }

    /** With {@code holdUp} noted as what holds up its delivery now (null: nothing). */
    public KeyRequest withHoldUp(String holdUp) {
        return with(approvalMessage, holdUp);
    }

    private KeyRequest with(MessageRef message, String holdUp) {
        return new KeyRequest(
                id, ask, rules, state, updatedAt, decision, approvals, key, failure, timers, message, holdUp, version);
    }

    List<String> approvalsWith(String approver) {
        List<String> more = new ArrayList<>(approvals);
        more.add(approver);
        return more;
    }

    /** What the requester asked for, checked, and when. */
    public record Ask(
            String requester,
            String projectName,
            String projectRef,
            String keyName,
            String reason,
            String description,
            Instant at) {}

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
