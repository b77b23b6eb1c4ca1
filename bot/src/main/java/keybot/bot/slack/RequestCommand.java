package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import keybot.approvals.KeyRequests;
import keybot.approvals.Policy;

/** {@code /request-key [help|history]}: opens the request form, or answers right away. */
public final class RequestCommand implements SlashCommandHandler {

    static final int HISTORY_SIZE = 10;

    private final KeyRequests requests;
    private final Policy policy;
    private final String command;
    private final String approvalsChannel;

    public RequestCommand(KeyRequests requests, Policy policy, String command, String approvalsChannel) {
        this.requests = requests;
        this.policy = policy;
        this.command = command;
        this.approvalsChannel = approvalsChannel;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) throws IOException, SlackApiException {
        String user = req.getPayload().getUserId();
        String text = Optional.ofNullable(req.getPayload().getText()).orElse("").strip();
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "" -> openForm(req, ctx);
            case "help" -> ctx.ack(HelpText.of(command, approvalsChannel));
            case "history" -> ctx.ack(HistoryText.of(requests.history(user, HISTORY_SIZE),
                    policy.isAnyApprover(user)));
            default -> ctx.ack(HelpText.unknown(command, text, approvalsChannel));
        };
    }

    /** The trigger id expires 3 s after the click, so the form opens before the ack. */
    private Response openForm(SlashCommandRequest req, SlashCommandContext ctx)
            throws IOException, SlackApiException {
        var opened = ctx.client().viewsOpen(v -> v.triggerId(req.getPayload().getTriggerId())
                .view(RequestModal.view(policy.projects())));
        if (!opened.isOk()) {
            return ctx.ack("Sorry, I could not open the request form (Slack said " + opened.getError()
                    + "). Please run `" + command + "` again.");
        }
        return ctx.ack();
    }
}
