package keybot.bot;

import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.event.AppHomeOpenedEvent;
import java.time.Clock;
import keybot.approvals.KeyRequest;
import keybot.approvals.Policy;
import keybot.approvals.KeyRequests;
import keybot.bot.slack.Background;
import keybot.bot.slack.CancelButton;
import keybot.bot.slack.DecisionButtons;
import keybot.bot.slack.HistoryCommand;
import keybot.bot.slack.HomeRefresh;
import keybot.bot.slack.WhoseCommand;
import keybot.bot.slack.WorkLoop;
import keybot.bot.slack.DenySubmission;
import keybot.bot.slack.Ids;
import keybot.bot.slack.KeyRequestSubmission;
import keybot.bot.slack.RequestCommand;
import keybot.bot.slack.StrictSignature;

/** Which listener answers which Slack surface. */
final class SlackListeners {

    private SlackListeners() {
    }

    static void register(App app, Config config, Policy policy, Wiring w) {
        PolicyFile file = config.policyFile();
        app.use(new StrictSignature(config.slackSigningSecret(), w.clock()));
        var history = new HistoryCommand(w.requests(), policy, w.background());
        app.command(file.command(), new RequestCommand(policy, history, new WhoseCommand(w.requests()),
                file.command(), file.approvalsChannel(), w.slack()));
        app.blockAction(Ids.HISTORY_OLDER, history::older);
        app.viewSubmission(Ids.KEY_REQUEST, new KeyRequestSubmission(w.requests(), w.background()));
        var buttons = new DecisionButtons(w.requests(), w.deliveries(), w.background(), w.home()::changed, w.slack());
        app.blockAction(Ids.APPROVE, buttons::approve);
        app.blockAction(Ids.DENY, buttons::deny);
        app.blockAction(Ids.RETRY, buttons::retry);
        app.blockAction(Ids.CANCEL, new CancelButton(w.requests(), w.background())::cancel);
        app.viewSubmission(Ids.DENY_REASON, new DenySubmission(w.requests(), w.background()));
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
    record Wiring(KeyRequests requests, WorkLoop deliveries, Background background, HomeRefresh home,
                  MethodsClient slack, Clock clock) {
    }
}
