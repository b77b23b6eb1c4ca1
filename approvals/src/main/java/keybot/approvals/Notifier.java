package keybot.approvals;

import java.time.Duration;
import java.util.Optional;

/**
 * Tells people about requests: Slack in production. Called off the acknowledgement path, by the workers that
 * perform what a change owes.
 */
public interface Notifier {

    /** Performs one effect, showing the request as it is now. */
    Outcome perform(KeyRequest request, Effect effect);

    /**
     * Sends the secret to the requester, once.
     *
     * @throws DeliveryFailure when it could not be sent
     */
    void deliverSecret(KeyRequest request, Secret secret);

    /**
     * How performing went: done (and where the request was posted, for a post), failed for a reason that may pass
     * (and how long Slack asked to wait), or refused for good, with Slack's reason.
     */
    record Outcome(Status status, Optional<KeyRequest.MessageRef> posted, Optional<Duration> retryAfter, String why) {

        public enum Status {
            DONE,
            PASSING,
            REFUSED
        }

        public static final Outcome DONE = new Outcome(Status.DONE, Optional.empty(), Optional.empty(), null);

        public static Outcome posted(KeyRequest.MessageRef message) {
            return new Outcome(Status.DONE, Optional.of(message), Optional.empty(), null);
        }

        public static Outcome passing(String why, Optional<Duration> retryAfter) {
            return new Outcome(Status.PASSING, Optional.empty(), retryAfter, why);
        }

        public static Outcome refused(String why) {
            return new Outcome(Status.REFUSED, Optional.empty(), Optional.empty(), why);
        }
    }

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
