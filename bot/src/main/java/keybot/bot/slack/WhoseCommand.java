package keybot.bot.slack;

import static keybot.bot.slack.SlackText.mention;
import static keybot.bot.slack.SlackText.time;
import static keybot.bot.slack.SlackText.user;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keybot.approvals.AuditEvent;
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequests;
import keybot.approvals.Refusal;
import keybot.approvals.RequestHistory;
import keybot.approvals.Secret;

/**
 * {@code whose sb_secret_…}: an approver who found a key in the wild learns which request it came from. The key is
 * hashed and dropped; it is never echoed back, logged or stored.
 */
public final class WhoseCommand {

    private static final Pattern KEY = Pattern.compile("sb_secret_[A-Za-z0-9_-]+");

    private final KeyRequests requests;

    public WhoseCommand(KeyRequests requests) {
        this.requests = requests;
    }

    public String answer(String user, String text) {
        Matcher key = KEY.matcher(text);
        if (!key.find()) {
            return "Paste the key after `whose`, like `whose sb_secret_…`. Only you see the answer, and the key is"
                    + " never shown back, logged or stored.";
        }
        try {
            return requests.whose(user, new Secret(key.group()))
                    .map(WhoseCommand::report)
                    .orElse("No key request matches that key: keybot did not hand it out.");
        } catch (Refusal refusal) {
            return "Only approvers can trace a key. Ask one of your project's approvers.";
        }
    }

    static String report(RequestHistory h) {
        KeyRequest r = h.request();
        StringBuilder out = new StringBuilder("That key came from *request #" + r.id() + "*: `"
                + user(r.ask().keyName(), 100) + "` in " + user(r.ask().projectName(), 200) + ", Supabase key id `"
                + r.issuedKey().map(KeyRequest.IssuedKey::id).orElse("?") + "`.\n"
                + "Requested by " + mention(r.ask().requester()) + " "
                + time(r.ask().at()) + ": "
                + user(r.ask().reason(), 500) + "\n");
        r.decided()
                .ifPresent(d -> out.append("Decided by ")
                        .append(mention(d.by()))
                        .append(' ')
                        .append(time(d.at()))
                        .append('\n'));
        out.append("State: *").append(Labels.state(r.state())).append("*\n");
        for (AuditEvent e : h.events()) {
            out.append("• ")
                    .append(time(e.at()))
                    .append(' ')
                    .append(Labels.event(e.type()))
                    .append(" by ")
                    .append(Labels.actor(e.actor()))
                    .append('\n');
        }
        return SlackText.truncate(out.toString(), SlackText.SECTION_MAX);
    }
}
