package keybot.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import keybot.approvals.Effect;
import keybot.approvals.EffectQueue;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a claimed {@code effect} row joined with its {@code key_request} row. */
public final class ClaimedEffectMapper implements RowMapper<EffectQueue.Claimed> {

    private final KeyRequestMapper requests = new KeyRequestMapper();

    @Override
    public EffectQueue.Claimed map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new EffectQueue.Claimed(
                rs.getLong("effect_id"),
                requests.map(rs, ctx),
                new Effect(Effect.Kind.valueOf(rs.getString("kind")), rs.getString("about")),
                rs.getInt("attempts"),
                rs.getBoolean("superseded"));
    }
}
