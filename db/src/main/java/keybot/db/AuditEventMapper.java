package keybot.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import keybot.approvals.AuditEvent;
import keybot.approvals.EventType;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads an {@code audit_event} row. */
public final class AuditEventMapper implements RowMapper<AuditEvent> {

    @Override
    public AuditEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AuditEvent(
                rs.getLong("request_id"),
                EventType.valueOf(rs.getString("type")),
                rs.getString("actor"),
                KeyRequestMapper.instant(rs, "at"),
                rs.getString("detail"));
    }
}
