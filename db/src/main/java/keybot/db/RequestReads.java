package keybot.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import keybot.approvals.AuditEvent;
import keybot.approvals.KeyRequest;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reading key requests and their audit events. Apart from {@link RequestDao}, which adds the writes, because Jdbi
 * builds an on-demand DAO anew for every call, at a cost that grows with its number of methods.
 */
@RegisterRowMapper(KeyRequestMapper.class)
@RegisterRowMapper(AuditEventMapper.class)
public interface RequestReads {

    @SqlQuery("SELECT * FROM key_request WHERE id = :id")
    Optional<KeyRequest> find(long id);

    @SqlQuery("""
            SELECT * FROM key_request
             WHERE (CAST(:requester AS text) IS NULL OR requester = :requester)
               AND (CAST(:projectRef AS text) IS NULL OR project_ref = :projectRef)
               AND (CAST(:keyName AS text) IS NULL OR key_name = :keyName)
               AND (CAST(:beforeId AS bigint) IS NULL OR id < :beforeId)
             ORDER BY id DESC
             LIMIT :limit
            """)
    List<KeyRequest> newest(
            @Bind("requester") String requester,
            @Bind("projectRef") String projectRef,
            @Bind("keyName") String keyName,
            @Bind("beforeId") Long beforeId,
            int limit);

    @SqlQuery("""
            SELECT * FROM key_request
             WHERE state = 'PENDING' AND project_ref IN (<refs>) AND requester <> :exceptRequester AND id > :afterId
             ORDER BY id
             LIMIT :limit
            """)
    List<KeyRequest> pending(@BindList("refs") List<String> refs, String exceptRequester, long afterId, int limit);

    /** The request that holds the key now, or held it before a retry replaced it. */
    @SqlQuery("""
            SELECT * FROM key_request
             WHERE key_sha256 = :sha256
                OR id IN (SELECT request_id FROM audit_event WHERE key_sha256 = :sha256)
             LIMIT 1
            """)
    Optional<KeyRequest> byKeySha256(String sha256);

    /** Pending requests with a timer due, oldest first. */
    @SqlQuery("""
            SELECT * FROM key_request
             WHERE state = 'PENDING' AND (expires_at <= :now OR next_reminder_at <= :now)
             ORDER BY id
             LIMIT :limit
            """)
    List<KeyRequest> dueTimers(Instant now, int limit);

    @SqlQuery("SELECT * FROM audit_event WHERE request_id IN (<ids>) ORDER BY request_id, id")
    List<AuditEvent> eventsOf(@BindList("ids") List<Long> ids);
}
