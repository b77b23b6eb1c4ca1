package keybot.bot.slack;

import static keybot.bot.slack.SlackText.mention;
import static keybot.bot.slack.SlackText.time;
import static keybot.bot.slack.SlackText.user;

import java.util.List;
import keybot.approvals.AuditEvent;
import keybot.approvals.KeyRequest;
import keybot.approvals.RequestHistory;

/** Recent requests and their events, as one ephemeral reply. */
public final class HistoryText {

    /** The page goes into one section block, whose text Slack caps at 3000 characters. */
    private static final int MAX = 2900;

    private HistoryText() {}

    public static String of(List<RequestHistory> history, boolean everyone) {
        if (history.isEmpty()) {
            return everyone ? "No key requests yet." : "You have not requested any keys yet.";
        }
        StringBuilder out = new StringBuilder(everyone ? "*Recent key requests*\n" : "*Your recent key requests*\n");
        for (RequestHistory h : history) {
            String entry = request(h.request())
                    + h.events().stream().map(HistoryText::event).reduce("", String::concat);
            if (out.length() + entry.length() > MAX) {
                out.append("_Older requests are not shown._");
                break;
            }
            out.append(entry);
        }
        return out.toString();
    }

    private static String request(KeyRequest r) {
        return "\n*#" + r.id() + "* `" + user(r.ask().keyName(), 100) + "` in "
                + user(r.ask().projectName(), 200) + " for " + mention(r.ask().requester()) + ": *"
                + Labels.state(r.state()) + "*\n";
    }

    private static String event(AuditEvent e) {
        String detail = e.detail() == null || e.detail().isBlank() ? "" : ": " + user(e.detail(), 300);
        return "• " + time(e.at()) + " " + Labels.event(e.type()) + " by " + Labels.actor(e.actor()) + detail + "\n";
    }
}
