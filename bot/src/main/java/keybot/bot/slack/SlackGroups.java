package keybot.bot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.methods.MethodsClient;
import java.time.Duration;
import java.util.Set;
import keybot.approvals.Groups;

/**
 * User group members from Slack ({@code usergroups.users.list}), cached for a minute so a change in Slack takes
 * effect soon. A failed lookup is not cached and grants nothing.
 */
public final class SlackGroups implements Groups {

    private final MethodsClient slack;
    private final Cache<String, Set<String>> members;

    public SlackGroups(MethodsClient slack, Duration ttl) {
        this.slack = slack;
        this.members =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1_000).build();
    }

    @Override
    public Set<String> members(String groupId) {
        Set<String> cached = members.getIfPresent(groupId);
        if (cached != null) {
            return cached;
        }
        var listed = SlackCall.send(() -> slack.usergroupsUsersList(r -> r.usergroup(groupId)));
        if (!listed.ok()) {
            throw new GroupLookupFailure(groupId, "Slack answered " + listed.error());
        }
        Set<String> found = Set.copyOf(listed.response().get().getUsers());
        members.put(groupId, found);
        return found;
    }
}
