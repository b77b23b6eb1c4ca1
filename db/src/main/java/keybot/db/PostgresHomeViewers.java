package keybot.db;

import java.time.Instant;
import keybot.approvals.HomeViewers;
import org.jdbi.v3.core.Jdbi;

/** The {@link HomeViewers} in PostgreSQL: the {@code home_viewer} table. */
public final class PostgresHomeViewers implements HomeViewers {

    private final Jdbi jdbi;

    public PostgresHomeViewers(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void opened(String user, Instant at) {
        jdbi.useHandle(
                h -> h.createUpdate("""
                        INSERT INTO home_viewer (user_id, opened_at) VALUES (:user, :at)
                        ON CONFLICT (user_id) DO UPDATE SET opened_at = greatest(home_viewer.opened_at, :at)
                        """).bind("user", user).bind("at", at).execute());
    }

    @Override
    public boolean openedSince(String user, Instant since) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM home_viewer WHERE user_id = :user AND opened_at >= :since)")
                .bind("user", user)
                .bind("since", since)
                .mapTo(Boolean.class)
                .one());
    }
}
