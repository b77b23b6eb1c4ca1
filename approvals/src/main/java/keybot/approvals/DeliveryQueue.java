package keybot.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of deliveries owed: a job per approved request, queued in the same transaction as the
 * approval. Any replica may claim a due job; a claim is a lease, so the job of a replica that dies is picked up
 * by another once the lease runs out.
 */
public interface DeliveryQueue {

    /**
     * A claimed job: the request, how many times it has been claimed (this claim included), and whether it is
     * untried: no earlier run can have created a key for the request, because the job was queued by the first
     * approval and this is its first claim.
     */
    record Job(long requestId, int attempts, boolean untried) {}

    /** Claims the job that has been due longest, held until {@code leaseUntil}; empty when none is due. */
    Optional<Job> claim(Instant now, Instant leaseUntil);

    /**
     * Releases the job to run again at {@code due}, noting {@code problem} on the request as what holds it up (null:
     * nothing), with the effects that shows it, in one transaction.
     */
    void retryAt(long requestId, Instant due, String problem, List<Effect> effects);

    /** The job is done: nothing more is owed for the request. */
    void finish(long requestId);
}
