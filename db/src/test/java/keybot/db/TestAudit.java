package keybot.db;

import java.time.Instant;
import java.util.Set;
import keybot.approvals.Draft;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.Submission;
import keybot.approvals.Transition;

/** An audit log to verify, and what a superuser can do to it: shared with the bot module's audit tests. */
public final class TestAudit {

    public static final Project PRODUCTION = new Project("production", "abcdefghijklmnopqrst", Set.of("UADMIN1"), 1);

    private TestAudit() {}

    /**
     * Three requests in production, a second apart from {@code t0}: two approved and one denied by UADMIN1 ten
     * seconds after {@code t0}. Six audit lines in all.
     */
    public static void threeRequests(PostgresRequestStore store, Instant t0) {
        for (int i = 0; i < 3; i++) {
            KeyRequest r = store.create(Submission.of(
                    new Draft("USTEVE", PRODUCTION.ref(), "key_" + i, "reason " + i, null),
                    PRODUCTION,
                    t0.plusSeconds(i)));
            store.move(
                    i == 2
                            ? Transition.denial(r, "UADMIN1", "no", t0.plusSeconds(10))
                            : Transition.approval(r, "UADMIN1", t0.plusSeconds(10)));
        }
    }

    /** What a database superuser can do: lift the append-only trigger, change the table, put the trigger back. */
    public static void asSuperuser(Database db, String sql) {
        db.jdbi().useTransaction(h -> {
            h.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
            h.execute(sql);
            h.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete");
        });
    }
}
