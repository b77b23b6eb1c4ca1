package keybot.bot;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import java.time.Clock;
import keybot.approvals.KeyRequests;
import keybot.bot.slack.Background;
import keybot.bot.slack.DecisionButtons;
import keybot.bot.slack.DeliveryLoop;
import keybot.bot.slack.DenySubmission;
import keybot.bot.slack.Ids;
import keybot.bot.slack.KeyRequestSubmission;
import keybot.bot.slack.RequestCommand;
import keybot.bot.slack.StrictSignature;

/** Which listener answers which Slack surface. */
final class SlackListeners {

    private SlackListeners() {
    }

    static void register(App app, Config config, KeyRequests requests, DeliveryLoop deliveries,
                         Background background, Clock clock) {
        PolicyFile policy = config.policyFile();
        app.use(new StrictSignature(config.slackSigningSecret(), clock));
        app.command(policy.command(),
                new RequestCommand(requests, policy.policy(), policy.command(), policy.approvalsChannel()));
        app.viewSubmission(Ids.KEY_REQUEST, new KeyRequestSubmission(requests, background));
        var buttons = new DecisionButtons(requests, deliveries, background);
        app.blockAction(Ids.APPROVE, buttons::approve);
        app.blockAction(Ids.DENY, buttons::deny);
        app.blockAction(Ids.RETRY, buttons::retry);
        app.viewSubmission(Ids.DENY_REASON, new DenySubmission(requests, background));
        // subscribed in the manifest; an unanswered event would be retried by Slack, so acknowledge it
        app.event(AppHomeOpenedEvent.class, (event, ctx) -> ctx.ack());
    }
}
