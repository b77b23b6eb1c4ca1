package keybot.approvals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link RequestStore} and {@link DeliveryQueue} in memory, honouring the PostgreSQL store's contract: ids from
 * 1, a REQUESTED event on create, moves that apply only from the expected state (exactly one winner among
 * concurrent callers) and clear the request's problem, a delivery job queued in the same step as a move to
 * APPROVED (marked as the first delivery only by the first approval), and claims that are leases.
 */
final class InMemoryRequestStore implements RequestStore, DeliveryQueue {

    /** A queued delivery, as the delivery_job table holds it. */
    record QueuedJob(long requestId, Instant due, int attempts, Instant lockedUntil, boolean firstDelivery) {
    }

    private final Map<Long, KeyRequest> requests = new TreeMap<>();
    private final List<AuditEvent> events = new ArrayList<>();
    private final Map<Long, QueuedJob> jobs = new TreeMap<>();
    private long lastId;
    /** Each pending request's timers, as the key_request columns hold them. */
    private final Map<Long, Timers> timers = new TreeMap<>();

    record Timers(Instant expiresAt, Instant nextReminder, int sent, java.time.Duration every) {
    }

    @Override
    public synchronized KeyRequest create(Draft draft, Project project, Instant at) {
        long id = ++lastId;
        var request = new KeyRequest(id, draft.requester(), project.name(), project.ref(), draft.keyName(),
                draft.reason(), draft.description(), State.PENDING, at, at, null, null, null, null, null);
        requests.put(id, request);
        events.add(new AuditEvent(id, EventType.REQUESTED, draft.requester(), at, draft.reason()));
        timers.put(id, new Timers(at.plus(project.pendingTtl()), at.plus(project.remindAfter()), 0,
                project.remindAfter()));
        return request;
    }

    @Override
    public synchronized Optional<KeyRequest> addApproval(long id, String approver, int required, Instant at) {
        KeyRequest r = requests.get(id);
        if (r == null || r.state() != State.PENDING || r.approvals().contains(approver)) {
            return Optional.empty();
        }
        List<String> approvals = new ArrayList<>(r.approvals());
        approvals.add(approver);
        KeyRequest counted = new KeyRequest(r.id(), r.requester(), r.projectName(), r.projectRef(), r.keyName(),
                r.reason(), r.description(), r.state(), r.createdAt(), at, r.decision(), r.key(), r.failure(),
                r.approvalMessage(), r.problem(), approvals);
        requests.put(id, counted);
        if (approvals.size() >= required) {
            return move(id, Transition.approve(approver, at));
        }
        events.add(new AuditEvent(id, EventType.APPROVAL, approver, at, approvals.size() + " of " + required
                + " approvals"));
        return Optional.of(counted);
    }

    @Override
    public synchronized List<TimerOutcome> fireDueTimers(Instant now, int maxReminders, int limit) {
        List<TimerOutcome> fired = new ArrayList<>();
        for (var entry : new ArrayList<>(timers.entrySet())) {
            KeyRequest r = requests.get(entry.getKey());
            Timers t = entry.getValue();
            if (fired.size() >= limit || r.state() != State.PENDING) {
                continue;
            }
            if (!t.expiresAt().isAfter(now)) {
                move(r.id(), Transition.expire(now)).ifPresent(x -> fired.add(new TimerOutcome(x, EventType.EXPIRED)));
            } else if (t.nextReminder() != null && !t.nextReminder().isAfter(now)) {
                int sent = t.sent() + 1;
                timers.put(r.id(), new Timers(t.expiresAt(), sent < maxReminders ? now.plus(t.every()) : null, sent,
                        t.every()));
                events.add(new AuditEvent(r.id(), EventType.REMINDED, Actors.KEYBOT, now,
                        "reminder " + sent + " of " + maxReminders));
                fired.add(new TimerOutcome(r, EventType.REMINDED));
            }
        }
        return fired;
    }

    @Override
    public synchronized Optional<KeyRequest> find(long id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized Optional<KeyRequest> move(long id, Transition t) {
        KeyRequest r = requests.get(id);
        if (r == null || r.state() != t.from()) {
            return Optional.empty();
        }
        var moved = new KeyRequest(r.id(), r.requester(), r.projectName(), r.projectRef(), r.keyName(), r.reason(),
                r.description(), t.to(), r.createdAt(), t.at(),
                t.decision() != null ? t.decision() : r.decision(),
                t.key() != null ? t.key() : r.key(),
                t.failure(),
                r.approvalMessage(),
                null,
                r.approvals());
        requests.put(id, moved);
        events.add(t.auditEvent(id));
        if (t.startsDelivery()) {
            jobs.put(id, new QueuedJob(id, t.at(), 0, null, t.startsFirstDelivery()));
        }
        return Optional.of(moved);
    }

    @Override
    public synchronized Optional<KeyRequest> attachMessage(long id, KeyRequest.MessageRef message) {
        return Optional.ofNullable(requests.computeIfPresent(id, (key, r) -> new KeyRequest(r.id(), r.requester(), r.projectName(),
                r.projectRef(), r.keyName(), r.reason(), r.description(), r.state(), r.createdAt(), r.updatedAt(),
                r.decision(), r.key(), r.failure(), message, r.problem(), r.approvals())));
    }

    @Override
    public synchronized List<RequestHistory> history(HistoryQuery q) {
        return requests.values().stream()
                .filter(r -> q.requester().map(r.requester()::equals).orElse(true))
                .filter(r -> q.projectRef().map(r.projectRef()::equals).orElse(true))
                .filter(r -> q.keyName().map(r.keyName()::equals).orElse(true))
                .filter(r -> q.beforeId().map(before -> r.id() < before).orElse(true))
                .sorted(Comparator.comparing(KeyRequest::createdAt).thenComparing(KeyRequest::id).reversed())
                .limit(q.limit())
                .map(r -> new RequestHistory(r, eventsOf(r.id())))
                .toList();
    }

    @Override
    public synchronized List<KeyRequest> pending(java.util.Set<String> projectRefs, String exceptRequester,
                                                 int limit) {
        return requests.values().stream()
                .filter(r -> r.state() == State.PENDING && projectRefs.contains(r.projectRef()))
                .filter(r -> !r.requester().equals(exceptRequester))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<RequestHistory> byKeySha256(String sha256) {
        return requests.values().stream()
                .filter(r -> r.issuedKey().map(k -> k.fingerprint().equals(sha256)).orElse(false))
                .findFirst()
                .map(r -> new RequestHistory(r, eventsOf(r.id())));
    }

    @Override
    public synchronized Optional<Job> claim(Instant now, Instant leaseUntil) {
        Optional<QueuedJob> due = jobs.values().stream()
                .filter(j -> !j.due().isAfter(now))
                .filter(j -> j.lockedUntil() == null || !j.lockedUntil().isAfter(now))
                .min(Comparator.comparing(QueuedJob::due));
        due.ifPresent(j -> jobs.put(j.requestId(),
                new QueuedJob(j.requestId(), j.due(), j.attempts() + 1, leaseUntil, j.firstDelivery())));
        return due.map(j -> new Job(j.requestId(), j.attempts() + 1, j.firstDelivery() && j.attempts() == 0));
    }

    @Override
    public synchronized void retryAt(long requestId, Instant due, String problem) {
        jobs.computeIfPresent(requestId, (id, j) -> new QueuedJob(id, due, j.attempts(), null, j.firstDelivery()));
        requests.computeIfPresent(requestId, (id, r) -> new KeyRequest(r.id(), r.requester(), r.projectName(),
                r.projectRef(), r.keyName(), r.reason(), r.description(), r.state(), r.createdAt(), r.updatedAt(),
                r.decision(), r.key(), r.failure(), r.approvalMessage(), problem));
    }

    @Override
    public synchronized void finish(long requestId) {
        jobs.remove(requestId);
    }

    /** The queued job of the request, as stored; empty when none is owed. */
    synchronized Optional<QueuedJob> job(long requestId) {
        return Optional.ofNullable(jobs.get(requestId));
    }

    /** Every audit event of the request, oldest first. */
    synchronized List<AuditEvent> eventsOf(long id) {
        return events.stream().filter(e -> e.requestId() == id).toList();
    }

    /** Every audit event stored, oldest first. */
    synchronized List<AuditEvent> allEvents() {
        return List.copyOf(events);
    }
}
