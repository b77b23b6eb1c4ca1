package keybot.approvals;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The lifecycle of a key request up to the decision: submit, approve, deny, cancel, retry, and reading the history.
 * Each change is one conditional move, written with its audit event and the effects it owes people; what those
 * effects show, and when, is the business of the workers that perform them.
 */
public final class KeyRequests {

    /** Moves lost to someone else's move are tried again from what it left, at most this often. */
    private static final int RACES = 20;

    private final RequestStore store;
    private final Policy policy;
    private final Clock clock;

    public KeyRequests(RequestStore store, Policy policy, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.policy = requireNonNull(policy, "policy");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Stores a new PENDING request under its project's rules, or throws {@link InvalidDraft} and stores nothing. */
    public KeyRequest submit(Draft draft) {
        var problems = DraftCheck.problems(draft, policy);
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        Project project = policy.project(draft.projectRef()).orElseThrow();
        return store.create(Submission.of(draft, project, clock.instant()));
    }

    /** Checks that {@code user} may still decide the request, without changing it. */
    public KeyRequest checkMayDecide(long id, String user) {
        return mayDecide(find(id), user);
    }

    private KeyRequest mayDecide(KeyRequest request, String user) {
        policy.checkMayDecide(request, user);
        if (request.state().isDecided()) {
            throw new Refusal(Refusal.Reason.ALREADY_DECIDED, request);
        }
        return request;
    }

    /**
     * Adds the approver's approval; the one that makes the number the request's rules require approves it. Each
     * approver counts once, and the request is approved once, however the clicks race.
     */
    public KeyRequest approve(long id, String approver) {
        return change(id, request -> {
            mayDecide(request, approver);
            if (request.approvals().contains(approver)) {
                throw new Refusal(Refusal.Reason.ALREADY_APPROVED_BY_YOU, request);
            }
            return Transition.approval(request, approver, clock.instant());
        });
    }

    public KeyRequest deny(long id, String approver, String reason) {
        return change(
                id, request -> Transition.denial(mayDecide(request, approver), approver, reason, clock.instant()));
    }

    /** Only the requester may withdraw a request, and only while it waits. */
    public KeyRequest cancel(long id, String user) {
        return change(id, request -> {
            if (!request.ask().requester().equals(user)) {
                throw new Refusal(Refusal.Reason.NOT_YOURS, request);
            }
            if (request.state().isDecided()) {
                throw new Refusal(Refusal.Reason.ALREADY_DECIDED, request);
            }
            return Transition.cancellation(request, user, clock.instant());
        });
    }

    /** Puts a failed request back to APPROVED, which queues its delivery again; the approval stands. */
    public KeyRequest retry(long id, String approver) {
        return change(id, request -> {
            policy.checkMayDecide(request, approver);
            if (request.state() != State.FAILED) {
                throw new Refusal(Refusal.Reason.NOTHING_TO_RETRY, request);
            }
            return Transition.retry(request, approver, clock.instant());
        });
    }

    /**
     * Reads the request, decides the move (or refuses), and writes it if nobody moved the request meanwhile;
     * otherwise decides again on what the other move left, which may now be a refusal.
     */
    private KeyRequest change(long id, Function<KeyRequest, Transition> decide) {
        for (int race = 0; race < RACES; race++) {
            Optional<KeyRequest> moved = store.move(decide.apply(find(id)));
            if (moved.isPresent()) {
                return moved.get();
            }
        }
        throw new IllegalStateException("request #" + id + " kept changing under " + RACES + " tries");
    }

    private KeyRequest find(long id) {
        return store.find(id).orElseThrow(Refusal::notFound);
    }

    /** The user's own requests, or every request for approvers; newest first. */
    public List<RequestHistory> history(String user, int limit) {
        return history(user, HistoryQuery.newest(limit));
    }

    /** What the query asks for, as far as the user may see it: approvers see everything, others their own. */
    public List<RequestHistory> history(String user, HistoryQuery query) {
        return store.history(policy.isAnyApprover(user) ? query : query.ofRequester(user));
    }

    /**
     * Pending requests the approver may decide, oldest first. Their projects' pending requests are read a page at a
     * time, as the rules of some may leave the approver out.
     */
    public List<KeyRequest> waitingFor(String approver, int limit) {
        List<KeyRequest> found = new ArrayList<>();
        long after = 0;
        while (found.size() < limit) {
            List<KeyRequest> page = store.pending(policy.approvedBy(approver), approver, after, limit);
            page.stream()
                    .filter(r -> policy.mayDecide(r, approver))
                    .limit(limit - found.size())
                    .forEach(found::add);
            if (page.size() < limit) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        return found;
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
}
