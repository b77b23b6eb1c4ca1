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
import keybot.approvals.EffectQueue;
import keybot.approvals.HistoryQuery;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.RequestHistory;
import keybot.approvals.RequestStore;
import keybot.approvals.Submission;
import keybot.approvals.Transition;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The {@link RequestStore} in PostgreSQL, with its {@link DeliveryQueue} and {@link EffectQueue}. After a write that
 * owes work (effects, a delivery) commits, it says so, so the workers of this replica look at once rather than at
 * their next poll.
 */
public final class PostgresRequestStore implements RequestStore {

    private final RequestDao dao;
    private final RequestReads reads;
    private final Directory directory;
    private final Owed owed;
    private final DeliveryQueue deliveries;
    private final EffectQueue effects;

    /**
     * Who to tell, after a write commits, that it owes effects or a delivery: this replica's workers, so they look at
     * once rather than at their next poll.
     */
    public record Owed(Runnable effects, Runnable deliveries) {
        public static final Owed NOBODY = new Owed(() -> {}, () -> {});
    }

    /** For tools and tests: actors are named by their ids, and nobody is told of work owed. */
    public PostgresRequestStore(Jdbi jdbi) {
        this(jdbi, Directory.IDS_ONLY, Owed.NOBODY);
    }

    /**
     * @param directory names actors for the audit log; asked before a transaction opens, never inside one
     * @param owed      told after a write that owes effects or a delivery has committed
     */
    public PostgresRequestStore(Jdbi jdbi, Directory directory, Owed owed) {
        this.directory = directory;
        this.owed = owed;
        jdbi.registerRowMapper(ConstructorMapper.factory(DeliveryQueue.Job.class));
        this.dao = jdbi.onDemand(RequestDao.class);
        this.reads = jdbi.onDemand(RequestReads.class);
        this.deliveries = new PostgresDeliveryQueue(jdbi.onDemand(JobDao.class), owed.effects());
        this.effects = new PostgresEffectQueue(jdbi.onDemand(EffectDao.class), dao);
    }

    public DeliveryQueue deliveries() {
        return deliveries;
    }

    public EffectQueue effects() {
        return effects;
    }

    @Override
    public KeyRequest create(Submission submission) {
        KeyRequest created = dao.create(submission, nameOf(submission.draft().requester()));
        owed.effects().run();
        return created;
    }

    @Override
    public Optional<KeyRequest> find(long id) {
        return reads.find(id);
    }

    @Override
    public Optional<KeyRequest> move(Transition transition) {
        Optional<KeyRequest> moved =
                dao.move(transition, nameOf(transition.event().actor()));
        if (moved.isPresent() && !transition.effects().isEmpty()) {
            owed.effects().run();
        }
        if (moved.isPresent() && transition.delivery() != Transition.Delivery.NONE) {
            owed.deliveries().run();
        }
        return moved;
    }

    private String nameOf(String actor) {
        return actor == null || Actors.KEYBOT.equals(actor) ? actor : directory.displayName(actor);
    }

    @Override
    public Optional<KeyRequest> attachMessage(long id, KeyRequest.MessageRef message) {
        return dao.attachMessage(id, message);
    }

    @Override
    public List<KeyRequest> dueTimers(Instant now, int limit) {
        return reads.dueTimers(now, limit);
    }

    /**
     * Gives the project's requests stored before requests kept their rules the project's rules as they are now;
     * how many it changed. Requests of projects no longer in the policy keep none, so nobody may decide them.
     */
    public int adoptRules(Project project) {
        return dao.adoptRules(project.ref(), RulesJson.write(project.rules()));
    }

    @Override
    public List<RequestHistory> history(HistoryQuery q) {
        return withEvents(reads.newest(
                q.requester().orElse(null),
                q.projectRef().orElse(null),
                q.keyName().orElse(null),
                q.beforeId().orElse(null),
                q.limit()));
    }

    @Override
    public List<KeyRequest> pending(Set<String> projectRefs, String exceptRequester, long afterId, int limit) {
        return projectRefs.isEmpty()
                ? List.of()
                : reads.pending(List.copyOf(projectRefs), exceptRequester, afterId, limit);
    }

    @Override
    public Optional<RequestHistory> byKeySha256(String sha256) {
        return reads.byKeySha256(sha256).map(r -> withEvents(List.of(r)).get(0));
    }

    private List<RequestHistory> withEvents(List<KeyRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Map<Long, List<AuditEvent>> events = reads
                .eventsOf(requests.stream().map(KeyRequest::id).toList())
                .stream()
                .collect(Collectors.groupingBy(AuditEvent::requestId));
        return requests.stream()
                .map(r -> new RequestHistory(r, events.getOrDefault(r.id(), List.of())))
                .toList();
    }
}
