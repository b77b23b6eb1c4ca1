package keybot.db;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import keybot.approvals.AuditChain;
import keybot.approvals.AuditRecord;
import keybot.approvals.ChainCheck;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Reads the audit log for auditors: the whole chain in order for verification, or a filtered export. Both stream
 * with a server-side cursor, so memory stays flat at millions of lines.
 */
public final class PostgresAuditLog {

    private static final int FETCH_SIZE = 1000;

    /** What to export; every part is optional. {@code until} is exclusive. */
    public record Filter(Optional<Instant> since, Optional<Instant> until, Optional<String> project) {
        public static Filter everything() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private final Jdbi jdbi;

    public PostgresAuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Walks the whole chain in order and checks it against the recorded end of the chain. */
    public ChainCheck verify() {
        ChainCheck check = new ChainCheck();
        // one snapshot: lines appended while we read are neither seen nor counted in the head
        jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            stream(h, Filter.everything(), check::accept);
            var head = h.createQuery("SELECT seq, hash FROM audit_head WHERE id = 1")
                    .map((rs, ctx) -> new Object[] {rs.getLong("seq"), rs.getString("hash")})
                    .one();
            check.end((Long) head[0], (String) head[1]);
        });
        return check;
    }

    /** The lines that match, oldest first. */
    public void export(Filter filter, Consumer<AuditRecord> out) {
        jdbi.useTransaction(h -> stream(h, filter, out));
    }

    private static void stream(Handle h, Filter filter, Consumer<AuditRecord> out) {
        h.createQuery("""
                SELECT * FROM audit_event
                 WHERE (CAST(:since AS timestamptz) IS NULL OR at >= :since)
                   AND (CAST(:until AS timestamptz) IS NULL OR at < :until)
                   AND (CAST(:project AS text) IS NULL OR project = :project)
                 ORDER BY seq
                """)
                .bind("since", filter.since().orElse(null))
                .bind("until", filter.until().orElse(null))
                .bind("project", filter.project().orElse(null))
                .setFetchSize(FETCH_SIZE)
                .map(new AuditRecordMapper())
                .useStream(lines -> lines.forEach(out));
    }

    /** The canonical JSON of a line with its own hash added: the documented export shape. */
    public static String jsonLine(AuditRecord r) {
        String canonical = AuditChain.canonical(r);
        return canonical.substring(0, canonical.length() - 1) + ",\"hash\":" + AuditChain.quote(r.hash()) + "}";
    }
}
