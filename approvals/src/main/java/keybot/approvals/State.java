package keybot.approvals;

import java.util.EnumSet;
import java.util.Set;

/** Where a key request is in its life. The allowed moves are written here and nowhere else. */
public enum State {
    PENDING, APPROVED, KEY_CREATED, DELIVERED, DENIED, FAILED;

    /** The states this one may move to. */
    public Set<State> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(APPROVED, DENIED);
            case APPROVED -> EnumSet.of(KEY_CREATED, FAILED);
            case KEY_CREATED -> EnumSet.of(DELIVERED, FAILED);
            case DELIVERED, DENIED, FAILED -> EnumSet.noneOf(State.class);
        };
    }

    public boolean mayMoveTo(State to) {
        return next().contains(to);
    }

    /** True once an approver has said yes or no; a second decision must change nothing. */
    public boolean isDecided() {
        return this != PENDING;
    }
}
