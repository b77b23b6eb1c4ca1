package keybot.approvals;

import java.util.Optional;

/** Tells people about requests: Slack in production. Calls are made off the acknowledgement path. */
public interface Notifier {

    /** Posts the request for the approvers; empty when it could not be posted. */
    Optional<KeyRequest.MessageRef> postForApproval(KeyRequest request);

    /** Brings the approval message up to date with the request's state. */
    void refreshApproval(KeyRequest request);

    /** Tells the requester where the request stands now (pending, denied, failed). */
    void tellRequester(KeyRequest request);

    /**
     * Sends the secret to the requester, once.
     *
     * @throws DeliveryFailure when it could not be sent
     */
    void deliverSecret(KeyRequest request, Secret secret);

    final class DeliveryFailure extends RuntimeException {
        public DeliveryFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
