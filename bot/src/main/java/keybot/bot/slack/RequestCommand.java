package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import keybot.approvals.Policy;

/** {@code /request-key [help | history … | whose …]}: opens the request form, or answers right away. */
public final class RequestCommand implements SlashCommandHandler {

    private final Policy policy;
    private final HistoryCommand history;
    private final WhoseCommand whose;
    private final String command;
    private final String approvalsChannel;
    private final MethodsClient slack;

    public RequestCommand(
            Policy policy,
            HistoryCommand history,
            WhoseCommand whose,
            String command,
            String approvalsChannel,
            MethodsClient slack) {
        this.policy = policy;
        this.history = history;
        this.whose = whose;
        this.command = command;
        this.approvalsChannel = approvalsChannel;
        this.slack = slack;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) throws IOException, SlackApiException {
        String user = req.getPayload().getUserId();
        String text = Optional.ofNullable(req.getPayload().getText()).orElse("").strip();
        String[] words = text.split("\\s+", 2);
        String rest = words.length > 1 ? words[1].strip() : "";
        return switch (words[0].toLowerCase(Locale.ROOT)) {
            case "" -> openForm(req, ctx);
            case "help" -> ctx.ack(HelpText.of(command, approvalsChannel));
            case "history" -> history(ctx, history.firstPage(user, rest));
            case "whose" -> ctx.ack(whose.answer(user, rest));
            default -> ctx.ack(HelpText.unknown(command, words[0], approvalsChannel));
        };
    }

    private static Response history(SlashCommandContext ctx, HistoryCommand.Page page) {
        return page.blocks().isEmpty()
                ? ctx.ack(page.text())
                : ctx.ack(r -> r.responseType("ephemeral").text(page.text()).blocks(page.blocks()));
    }

    /** The trigger id expires 3 s after the click, so the form opens before the ack. */
    private Response openForm(SlashCommandRequest req, SlashCommandContext ctx) throws IOException, SlackApiException {
        var projects = policy.requestableBy(req.getPayload().getUserId());
        if (projects.isEmpty()) {
            return ctx.ack("You may not request keys for any project. Ask a project's approvers to add you.");
        }
        var opened = slack.viewsOpen(
                v -> v.triggerId(req.getPayload().getTriggerId()).view(RequestModal.view(projects)));
        if (!opened.isOk()) {
            return ctx.ack("Sorry, I could not open the request form (Slack said " + opened.getError()
                    + "). Please run `" + command + "` again.");
        }
        return ctx.ack();
    }
}
