package keybot.approvals;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The lifecycle of a key request up to the decision: submit, approve, deny, and reading the history. */
public final class KeyRequests {

    private final RequestStore store;
    private final Policy policy;
    private final Notifier notifier;
    private final Clock clock;

    public KeyRequests(RequestStore store, Policy policy, Notifier notifier, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Stores a new PENDING request, or throws {@link InvalidDraft} and stores nothing. */
    public KeyRequest submit(Draft draft) {
        var problems = DraftCheck.problems(draft, policy);
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        Project project = policy.project(draft.projectRef()).orElseThrow();
        return store.create(draft, project, clock.instant());
    }

    /**
     * Slow follow-up of {@link #submit}: posts the request for the approvers and tells the requester, who also
     * learns when it could not be posted.
     */
    public void announce(KeyRequest request) {
        KeyRequest posted = notifier.postForApproval(request)
                .flatMap(ref -> store.attachMessage(request.id(), ref)).orElse(request);
        notifier.tellRequester(posted);
    }

    /** Checks that {@code user} may still decide the request, without changing it. */
    public KeyRequest checkMayDecide(long id, String user) {
        KeyRequest request = store.find(id).orElseThrow(Refusal::notFound);
        policy.checkMayDecide(request, user);
        if (request.state().isDecided()) {
            throw new Refusal(Refusal.Reason.ALREADY_DECIDED, request);
        }
        return request;
    }

    /**
     * Adds the approver's approval; the one that makes the project's required number approves the request.
     * Concurrent clicks are settled by the store: each approver counts once, and the request is approved once.
     */
    public KeyRequest approve(long id, String approver) {
        KeyRequest request = checkMayDecide(id, approver);
        if (request.approvals().contains(approver)) {
            throw new Refusal(Refusal.Reason.ALREADY_APPROVED_BY_YOU, request);
        }
        int required = policy.project(request.projectRef()).map(Project::approvalsRequired).orElse(1);
        return store.addApproval(id, approver, required, clock.instant()).orElseThrow(() -> {
            KeyRequest now = store.find(id).orElse(request);
            return new Refusal(now.state().isDecided() ? Refusal.Reason.ALREADY_DECIDED
                    : Refusal.Reason.ALREADY_APPROVED_BY_YOU, now);
        });
    }

    /**
     * Slow follow-up of an approval: with several approvers, the review goes under the message. The message is
     * brought up to date only while the request is where the approval left it: once its delivery has moved on,
     * the delivery updates the message itself, and an update from here, arriving later, would show an old state.
     * If the delivery moved on while this update was under way, the message is brought up to date once more.
     */
    public void announceApproval(KeyRequest request, String approver) {
        if (policy.project(request.projectRef()).map(Project::approvalsRequired).orElse(1) > 1) {
            notifier.reviewed(request, approver);
        }
        KeyRequest now = store.find(request.id()).orElse(request);
        if (now.state() != request.state()) {
            return;
        }
        notifier.refreshApproval(now);
        store.find(request.id()).filter(after -> after.state() != now.state()).ifPresent(notifier::refreshApproval);
    }

    /** Only the requester may withdraw a request, and only while it waits. */
    public KeyRequest cancel(long id, String user) {
        KeyRequest request = store.find(id).orElseThrow(Refusal::notFound);
        if (!request.requester().equals(user)) {
            throw new Refusal(Refusal.Reason.NOT_YOURS, request);
        }
        return decide(id, Transition.cancel(user, clock.instant()));
    }

    public KeyRequest deny(long id, String approver, String reason) {
        checkMayDecide(id, approver);
        return decide(id, Transition.deny(approver, reason, clock.instant()));
    }

    /** Puts a failed request back to APPROVED, which queues its delivery again; the approval stands. */
    public KeyRequest retry(long id, String approver) {
        KeyRequest request = store.find(id).orElseThrow(Refusal::notFound);
        policy.checkMayDecide(request, approver);
        return store.move(id, Transition.retry(approver, clock.instant()))
                .orElseThrow(() -> new Refusal(Refusal.Reason.NOTHING_TO_RETRY, store.find(id).orElse(request)));
    }

    /** Slow follow-up of a retry: the approval message loses its Retry button. */
    public void announceRetry(KeyRequest request) {
        notifier.refreshApproval(request);
    }

    /** Slow follow-up of a denial, cancellation or expiry: updates the approval message, tells the requester. */
    public void announceDenial(KeyRequest request) {
        if (request.state() == State.DENIED && request.decided().isPresent()
                && policy.project(request.projectRef()).map(Project::approvalsRequired).orElse(1) > 1) {
            notifier.reviewed(request, request.decided().get().by());
        }
        notifier.refreshApproval(request);
        notifier.tellRequester(request);
    }

    /** The user's own requests, or every request for approvers; newest first. */
    public List<RequestHistory> history(String user, int limit) {
        return history(user, HistoryQuery.newest(limit));
    }

    /** What the query asks for, as far as the user may see it: approvers see everything, others their own. */
    public List<RequestHistory> history(String user, HistoryQuery query) {
        return store.history(policy.isAnyApprover(user) ? query : query.ofRequester(user));
    }

    /** Pending requests the approver may decide, oldest first. */
    public List<KeyRequest> waitingFor(String approver, int limit) {
        return store.pending(policy.approvedBy(approver), approver, limit);
    }

    /**
     * Leak tracing: which request a key found in the wild came from, found by the key's hash. Approvers only;
     * the key itself is hashed here and goes no further.
     */
    public Optional<RequestHistory> whose(String user, Secret found) {
        if (!policy.isAnyApprover(user)) {
            throw new Refusal(Refusal.Reason.NOT_AN_APPROVER, null);
        }
        return store.byKeySha256(found.sha256());
    }

    private KeyRequest decide(long id, Transition transition) {
        return store.move(id, transition).orElseThrow(() -> new Refusal(Refusal.Reason.ALREADY_DECIDED,
                store.find(id).orElse(null)));
    }
}
