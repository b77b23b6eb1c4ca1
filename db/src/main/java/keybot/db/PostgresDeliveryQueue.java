package keybot.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import keybot.approvals.DeliveryQueue;
import keybot.approvals.Effect;

/** The {@link DeliveryQueue} in PostgreSQL: the {@code delivery_job} table. */
final class PostgresDeliveryQueue implements DeliveryQueue {

    private final JobDao jobs;
    private final Runnable owed;

    PostgresDeliveryQueue(JobDao jobs, Runnable owed) {
        this.jobs = jobs;
        this.owed = owed;
    }

    @Override
    public Optional<Job> claim(Instant now, Instant leaseUntil) {
        return jobs.claimJob(now, leaseUntil);
    }

    @Override
    public void retryAt(long requestId, Instant due, String problem, List<Effect> effects) {
        jobs.retryAt(requestId, due, problem, effects);
        if (!effects.isEmpty()) {
            owed.run();
        }
    }

    @Override
    public void finish(long requestId) {
        jobs.deleteJob(requestId);
    }
}
