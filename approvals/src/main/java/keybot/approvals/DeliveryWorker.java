package keybot.approvals;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Does what an approval owes, driven by the durable queue: create the key (or, unless this is the request's
 * first run, find the one an interrupted or failed run created) and send it to the requester once. Each step is a
 * conditional move from the state before it, so a step that is repeated after a crash finds its work done or
 * redoes it harmlessly; each move writes what it owes people (the approval message brought up to date, the
 * requester told of a failure) with it. The secret is never stored: a resumed delivery reads it again from
 * Supabase.
 */
public final class DeliveryWorker {

    private final RequestStore store;
    private final DeliveryQueue queue;
    private final KeyIssuer issuer;
    private final Notifier notifier;
    private final RetryPolicy retry;
    private final Clock clock;

    public DeliveryWorker(
            RequestStore store,
            DeliveryQueue queue,
            KeyIssuer issuer,
            Notifier notifier,
            RetryPolicy retry,
            Clock clock) {
        this.store = requireNonNull(store, "store");
        this.queue = requireNonNull(queue, "queue");
        this.issuer = requireNonNull(issuer, "issuer");
        this.notifier = requireNonNull(notifier, "notifier");
        this.retry = requireNonNull(retry, "retry");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Claims one due job and works it; false when nothing was due. */
    public boolean runOne() {
        Instant now = clock.instant();
        Optional<DeliveryQueue.Job> job = queue.claim(now, now.plus(retry.lease()));
        job.ifPresent(this::work);
        return job.isPresent();
    }

    private void work(DeliveryQueue.Job job) {
        long id = job.requestId();
        Optional<KeyRequest> found = Optional.empty();
        try {
            found = store.find(id);
            if (found.isEmpty()) {
                queue.finish(id);
                return;
            }
            deliver(job, found.get());
        } catch (RuntimeException unexpected) {
            String problem = FailureText.unexpected(unexpected);
            queue.retryAt(id, later(job, Optional.empty()), problem, showing(found, problem));
        }
    }

    private void deliver(DeliveryQueue.Job job, KeyRequest start) {
        KeyRequest request = start;
        Secret secret = null;
        boolean untried = job.untried();
        while (request.state().isDelivering()) {
            try {
                if (request.state() == State.APPROVED) {
                    KeyIssuer.Created key = createOnce(request, untried);
                    untried = false; // this run may have made a key now
                    secret = key.secret();
                    request = advance(Transition.keyCreated(request, secret.identify(key.id()), clock.instant()));
                } else {
                    String keyId = request.issuedKey().orElseThrow().id();
                    if (secret == null
                            || !secret.identify(keyId)
                                    .equals(request.issuedKey().get())) {
                        secret = issuer.reveal(request.ask().projectRef(), keyId);
                    }
                    notifier.deliverSecret(request, secret);
                    request = advance(Transition.delivered(request, clock.instant()));
                }
            } catch (IssueFailure failure) {
                onIssueFailure(job, request, failure);
                return;
            } catch (Notifier.DeliveryFailure failure) {
                onDeliveryFailure(job, request, failure);
                return;
            }
        }
        queue.finish(request.id()); // what the last move owes people is queued with it
    }

    /**
     * Looks for a key an earlier run created before creating one, so one approval never makes two keys. An
     * untried run skips the look, which lists all the project's keys: no earlier run can have made one.
     */
    private KeyIssuer.Created createOnce(KeyRequest request, boolean untried) {
        Optional<String> existing = untried
                ? Optional.empty()
                : issuer.findByDescription(request.ask().projectRef(), marker(request));
        if (existing.isPresent()) {
            return new KeyIssuer.Created(
                    existing.get(), issuer.reveal(request.ask().projectRef(), existing.get()));
        }
        return issuer.create(request.ask().projectRef(), request.ask().keyName(), description(request));
    }

    /** Moves on; if another replica moved first, carries on from where it left the request. */
    private KeyRequest advance(Transition transition) {
        return store.move(transition)
                .orElseGet(() -> store.find(transition.requestId()).orElseThrow());
    }

    /**
     * A passing fault is retried; before the key exists only a few times, after that for as long as it takes,
     * since giving up would strand a key that was already made.
     */
    private void onIssueFailure(DeliveryQueue.Job job, KeyRequest request, IssueFailure failure) {
        boolean keyExists = request.state() == State.KEY_CREATED;
        if (failure.isTransient() && (keyExists || job.attempts() < retry.maxAttempts())) {
            String problem = FailureText.waiting(failure, request);
            queue.retryAt(request.id(), later(job, failure.retryAfter()), problem, showing(request, problem));
            return;
        }
        String reason = failure.isTransient()
                ? FailureText.gaveUp(failure, request, job.attempts())
                : FailureText.of(failure, request);
        if (store.move(Transition.failed(request, reason, clock.instant())).isEmpty()) {
            queue.retryAt(request.id(), clock.instant(), null, List.of()); // moved under us: look again
            return;
        }
        queue.finish(request.id());
    }

    /** A key that exists is never given up on: the delivery waits and tries again, however long it takes. */
    private void onDeliveryFailure(DeliveryQueue.Job job, KeyRequest request, Notifier.DeliveryFailure failure) {
        Instant due = failure.isPermanent() ? clock.instant().plus(retry.cap()) : later(job, failure.retryAfter());
        String problem = FailureText.undelivered(failure.getMessage(), failure.isPermanent());
        queue.retryAt(request.id(), due, problem, showing(request, problem));
    }

    /** A hold-up the approvers have not been shown yet is shown on the approval message. */
    private static List<Effect> showing(KeyRequest request, String problem) {
        return Objects.equals(request.problem(), problem) ? List.of() : List.of(Effect.UPDATE_MESSAGE);
    }

    private static List<Effect> showing(Optional<KeyRequest> request, String problem) {
        return request.map(r -> showing(r, problem)).orElse(List.of());
    }

    private Instant later(DeliveryQueue.Job job, Optional<Duration> hint) {
        return clock.instant().plus(retry.delay(job.attempts(), hint));
    }

    /** The start of every description keybot gives a key; how a key is traced back to its request. */
    static String marker(KeyRequest request) {
        return "keybot request #" + request.id() + " by ";
    }

    static String description(KeyRequest request) {
        String approver = request.decided().map(KeyRequest.Decision::by).orElse("?");
        return marker(request) + request.ask().requester() + ", approved by " + approver
                + request.descriptionText().map(d -> ": " + d).orElse("");
    }
}
