package keybot.approvals;

import java.util.Optional;

/**
 * Which requests to list, newest first: all of them, or only one requester's, one project's or one key name's;
 * a page ends before {@code beforeId} when it is set.
 */
public record HistoryQuery(
        Optional<String> requester,
        Optional<String> projectRef,
        Optional<String> keyName,
        Optional<Long> beforeId,
        int limit) {

    public static HistoryQuery newest(int limit) {
        return new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public HistoryQuery ofRequester(String user) {
        return new HistoryQuery(Optional.of(user), projectRef, keyName, beforeId, limit);
    }

    public HistoryQuery ofProject(String ref) {
        return new HistoryQuery(requester, Optional.of(ref), keyName, beforeId, limit);
    }

    public HistoryQuery ofKeyName(String name) {
        return new HistoryQuery(requester, projectRef, Optional.of(name), beforeId, limit);
    }

    public HistoryQuery before(long id) {
        return new HistoryQuery(requester, projectRef, keyName, Optional.of(id), limit);
    }
}
