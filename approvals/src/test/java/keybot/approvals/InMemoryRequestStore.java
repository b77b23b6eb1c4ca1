package keybot.approvals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link RequestStore} in memory, with its {@link DeliveryQueue} ({@link #deliveries}) and {@link EffectQueue}
 * ({@link #effects}), which share its lock as the PostgreSQL ones share its transactions.
 * {@link RequestStoreContract} holds it to exactly what it holds the PostgreSQL store to, so the two cannot drift
 * apart.
 */
public final class InMemoryRequestStore implements RequestStore {

    /** A queued delivery, as the delivery_job table holds it. */
    public record QueuedJob(long requestId, Instant due, int attempts, Instant lockedUntil, boolean firstDelivery) {}

    /** An effect owed, as the effect table holds it; due at once while {@code due} is null. */
    public record QueuedEffect(
            long id, long requestId, Effect effect, Instant due, int attempts, Instant lockedUntil) {}

    private final Map<Long, KeyRequest> requests = new TreeMap<>();
    private final List<AuditEvent> events = new ArrayList<>();
    private final Map<Long, QueuedJob> jobs = new TreeMap<>();
    private final Map<Long, QueuedEffect> owed = new TreeMap<>();
    /** Every key each request has held, as the audit log remembers them. */
    private final Map<Long, Set<String>> keysEver = new HashMap<>();

    private long lastId;
    private long lastEffectId;

    @Override
    public synchronized KeyRequest create(Submission submission) {
        long id = ++lastId;
        KeyRequest request = submission.asRequest(id);
        requests.put(id, request);
        events.add(submission.event(id));
        queue(id, Submission.EFFECTS);
        return request;
    }

    @Override
    public synchronized Optional<KeyRequest> find(long id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized Optional<KeyRequest> move(Transition t) {
        KeyRequest stored = requests.get(t.requestId());
        if (stored == null || stored.version() != t.before().version()) {
            return Optional.empty();
        }
        KeyRequest moved = t.after().withMessage(stored.approvalMessage());
        requests.put(moved.id(), moved);
        events.add(t.event());
        moved.issuedKey()
                .ifPresent(k -> keysEver.computeIfAbsent(moved.id(), id -> new HashSet<>())
                        .add(k.fingerprint()));
        queue(moved.id(), t.effects());
        if (t.delivery() != Transition.Delivery.NONE) {
            jobs.put(
                    moved.id(),
                    new QueuedJob(moved.id(), t.event().at(), 0, null, t.delivery() == Transition.Delivery.FIRST));
        }
        return Optional.of(moved);
    }

    @Override
    public synchronized Optional<KeyRequest> attachMessage(long id, KeyRequest.MessageRef message) {
        return Optional.ofNullable(requests.computeIfPresent(id, (key, r) -> r.withMessage(message)));
    }

    @Override
    public synchronized List<KeyRequest> dueTimers(Instant now, int limit) {
        return requests.values().stream()
                .filter(r -> r.dueTimer(now).isPresent())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<RequestHistory> history(HistoryQuery q) {
        return requests.values().stream()
                .filter(r -> q.requester().map(r.ask().requester()::equals).orElse(true))
                .filter(r -> q.projectRef().map(r.ask().projectRef()::equals).orElse(true))
                .filter(r -> q.keyName().map(r.ask().keyName()::equals).orElse(true))
                .filter(r -> q.beforeId().map(before -> r.id() < before).orElse(true))
                .sorted(Comparator.comparing(KeyRequest::id).reversed())
                .limit(q.limit())
                .map(r -> new RequestHistory(r, eventsOf(r.id())))
                .toList();
    }

    @Override
    public synchronized List<KeyRequest> pending(
            Set<String> projectRefs, String exceptRequester, long afterId, int limit) {
        return requests.values().stream()
                .filter(r -> r.state() == State.PENDING
                        && projectRefs.contains(r.ask().projectRef())
                        && r.id() > afterId)
                .filter(r -> !r.ask().requester().equals(exceptRequester))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<RequestHistory> byKeySha256(String sha256) {
        return requests.values().stream()
                .filter(r -> keysEver.getOrDefault(r.id(), Set.of()).contains(sha256))
                .findFirst()
                .map(r -> new RequestHistory(r, eventsOf(r.id())));
    }

    public final DeliveryQueue deliveries = new Deliveries();
    public final EffectQueue effects = new Effects();

    private final class Deliveries implements DeliveryQueue {
        @Override
        public Optional<Job> claim(Instant now, Instant leaseUntil) {
            synchronized (InMemoryRequestStore.this) {
                Optional<QueuedJob> due = jobs.values().stream()
                        .filter(j -> !j.due().isAfter(now) && isFree(j.lockedUntil(), now))
                        .min(Comparator.comparing(QueuedJob::due));
                due.ifPresent(j -> jobs.put(
                        j.requestId(),
                        new QueuedJob(j.requestId(), j.due(), j.attempts() + 1, leaseUntil, j.firstDelivery())));
                return due.map(j -> new Job(j.requestId(), j.attempts() + 1, j.firstDelivery() && j.attempts() == 0));
            }
        }

        @Override
        public void retryAt(long requestId, Instant due, String problem, List<Effect> owed) {
            synchronized (InMemoryRequestStore.this) {
                jobs.computeIfPresent(requestId, (id, j) -> new QueuedJob(id, due, j.attempts(), null, false));
                requests.computeIfPresent(requestId, (id, r) -> r.withHoldUp(problem));
                queue(requestId, owed);
            }
        }

        @Override
        public void finish(long requestId) {
            synchronized (InMemoryRequestStore.this) {
                jobs.remove(requestId);
            }
        }
    }

    private final class Effects implements EffectQueue {
        @Override
        public Optional<Claimed> claim(Instant now, Instant leaseUntil) {
            synchronized (InMemoryRequestStore.this) {
                Optional<QueuedEffect> head = owed.values().stream()
                        .filter(e -> (e.due() == null || !e.due().isAfter(now)) && isFree(e.lockedUntil(), now))
                        .filter(e -> owed.values().stream()
                                .noneMatch(o -> o.requestId() == e.requestId() && o.id() < e.id()))
                        .min(Comparator.comparing(QueuedEffect::due, Comparator.nullsFirst(Comparator.naturalOrder()))
                                .thenComparing(QueuedEffect::id));
                return head.map(e -> lease(e, leaseUntil));
            }
        }

        /** Holds the effect until {@code leaseUntil}, one attempt more, with its request as it is now. */
        private Claimed lease(QueuedEffect e, Instant leaseUntil) {
            owed.put(
                    e.id(), new QueuedEffect(e.id(), e.requestId(), e.effect(), e.due(), e.attempts() + 1, leaseUntil));
            boolean superseded = owed.values().stream()
                    .anyMatch(o -> o.requestId() == e.requestId()
                            && o.id() > e.id()
                            && o.effect().equals(e.effect()));
            return new Claimed(e.id(), requests.get(e.requestId()), e.effect(), e.attempts() + 1, superseded);
        }

        @Override
        public Optional<Claimed> claimNextOf(long requestId, Instant now, Instant leaseUntil) {
            synchronized (InMemoryRequestStore.this) {
                return owed.values().stream()
                        .filter(e -> e.requestId() == requestId)
                        .findFirst()
                        .filter(e -> (e.due() == null || !e.due().isAfter(now)) && isFree(e.lockedUntil(), now))
                        .map(e -> lease(e, leaseUntil));
            }
        }

        @Override
        public void done(long effectId) {
            synchronized (InMemoryRequestStore.this) {
                owed.remove(effectId);
            }
        }

        @Override
        public void posted(long effectId, long requestId, KeyRequest.MessageRef message) {
            synchronized (InMemoryRequestStore.this) {
                attachMessage(requestId, message);
                owed.remove(effectId);
            }
        }

        @Override
        public void retryAt(long effectId, Instant due) {
            synchronized (InMemoryRequestStore.this) {
                owed.computeIfPresent(
                        effectId, (id, e) -> new QueuedEffect(id, e.requestId(), e.effect(), due, e.attempts(), null));
            }
        }

        @Override
        public void dropped(long effectId, AuditEvent why) {
            synchronized (InMemoryRequestStore.this) {
                owed.remove(effectId);
                events.add(why);
            }
        }
    }

    private static boolean isFree(Instant lockedUntil, Instant now) {
        return lockedUntil == null || !lockedUntil.isAfter(now);
    }

    private void queue(long requestId, List<Effect> more) {
        for (Effect effect : more) {
            long id = ++lastEffectId;
            owed.put(id, new QueuedEffect(id, requestId, effect, null, 0, null));
        }
    }

    // --- what tests look at ---

    /** The queued job of the request, as stored; empty when none is owed. */
    public synchronized Optional<QueuedJob> job(long requestId) {
        return Optional.ofNullable(jobs.get(requestId));
    }

    /** The effects still owed for the request, oldest first. */
    public synchronized List<QueuedEffect> effectsOf(long requestId) {
        return owed.values().stream().filter(e -> e.requestId() == requestId).toList();
    }

    /** Every audit event of the request, oldest first. */
    public synchronized List<AuditEvent> eventsOf(long id) {
        return events.stream().filter(e -> e.requestId() == id).toList();
    }

    /** Every audit event stored, oldest first. */
    public synchronized List<AuditEvent> allEvents() {
        return List.copyOf(events);
    }
}
