package keybot.bot;

import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.event.AppHomeOpenedEvent;
import keybot.approvals.KeyRequests;
import keybot.approvals.Policy;
import keybot.bot.slack.ClickAnswer;
import keybot.bot.slack.DecisionButtons;
import keybot.bot.slack.DenySubmission;
import keybot.bot.slack.DirectMessages;
import keybot.bot.slack.HistoryCommand;
import keybot.bot.slack.HomeRefresh;
import keybot.bot.slack.Ids;
import keybot.bot.slack.KeyRequestSubmission;
import keybot.bot.slack.RequestCommand;
import keybot.bot.slack.WhoseCommand;
import keybot.bot.work.Background;

/** Which listener answers which Slack surface. */
final class SlackListeners {

    private SlackListeners() {}

    static void register(App app, PolicyFile file, Policy policy, Wiring w) {
        var answer = new ClickAnswer(w.background(), w.dms());
        var history = new HistoryCommand(w.requests(), policy, w.background(), answer);
        app.command(
                file.command(),
                new RequestCommand(
                        policy,
                        history,
                        new WhoseCommand(w.requests()),
                        file.command(),
                        file.approvalsChannel(),
                        w.slack()));
        app.blockAction(Ids.HISTORY_OLDER, history::older);
        app.viewSubmission(Ids.KEY_REQUEST, new KeyRequestSubmission(w.requests()));
        var buttons = new DecisionButtons(w.requests(), answer, w.slack());
        app.blockAction(Ids.APPROVE, buttons::approve);
        app.blockAction(Ids.DENY, buttons::deny);
        app.blockAction(Ids.RETRY, buttons::retry);
        app.blockAction(Ids.CANCEL, buttons::cancel);
        app.viewSubmission(Ids.DENY_REASON, new DenySubmission(w.requests()));
        // publishing the same view again is harmless, so a repeated delivery (X-Slack-Retry-Num) changes nothing
        app.event(AppHomeOpenedEvent.class, (event, ctx) -> {
            String user = event.getEvent().getUser();
            if ("home".equals(event.getEvent().getTab()) && user != null) {
                w.home().opened(user);
            }
            return ctx.ack();
        });
    }

    /** What the listeners share. */
    record Wiring(
            KeyRequests requests, Background background, HomeRefresh home, MethodsClient slack, DirectMessages dms) {}
}
