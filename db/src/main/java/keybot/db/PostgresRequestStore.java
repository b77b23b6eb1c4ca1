package keybot.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import keybot.approvals.Actors;
import keybot.approvals.AuditEvent;
import keybot.approvals.DeliveryQueue;
import keybot.approvals.Directory;
import keybot.approvals.Draft;
import keybot.approvals.HistoryQuery;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.RequestHistory;
import keybot.approvals.RequestStore;
import keybot.approvals.Transition;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The {@link RequestStore} and the {@link DeliveryQueue} in PostgreSQL. */
public final class PostgresRequestStore implements RequestStore, DeliveryQueue {

    private final RequestDao dao;
    private final RequestReads reads;
    private final JobDao jobs;
    private final Directory directory;

    /** For tools and tests: actors are named by their ids. */
    public PostgresRequestStore(Jdbi jdbi) {
        this(jdbi, Directory.IDS_ONLY);
    }

    /** @param directory names actors for the audit log; asked before a transaction opens, never inside one */
    public PostgresRequestStore(Jdbi jdbi, Directory directory) {
        this.directory = directory;
        jdbi.registerRowMapper(ConstructorMapper.factory(DeliveryQueue.Job.class));
        this.dao = jdbi.onDemand(RequestDao.class);
        this.reads = jdbi.onDemand(RequestReads.class);
        this.jobs = jdbi.onDemand(JobDao.class);
    }

    @Override
    public Optional<Job> claim(Instant now, Instant leaseUntil) {
        return jobs.claim(now, leaseUntil);
    }

    @Override
    public void retryAt(long requestId, Instant due, String problem) {
        jobs.retryAt(requestId, due, problem);
    }

    @Override
    public void finish(long requestId) {
        jobs.delete(requestId);
    }

    @Override
    public KeyRequest create(Draft draft, Project project, Instant at) {
        return dao.create(draft, project, at, nameOf(draft.requester()));
    }

    @Override
    public Optional<KeyRequest> find(long id) {
        return reads.find(id);
    }

    @Override
    public Optional<KeyRequest> move(long id, Transition transition) {
        return dao.move(id, transition, nameOf(transition.actor()));
    }

    private String nameOf(String actor) {
        return actor == null || Actors.KEYBOT.equals(actor) ? actor : directory.displayName(actor);
    }

    @Override
    public Optional<KeyRequest> addApproval(long id, String approver, int required, Instant at) {
        return dao.addApproval(id, approver, required, at, nameOf(approver));
    }

    @Override
    public List<RequestStore.TimerOutcome> fireDueTimers(Instant now, int maxReminders, int limit) {
        return dao.fireDueTimers(now, maxReminders, limit);
    }

    @Override
    public Optional<KeyRequest> attachMessage(long id, KeyRequest.MessageRef message) {
        return dao.attachMessage(id, message);
    }

    @Override
    public List<RequestHistory> history(HistoryQuery q) {
        return withEvents(reads.newest(q.requester().orElse(null), q.projectRef().orElse(null),
                q.keyName().orElse(null), q.beforeId().orElse(null), q.limit()));
    }

    @Override
    public List<KeyRequest> pending(Set<String> projectRefs, String exceptRequester, int limit) {
        return projectRefs.isEmpty() ? List.of() : reads.pending(List.copyOf(projectRefs), exceptRequester, limit);
    }

    @Override
    public Optional<RequestHistory> byKeySha256(String sha256) {
        return reads.byKeySha256(sha256).map(r -> withEvents(List.of(r)).get(0));
    }

    private List<RequestHistory> withEvents(List<KeyRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Map<Long, List<AuditEvent>> events = reads.eventsOf(requests.stream().map(KeyRequest::id).toList())
                .stream().collect(Collectors.groupingBy(AuditEvent::requestId));
        return requests.stream()
                .map(r -> new RequestHistory(r, events.getOrDefault(r.id(), List.of())))
                .toList();
    }
}
