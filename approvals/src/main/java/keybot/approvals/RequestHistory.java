package keybot.approvals;

import java.util.List;

/** A request with its audit events, oldest first. */
public record RequestHistory(KeyRequest request, List<AuditEvent> events) {

    public RequestHistory {
        events = List.copyOf(events);
    }
}
