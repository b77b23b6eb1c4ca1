package keybot.approvals;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A Supabase project keys may be requested for, and its rules: who may approve (users and user groups), how
 * many distinct approvals it takes, whether requesters may approve their own requests, who may request at all
 * (everyone when no requesters are listed), what the form asks, how long a request may wait and when to remind.
 */
public record Project(
        String name,
        String ref,
        Set<String> approvers,
        Set<String> approverGroups,
        int approvalsRequired,
        boolean allowSelfApproval,
        Set<String> requesters,
        Set<String> requesterGroups,
        String reasonPrompt,
        Duration pendingTtl,
        Duration remindAfter,
        String approvalsChannel) {

    public static final Duration DEFAULT_PENDING_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_REMIND_AFTER = Duration.ofHours(4);

    public Project {
        approvers = Set.copyOf(approvers);
        approverGroups = Set.copyOf(approverGroups);
        requesters = Set.copyOf(requesters);
        requesterGroups = Set.copyOf(requesterGroups);
    }

    /** A project with the default rules: one approval, no self-approval, everyone may request. */
    public Project(String name, String ref, Set<String> approvers, int approvalsRequired) {
        this(
                name,
                ref,
                approvers,
                Set.of(),
                approvalsRequired,
                false,
                Set.of(),
                Set.of(),
                null,
                DEFAULT_PENDING_TTL,
                DEFAULT_REMIND_AFTER,
                null);
    }

    /** Listed by id; members of approver groups are found through {@link Policy}. */
    public boolean isApprover(String user) {
        return approvers.contains(user);
    }

    public boolean isOpenToEveryone() {
        return requesters.isEmpty() && requesterGroups.isEmpty();
    }

    /** The rules a request submitted now is held to, whatever the policy says later. */
    public Rules rules() {
        return new Rules(
                approvers,
                approverGroups,
                approvalsRequired,
                allowSelfApproval,
                pendingTtl,
                remindAfter,
                approvalsChannel);
    }

    /** The project's own approvals channel, when it overrides the default one. */
    public Optional<String> channel() {
        return Optional.ofNullable(approvalsChannel);
    }
}
