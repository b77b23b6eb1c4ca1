package keybot.bench;

import java.util.List;
import java.util.stream.Collectors;

/** The benchmark's workspace: projects, approvers, people, and the secrets keybot and the baseline share. */
final class Fixture {

    static final String COMMAND = "/request-key";
    static final String CHANNEL = "C0APPROVALS";
    static final String SIGNING_SECRET = "bench-signing-secret-0000";
    static final String BOT_TOKEN = "xoxb-bench-bot-token-000000";
    static final String SUPABASE_TOKEN = "sbp_bench_access_token_0000";

    /**
     * A project, its approvers, and its share of the loaded history. The quiet one had its last request long
     * ago: finding its newest page means looking far back.
     */
    record ProjectSpec(String name, String ref, List<String> approvers, double share, boolean quiet) {}

    static final List<ProjectSpec> PROJECTS = List.of(
            new ProjectSpec("production", "prodaaaaaaaaaaaaaaaa", List.of("U0ALICE", "U0BOB"), 0.45, false),
            new ProjectSpec("staging", "stagaaaaaaaaaaaaaaaa", List.of("U0ALICE", "U0CAROL"), 0.25, false),
            new ProjectSpec("analytics", "anlyaaaaaaaaaaaaaaaa", List.of("U0CAROL", "U0DAVE"), 0.17, false),
            new ProjectSpec("billing", "billaaaaaaaaaaaaaaaa", List.of("U0BOB", "U0DAVE"), 0.13, false),
            new ProjectSpec("sandbox", "sandaaaaaaaaaaaaaaaa", List.of("U0DAVE", "U0ALICE"), 0.0, true));

    /** An approver of every busy project but billing: sees everyone's history. */
    static final String APPROVER = "U0ALICE";

    private Fixture() {}

    static String policyYaml() {
        return "approvals_channel: " + CHANNEL + "\nprojects:\n"
                + PROJECTS.stream()
                        .map(p -> "  - name: " + p.name() + "\n    ref: " + p.ref() + "\n    approvers: ["
                                + String.join(", ", p.approvers()) + "]\n")
                        .collect(Collectors.joining());
    }

    /** Requesters in the benchmark's live scenarios, none of them an approver. */
    static String requester(long n) {
        return String.format("U0B%05d", n % 500);
    }

    /** Requesters in the loaded history. */
    static String historyRequester(int n) {
        return String.format("U0R%05d", n);
    }
}
