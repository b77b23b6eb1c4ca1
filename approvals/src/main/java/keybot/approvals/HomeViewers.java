package keybot.approvals;

import java.time.Instant;

/** Who has opened keybot's App Home, and when: kept in the database, so that every replica knows. */
public interface HomeViewers {

    void opened(String user, Instant at);

    /** Whether the person opened App Home at or after {@code since}. */
    boolean openedSince(String user, Instant since);
}
