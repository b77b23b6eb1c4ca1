package keybot.approvals;

import java.util.Optional;

/**
 * The domain said no. Not an error: the person is told why, in one sentence the Slack layer words, and
 * nothing changed.
 */
public final class Refusal extends RuntimeException {

    public enum Reason {
        NOT_FOUND,
        ALREADY_DECIDED,
        OWN_REQUEST,
        NOT_AN_APPROVER,
        NOTHING_TO_RETRY,
        ALREADY_APPROVED_BY_YOU,
        NOT_YOURS
    }

    private final Reason reason;
    private final transient KeyRequest request;

    public Refusal(Reason reason, KeyRequest request) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.request = request;
    }

    public static Refusal notFound() {
        return new Refusal(Reason.NOT_FOUND, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The request as it stood when refused, when there is one. */
    public Optional<KeyRequest> request() {
        return Optional.ofNullable(request);
    }
}
