package keybot.bot.check;

import com.slack.api.methods.MethodsClient;

/** The Slack side of the setup check. */
final class SlackChecks {

    private SlackChecks() {}

    static boolean token(MethodsClient slack, CheckReport report) {
        try {
            var auth = slack.authTest(r -> r);
            if (auth.isOk()) {
                report.ok("Slack token", "keybot is @" + auth.getUser() + " in workspace " + auth.getTeam());
                return true;
            }
            report.fail(
                    "Slack token",
                    "Slack answered " + auth.getError() + "; set SLACK_BOT_TOKEN to the app's Bot"
                            + " User OAuth Token (xoxb-…, under OAuth & Permissions) and reinstall the app if it was revoked");
        } catch (Exception e) {
            report.fail(
                    "Slack token",
                    "Slack could not be reached (" + e.getClass().getSimpleName() + "); check"
                            + " SLACK_API_URL and the network");
        }
        return false;
    }

    static void channel(MethodsClient slack, String channel, CheckReport report) {
        String what = "approvals channel " + channel;
        try {
            var info = slack.conversationsInfo(r -> r.channel(channel));
            if (info.isOk()
                    && info.getChannel() != null
                    && Boolean.TRUE.equals(info.getChannel().isMember())) {
                report.ok(what, "keybot is a member of #" + info.getChannel().getName());
            } else if (info.isOk()) {
                report.fail(what, "keybot is not a member; run /invite @keybot in that channel");
            } else {
                report.fail(
                        what,
                        switch (String.valueOf(info.getError())) {
                            case "channel_not_found" ->
                                "no such channel, or keybot cannot see it (a private channel must"
                                        + " invite keybot first); check the channel id in the policy file";
                            case "missing_scope" ->
                                "the app lacks the channels:read and groups:read scopes; add them"
                                        + " (see manifest.yml) and reinstall the app";
                            default -> "Slack answered " + info.getError();
                        });
            }
        } catch (Exception e) {
            report.fail(what, "Slack could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    static void group(MethodsClient slack, String group, CheckReport report) {
        String what = "user group " + group;
        try {
            var members = slack.usergroupsUsersList(r -> r.usergroup(group));
            if (members.isOk()) {
                report.ok(what, members.getUsers().size() + " members");
            } else {
                report.fail(
                        what,
                        "Slack answered " + members.getError() + "; check the group id in the policy"
                                + " file and that the app has the usergroups:read scope");
            }
        } catch (Exception e) {
            report.fail(what, "Slack could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }
}
