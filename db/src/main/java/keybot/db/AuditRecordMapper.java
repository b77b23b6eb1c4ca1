package keybot.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import keybot.approvals.AuditRecord;
import keybot.approvals.EventType;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads an {@code audit_event} row as the chained line it is. */
public final class AuditRecordMapper implements RowMapper<AuditRecord> {

    @Override
    public AuditRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AuditRecord(
                rs.getLong("seq"),
                KeyRequestMapper.instant(rs, "at"),
                rs.getLong("request_id"),
                EventType.valueOf(rs.getString("type")),
                rs.getString("actor"),
                rs.getString("actor_name"),
                rs.getString("project"),
                rs.getString("key_name"),
                rs.getString("key_id"),
                rs.getString("key_sha256"),
                rs.getString("detail"),
                rs.getString("message_link"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
