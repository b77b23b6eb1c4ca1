package keybot.approvals;

import java.time.Clock;

/**
 * What happens after an approval: create the key, record what identifies it, send it to the requester once,
 * update the approval message. Every step is a conditional move from the state before it; only the winner of
 * the approval starts a delivery.
 */
public final class KeyDelivery {

    private final RequestStore store;
    private final KeyIssuer issuer;
    private final Notifier notifier;
    private final Clock clock;

    public KeyDelivery(RequestStore store, KeyIssuer issuer, Notifier notifier, Clock clock) {
        this.store = store;
        this.issuer = issuer;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Runs the delivery of an APPROVED request; does nothing for a request in any other state. */
    public KeyRequest deliver(long id) {
        KeyRequest approved = store.find(id).orElseThrow(Refusal::notFound);
        if (approved.state() != State.APPROVED) {
            return approved;
        }
        notifier.refreshApproval(approved);
        KeyIssuer.Created created;
        try {
            created = issuer.create(approved.projectRef(), approved.keyName(), description(approved));
        } catch (IssueFailure failure) {
            return fail(approved, FailureText.of(failure, approved));
        } catch (RuntimeException unexpected) {
            return fail(approved, FailureText.unexpected(unexpected));
        }
        KeyRequest.IssuedKey key = created.secret().identify(created.id());
        KeyRequest recorded = store.move(id, Transition.keyCreated(key, clock.instant())).orElseThrow();
        try {
            notifier.deliverSecret(recorded, created.secret());
        } catch (Notifier.DeliveryFailure failure) {
            return fail(recorded, FailureText.undelivered(key, failure.getMessage()));
        } catch (RuntimeException unexpected) {
            return fail(recorded, FailureText.undelivered(key, unexpected.getClass().getSimpleName()));
        }
        KeyRequest delivered = store.move(id, Transition.delivered(recorded.requester(), clock.instant()))
                .orElseThrow();
        notifier.refreshApproval(delivered);
        return delivered;
    }

    /**
     * Names the request in the key's description, so the key can always be traced back to it, followed by the
     * requester's own description.
     */
    static String description(KeyRequest request) {
        String approver = request.decided().map(KeyRequest.Decision::by).orElse("?");
        return "keybot request #" + request.id() + " by " + request.requester() + ", approved by " + approver
                + request.descriptionText().map(d -> ": " + d).orElse("");
    }

    private KeyRequest fail(KeyRequest request, String reason) {
        KeyRequest failed = store.move(request.id(), Transition.failed(request.state(), reason, clock.instant()))
                .orElseThrow();
        notifier.refreshApproval(failed);
        notifier.tellRequester(failed);
        return failed;
    }
}
