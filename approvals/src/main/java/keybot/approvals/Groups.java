package keybot.approvals;

import java.util.Set;

/** Slack user groups: who is in one. Slack in production, cached for a short while. */
public interface Groups {

    /**
     * The members of the group.
     *
     * @throws GroupLookupFailure when they cannot be found out; a failed lookup never grants anything
     */
    Set<String> members(String groupId);

    /** When no groups are configured. */
    Groups NONE = groupId -> {
        throw new GroupLookupFailure(groupId, "no user groups are configured");
    };

    /** The members could not be found out (Slack down, unknown group, missing scope). */
    final class GroupLookupFailure extends RuntimeException {
        public GroupLookupFailure(String groupId, String why) {
            super("user group " + groupId + ": " + why, null, false, false);
        }
    }
}
