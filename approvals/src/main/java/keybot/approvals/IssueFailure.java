package keybot.approvals;

import java.time.Duration;
import java.util.Optional;

/** Why a key could not be issued, in a form the Slack layer can put into plain words. */
public final class IssueFailure extends RuntimeException {

    public enum Kind {
        /** Supabase refused the key name (400). */
        NAME_REJECTED,
        /** The access token is missing a permission or is invalid (401, 403). */
        NOT_PERMITTED,
        /** The project or key does not exist (404). */
        NOT_FOUND,
        /** Too many requests (429). */
        RATE_LIMITED,
        /** Supabase failed or could not be reached (5xx, connection errors). */
        UNAVAILABLE,
        /** Supabase did not answer in time. */
        TIMEOUT,
        /** Supabase answered with something keybot does not understand. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final String detail;
    private final transient Optional<Duration> retryAfter;

    /** @param detail what Supabase said, if anything; must never contain a secret */
    public IssueFailure(Kind kind, String detail) {
        this(kind, detail, Optional.empty());
    }

    /** @param retryAfter how long Supabase asked keybot to wait, when it said */
    public IssueFailure(Kind kind, String detail, Optional<Duration> retryAfter) {
        super(kind + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.kind = kind;
        this.detail = detail == null ? "" : detail;
        this.retryAfter = retryAfter;
    }

    /** Worth trying again later: the rate limit, an outage or a timeout. Not a refusal, which would repeat. */
    public boolean isTransient() {
        return kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }
}
