package keybot.db;

import com.google.gson.Gson;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import keybot.approvals.Rules;

/**
 * A request's rules as the JSON of {@code key_request.rules}: written and read whole, never queried by part. Keys
 * are snake_case, durations ISO-8601, the channel null when the project has none of its own.
 */
public final class RulesJson {

    private static final Gson GSON = new Gson();

    /** The stored shape; a field added later reads as null from older rows. */
    private record Stored(
            List<String> approvers,
            List<String> approver_groups,
            int approvals_required,
            boolean allow_self_approval,
            String pending_ttl,
            String remind_after,
            String channel) {}

    private RulesJson() {}

    public static String write(Rules r) {
        return GSON.toJson(new Stored(
                r.approvers().stream().sorted().toList(),
                r.approverGroups().stream().sorted().toList(),
                r.approvalsRequired(),
                r.allowSelfApproval(),
                r.pendingTtl().toString(),
                r.remindAfter().toString(),
                r.channel()));
    }

    /** Rules read back; a request stored before requests kept rules has none, and nobody may decide it. */
    static Rules read(String json) {
        if (json == null) {
            return Rules.NOBODY;
        }
        Stored s = GSON.fromJson(json, Stored.class);
        return new Rules(
                Set.copyOf(s.approvers()),
                Set.copyOf(s.approver_groups()),
                s.approvals_required(),
                s.allow_self_approval(),
                Duration.parse(s.pending_ttl()),
                Duration.parse(s.remind_after()),
                s.channel());
    }
}
