package keybot.approvals;

import java.util.EnumSet;
import java.util.Set;

/** Where a key request is in its life. The allowed moves are written here and nowhere else. */
public enum State {
    PENDING,
    APPROVED,
    KEY_CREATED,
    DELIVERED,
    DENIED,
    CANCELLED,
    EXPIRED,
    FAILED;

    /** The states this one may move to. */
    public Set<State> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(APPROVED, DENIED, CANCELLED, EXPIRED);
            case APPROVED -> EnumSet.of(KEY_CREATED, FAILED);
            case KEY_CREATED -> EnumSet.of(DELIVERED, FAILED);
            // an approver may retry a failed delivery; the original approval stands
            case FAILED -> EnumSet.of(APPROVED);
            case DELIVERED, DENIED, CANCELLED, EXPIRED -> EnumSet.noneOf(State.class);
        };
    }

    public boolean mayMoveTo(State to) {
        return next().contains(to);
    }

    /** True once an approver has said yes or no; a second decision must change nothing. */
    public boolean isDecided() {
        return this != PENDING;
    }

    /** True while keybot still owes work after the approval: create the key, send it. */
    public boolean isDelivering() {
        return this == APPROVED || this == KEY_CREATED;
    }
}
