package keybot.approvals;

import java.time.Duration;
import java.util.Optional;

/** Tells people about requests: Slack in production. Calls are made off the acknowledgement path. */
public interface Notifier {

    /** Posts the request for the approvers; empty when it could not be posted. */
    Optional<KeyRequest.MessageRef> postForApproval(KeyRequest request);

    /**
     * Brings the approval message up to date with the request's state.
     *
     * @return false when Slack could not be reached for now and it is worth trying again
     */
    boolean refreshApproval(KeyRequest request);

    /** Tells the requester where the request stands now (pending, denied, failed). */
    void tellRequester(KeyRequest request);

    /** Replies under the approval message that {@code reviewer} approved or denied (with several approvers). */
    default void reviewed(KeyRequest request, String reviewer) {
    }

    /** Replies under the approval message, mentioning the approvers, that the request is still waiting. */
    default void remind(KeyRequest request, java.util.Set<String> approvers) {
    }

    /**
     * Sends the secret to the requester, once.
     *
     * @throws DeliveryFailure when it could not be sent
     */
    void deliverSecret(KeyRequest request, Secret secret);

    /** The secret could not be sent; the message never contains it. */
    final class DeliveryFailure extends RuntimeException {
        private final transient Optional<Duration> retryAfter;
        private final boolean permanent;

        public DeliveryFailure(String message, Optional<Duration> retryAfter, boolean permanent) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
            this.permanent = permanent;
        }

        public Optional<Duration> retryAfter() {
            return retryAfter;
        }

        /** Slack refused for a reason that will not go away by itself (an admin must act). */
        public boolean isPermanent() {
            return permanent;
        }
    }
}
