package keybot.approvals;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Does what an approval owes, driven by the durable queue: create the key (or, unless this is the request's
 * first run, find the one an interrupted or failed run created), send it to the requester once, update the
 * approval message. Each step is a conditional move from the state before it, so a step that is repeated after
 * a crash finds its work done or redoes it harmlessly; the secret is never stored, and a resumed delivery reads
 * it again from Supabase.
 */
public final class DeliveryWorker {

    private final RequestStore store;
    private final DeliveryQueue queue;
    private final KeyIssuer issuer;
    private final Notifier notifier;
    private final RetryPolicy retry;
    private final Clock clock;

    public DeliveryWorker(RequestStore store, DeliveryQueue queue, KeyIssuer issuer, Notifier notifier,
                          RetryPolicy retry, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.issuer = issuer;
        this.notifier = notifier;
        this.retry = retry;
        this.clock = clock;
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
        try {
            Optional<KeyRequest> found = store.find(id);
            if (found.isEmpty()) {
                queue.finish(id);
                return;
            }
            deliver(job, found.get());
        } catch (RuntimeException unexpected) {
            queue.retryAt(id, later(job, Optional.empty()), FailureText.unexpected(unexpected));
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
                    request = advance(request, Transition.keyCreated(secret.identify(key.id()), clock.instant()));
                } else {
                    String keyId = request.issuedKey().orElseThrow().id();
                    if (secret == null || !secret.identify(keyId).equals(request.issuedKey().get())) {
                        secret = issuer.reveal(request.projectRef(), keyId);
                    }
                    notifier.deliverSecret(request, secret);
                    request = advance(request, Transition.delivered(request.requester(), clock.instant()));
                }
            } catch (IssueFailure failure) {
                onIssueFailure(job, request, failure);
                return;
            } catch (Notifier.DeliveryFailure failure) {
                onDeliveryFailure(job, request, failure);
                return;
            }
        }
        settle(job, request);
    }

    /**
     * Looks for a key an earlier run created before creating one, so one approval never makes two keys. An
     * untried run skips the look, which lists all the project's keys: no earlier run can have made one.
     */
    private KeyIssuer.Created createOnce(KeyRequest request, boolean untried) {
        Optional<String> existing = untried ? Optional.empty()
                : issuer.findByDescription(request.projectRef(), marker(request));
        if (existing.isPresent()) {
            return new KeyIssuer.Created(existing.get(), issuer.reveal(request.projectRef(), existing.get()));
        }
        return issuer.create(request.projectRef(), request.keyName(), description(request));
    }

    /** Moves on; if another replica moved first, carries on from where it left the request. */
    private KeyRequest advance(KeyRequest request, Transition transition) {
        return store.move(request.id(), transition).orElseGet(() -> store.find(request.id()).orElseThrow());
    }

    /**
     * A passing fault is retried; before the key exists only a few times, after that for as long as it takes,
     * since giving up would strand a key that was already made.
     */
    private void onIssueFailure(DeliveryQueue.Job job, KeyRequest request, IssueFailure failure) {
        boolean keyExists = request.state() == State.KEY_CREATED;
        if (failure.isTransient() && (keyExists || job.attempts() < retry.maxAttempts())) {
            queue.retryAt(request.id(), later(job, failure.retryAfter()), FailureText.waiting(failure, request));
            notifier.refreshApproval(store.find(request.id()).orElse(request));
            return;
        }
        String reason = failure.isTransient() ? FailureText.gaveUp(failure, request, job.attempts())
                : FailureText.of(failure, request);
        Optional<KeyRequest> failed = store.move(request.id(), Transition.failed(request.state(), reason,
                clock.instant()));
        if (failed.isEmpty()) {
            queue.retryAt(request.id(), clock.instant(), null); // moved under us: look again
            return;
        }
        notifier.tellRequester(failed.get());
        settle(job, failed.get());
    }

    /** A key that exists is never given up on: the delivery waits and tries again, however long it takes. */
    private void onDeliveryFailure(DeliveryQueue.Job job, KeyRequest request, Notifier.DeliveryFailure failure) {
        Instant due = failure.isPermanent() ? clock.instant().plus(retry.cap()) : later(job, failure.retryAfter());
        queue.retryAt(request.id(), due, FailureText.undelivered(failure.getMessage(), failure.isPermanent()));
        notifier.refreshApproval(store.find(request.id()).orElse(request));
    }

    /** Nothing more is owed but the approval message; Slack gets a few tries at that. */
    private void settle(DeliveryQueue.Job job, KeyRequest request) {
        if (notifier.refreshApproval(request) || job.attempts() >= retry.maxAttempts()) {
            queue.finish(request.id());
        } else {
            queue.retryAt(request.id(), later(job, Optional.empty()), null);
        }
    }

    private Instant later(DeliveryQueue.Job job, Optional<java.time.Duration> hint) {
        return clock.instant().plus(retry.delay(job.attempts(), hint));
    }

    /** The start of every description keybot gives a key; how a key is traced back to its request. */
    static String marker(KeyRequest request) {
        return "keybot request #" + request.id() + " by ";
    }

    static String description(KeyRequest request) {
        String approver = request.decided().map(KeyRequest.Decision::by).orElse("?");
        return marker(request) + request.requester() + ", approved by " + approver
                + request.descriptionText().map(d -> ": " + d).orElse("");
    }
}
