package keybot.approvals;

import java.time.Instant;

/** One line of a request's history: who did what, when, and the detail that matters (never a secret). */
public record AuditEvent(long requestId, EventType type, String actor, Instant at, String detail) {}
