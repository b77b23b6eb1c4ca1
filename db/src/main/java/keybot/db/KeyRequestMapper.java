package keybot.db;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.approvals.Timers;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code key_request} row; the optional parts become null when their columns are. */
public final class KeyRequestMapper implements RowMapper<KeyRequest> {

    @Override
    public KeyRequest map(ResultSet rs, StatementContext ctx) throws SQLException {
        String decidedBy = rs.getString("decided_by");
        String keyId = rs.getString("key_id");
        String channel = rs.getString("message_channel");
        return new KeyRequest(
                rs.getLong("id"),
                new KeyRequest.Ask(
                        rs.getString("requester"),
                        rs.getString("project_name"),
                        rs.getString("project_ref"),
                        rs.getString("key_name"),
                        rs.getString("reason"),
                        rs.getString("description"),
                        instant(rs, "created_at")),
                RulesJson.read(rs.getString("rules")),
                State.valueOf(rs.getString("state")),
                instant(rs, "updated_at"),
                decidedBy == null
                        ? null
                        : new KeyRequest.Decision(decidedBy, instant(rs, "decided_at"), rs.getString("decision_note")),
                approvals(rs),
                keyId == null
                        ? null
                        : new KeyRequest.IssuedKey(keyId, rs.getString("key_sha256"), rs.getString("key_hint")),
                rs.getString("failure"),
                new Timers(instant(rs, "expires_at"), instant(rs, "next_reminder_at"), rs.getInt("reminders_sent")),
                channel == null
                        ? null
                        : new KeyRequest.MessageRef(channel, rs.getString("message_ts"), rs.getString("message_link")),
                rs.getString("problem"),
                rs.getInt("version"));
    }

    private static List<String> approvals(ResultSet rs) throws SQLException {
        Array array = rs.getArray("approvals");
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
