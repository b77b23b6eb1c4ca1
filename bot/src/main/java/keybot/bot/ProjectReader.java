package keybot.bot;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import keybot.approvals.Project;
import keybot.bot.slack.SlackIds;

/** One project of the policy file, with its rules, checked. */
final class ProjectReader {

    private static final Pattern PROJECT_REF = Pattern.compile("^[a-z]{20}$");
    static final Set<String> KEYS = Set.of(
            "name",
            "ref",
            "approvers",
            "approver_groups",
            "approvals_required",
            "allow_self_approval",
            "requesters",
            "reason_prompt",
            "pending_ttl",
            "remind_after",
            "approvals_channel");
    private static final String USERS = "a Slack user id like U0123ABCD (in Slack: profile, ⋮, Copy member ID)";
    private static final String GROUPS = "a Slack user group id like S0123ABCD";

    private final SettingsReader in;

    ProjectReader(SettingsReader in) {
        this.in = in;
    }

    /** The project, or null when anything about it is wrong (every problem is reported). */
    Project read(Map<?, ?> map, String at) {
        int before = in.count();
        in.unknownKeys(map, KEYS, at + ".");
        String name = in.requiredString(map.get("name"), at + ".name");
        String ref = in.requiredString(map.get("ref"), at + ".ref");
        if (ref != null && !PROJECT_REF.matcher(ref).matches()) {
            in.problem(at + ".ref must be the 20-letter Supabase project ref (lowercase a-z), got \"" + ref + "\"");
        }
        Set<String> approvers = in.ids(map.get("approvers"), at + ".approvers", USERS, SlackIds.USER);
        Set<String> approverGroups =
                in.ids(map.get("approver_groups"), at + ".approver_groups", GROUPS, SlackIds.GROUP);
        if (approvers.isEmpty() && approverGroups.isEmpty()) {
            in.problem(at + ".approvers must list at least one Slack user id, like [U0123ABCD]"
                    + " (or give approver_groups)");
        }
        int required =
                approvalsRequired(map.get("approvals_required"), at + ".approvals_required", approvers, approverGroups);
        Set<String> requesters = in.ids(
                map.get("requesters"), at + ".requesters", USERS + " or " + GROUPS, SlackIds.USER, SlackIds.GROUP);
        String channel = in.optionalString(map.get("approvals_channel"), at + ".approvals_channel")
                .orElse(null);
        if (channel != null && !SlackIds.isChannel(channel)) {
            in.problem(at + ".approvals_channel must be a channel id like C0123ABCD, not a #name");
        }
        Project project = new Project(
                name,
                ref,
                approvers,
                approverGroups,
                required,
                in.bool(map.get("allow_self_approval"), at + ".allow_self_approval", false),
                only(requesters, SlackIds.USER),
                only(requesters, SlackIds.GROUP),
                in.optionalString(map.get("reason_prompt"), at + ".reason_prompt")
                        .orElse(null),
                in.duration(map.get("pending_ttl"), at + ".pending_ttl", Project.DEFAULT_PENDING_TTL),
                in.duration(map.get("remind_after"), at + ".remind_after", Project.DEFAULT_REMIND_AFTER),
                channel);
        return in.count() > before ? null : project;
    }

    private int approvalsRequired(Object value, String at, Set<String> approvers, Set<String> groups) {
        if (value == null) {
            return 1;
        }
        if (!(value instanceof Integer n) || n < 1) {
            in.problem(at + " must be a whole number of at least 1");
            return 1;
        }
        if (groups.isEmpty() && n > approvers.size()) {
            in.problem(at + " is " + n + " but only " + approvers.size() + " approvers are listed, so no request"
                    + " could ever be approved");
        }
        return n;
    }

    private static Set<String> only(Set<String> ids, Pattern kind) {
        return ids.stream()
                .filter(id -> kind.matcher(id).matches())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
