package keybot.bot.check;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import java.util.LinkedHashSet;
import java.util.Set;
import keybot.approvals.IssueFailure;
import keybot.approvals.KeyIssuer;
import keybot.approvals.Project;
import keybot.bot.Config;
import keybot.bot.PolicyFile;
import keybot.db.Database;

/**
 * Checks every outside piece keybot depends on, before users find out: the database, the Slack token, the bot's
 * membership of each approvals channel, each user group, and the Supabase token's access to each project.
 */
public final class SetupCheck {

    private final MethodsClient slack;
    private final KeyIssuer supabase;
    private final PolicyFile policy;

    public SetupCheck(MethodsClient slack, KeyIssuer supabase, PolicyFile policy) {
        this.slack = slack;
        this.supabase = supabase;
        this.policy = policy;
    }

    /** The checks for this configuration, talking to the Slack and Supabase it names. */
    public static SetupCheck of(Config config, KeyIssuer supabase) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl().toString());
        MethodsClient slack = Slack.getInstance(slackConfig).methods(config.slackBotToken());
        return new SetupCheck(slack, supabase, config.policyFile());
    }

    /** @param db the opened database, or null when it could not be opened ({@code openProblem} says why) */
    public CheckReport run(Database db, String openProblem) {
        CheckReport report = new CheckReport();
        if (db == null) {
            report.fail(
                    "database",
                    openProblem + "; check DATABASE_URL (or KEYBOT_DATA_DIR) and that the database" + " is up");
        } else if (db.isReachable()) {
            report.ok("database", db.description());
        } else {
            report.fail(
                    "database",
                    "keybot cannot query " + db.description() + "; check DATABASE_URL and that the"
                            + " database is up and accepts keybot's user");
        }
        boolean slackWorks = SlackChecks.token(slack, report);
        if (slackWorks) {
            channels().forEach(channel -> SlackChecks.channel(slack, channel, report));
            groups().forEach(group -> SlackChecks.group(slack, group, report));
        }
        policy.policy().projects().forEach(p -> supabaseProject(p, report));
        return report;
    }

    private Set<String> channels() {
        Set<String> channels = new LinkedHashSet<>();
        channels.add(policy.approvalsChannel());
        policy.policy().projects().forEach(p -> p.channel().ifPresent(channels::add));
        return channels;
    }

    private Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        policy.policy().projects().forEach(p -> {
            groups.addAll(p.approverGroups());
            groups.addAll(p.requesterGroups());
        });
        return groups;
    }

    private void supabaseProject(Project p, CheckReport report) {
        String what = "Supabase project " + p.name() + " (" + p.ref() + ")";
        try {
            supabase.findByDescription(p.ref(), "keybot check ");
            report.ok(what, "the access token can list its API keys");
        } catch (IssueFailure f) {
            report.fail(
                    what,
                    switch (f.kind()) {
                        case NOT_PERMITTED ->
                            "the access token may not read its API keys (Supabase said: " + f.detail()
                                    + "); give SUPABASE_ACCESS_TOKEN \"API Keys: Read-write\" and \"API Key Secrets: Read\"";
                        case NOT_FOUND -> "Supabase does not know this ref; check projects[].ref in the policy file";
                        default ->
                            "Supabase could not be reached or failed (" + f.detail() + "); check SUPABASE_API_URL"
                                    + " and try again";
                    });
        }
    }
}
