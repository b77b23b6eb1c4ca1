package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import keybot.approvals.AuditChain;
import keybot.approvals.AuditRecord;
import keybot.approvals.EventType;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Chains the audit lines written before the chain existed, in the order they were written, using the same
 * canonical form as every later line; then makes the chain columns mandatory. On a new database there is
 * nothing to chain. The append-only trigger is lifted for this one transaction only.
 */
public class V4__chain_existing_audit_events extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        try (Statement s = db.createStatement()) {
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
        }
        long seq = 0;
        String prev = AuditChain.GENESIS;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("""
                     SELECT a.id, a.request_id, a.type, a.actor, a.at, a.detail, r.project_name, r.key_name
                       FROM audit_event a JOIN key_request r ON r.id = a.request_id ORDER BY a.id""");
                PreparedStatement update = db.prepareStatement("""
                     UPDATE audit_event SET seq = ?, actor_name = ?, project = ?, key_name = ?, prev_hash = ?,
                            hash = ? WHERE id = ?""")) {
            while (rs.next()) {
                seq++;
                AuditRecord line = new AuditRecord(
                                0,
                                rs.getTimestamp("at").toInstant(),
                                rs.getLong("request_id"),
                                EventType.valueOf(rs.getString("type")),
                                rs.getString("actor"),
                                rs.getString("actor"),
                                rs.getString("project_name"),
                                rs.getString("key_name"),
                                null,
                                null,
                                rs.getString("detail"),
                                null,
                                null,
                                null)
                        .chained(seq, prev);
                update.setLong(1, seq);
                update.setString(2, line.actorName());
                update.setString(3, line.project());
                update.setString(4, line.keyName());
                update.setString(5, line.prevHash());
                update.setString(6, line.hash());
                update.setLong(7, rs.getLong("id"));
                update.executeUpdate();
                prev = line.hash();
            }
        }
        try (PreparedStatement head = db.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            head.setLong(1, seq);
            head.setString(2, prev);
            head.executeUpdate();
        }
        try (Statement s = db.createStatement()) {
            s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete");
            s.execute("""
                    ALTER TABLE audit_event
                        ALTER COLUMN seq SET NOT NULL,
                        ALTER COLUMN actor_name SET NOT NULL,
                        ALTER COLUMN prev_hash SET NOT NULL,
                        ALTER COLUMN hash SET NOT NULL,
                        ADD CONSTRAINT audit_event_seq_unique UNIQUE (seq)""");
            // what history, App Home, export and leak tracing look up
            s.execute("CREATE INDEX audit_event_by_at ON audit_event (at)");
            s.execute("CREATE INDEX key_request_by_project ON key_request (project_name, id DESC)");
            s.execute("CREATE INDEX key_request_by_key_name ON key_request (key_name, id DESC)");
            s.execute("CREATE INDEX key_request_by_key_sha256 ON key_request (key_sha256)");
            s.execute("CREATE INDEX key_request_by_state ON key_request (state, id DESC)");
        }
    }
}
