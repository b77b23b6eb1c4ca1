package keybot.approvals;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What the policy decided for a request when it was submitted: who may approve it, how many distinct approvals it
 * takes, whether its requester may approve it, how long it may wait and when its approvers are reminded, where it
 * is posted. The request keeps them, so a later edit of the policy does not change a request already waiting, with
 * one exception {@link Policy#checkMayDecide} makes: someone the policy no longer lists as an approver of the
 * project may no longer decide.
 *
 * @param channel the project's own approvals channel, or null for the default one
 */
public record Rules(
        Set<String> approvers,
        Set<String> approverGroups,
        int approvalsRequired,
        boolean allowSelfApproval,
        Duration pendingTtl,
        Duration remindAfter,
        String channel) {

    /** Requests that outlived their project in the policy: nobody may decide them, and they expire. */
    public static final Rules NOBODY =
            new Rules(Set.of(), Set.of(), 1, false, Project.DEFAULT_PENDING_TTL, Project.DEFAULT_REMIND_AFTER, null);

    public Rules {
        approvers = Set.copyOf(approvers);
        approverGroups = Set.copyOf(approverGroups);
        if (approvalsRequired < 1) {
            throw new IllegalArgumentException("a request takes at least one approval");
        }
    }

    public Optional<String> ownChannel() {
        return Optional.ofNullable(channel);
    }

    /** True when several approvers must each say yes, so each review is worth telling apart. */
    public boolean takesSeveralApprovals() {
        return approvalsRequired > 1;
    }
}
