package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import keybot.approvals.DraftCheck;
import keybot.approvals.HistoryQuery;
import keybot.approvals.KeyRequests;
import keybot.approvals.Policy;
import keybot.bot.work.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code history [@person | project | key_name]}: a page of requests, newest first, and the Older button under
 * it. Approvers see everyone's requests; everyone else sees their own, whatever they ask for.
 */
public final class HistoryCommand {

    private static final Logger log = LoggerFactory.getLogger(HistoryCommand.class);

    private final KeyRequests requests;
    private final Policy policy;
    private final Background background;
    private final ClickAnswer answer;

    public HistoryCommand(KeyRequests requests, Policy policy, Background background, ClickAnswer answer) {
        this.requests = requests;
        this.policy = policy;
        this.background = background;
        this.answer = answer;
    }

    /** The first page for the command's filter, or why the filter is not understood. */
    public Page firstPage(String user, String filter) {
        Optional<HistoryQuery> query = parse(filter);
        if (query.isEmpty()) {
            return new Page(
                    List.of(),
                    "I can show history for `@person`, a project name or a key name; `" + SlackText.user(filter, 60)
                            + "` is none of those.");
        }
        return page(user, query.get());
    }

    /** The Older button: the next page, in place of the current one. A value that does not decode is a first page. */
    public Response older(BlockActionRequest req, ActionContext ctx) {
        String user = req.getPayload().getUser().getId();
        var actions = req.getPayload().getActions();
        String value = actions == null || actions.isEmpty() || actions.get(0) == null
                ? null
                : actions.get(0).getValue();
        Page page = page(user, HistoryPage.decode(value));
        if (ctx.getResponseUrl() == null) {
            answer.tell(ctx, 0, page.text());
            return ctx.ack();
        }
        background.run(0, "showing older history", () -> {
            try {
                ctx.respond(r -> r.responseType("ephemeral")
                        .replaceOriginal(true)
                        .text(page.text())
                        .blocks(page.blocks()));
            } catch (IOException | RuntimeException e) {
                log.warn("Showing older history failed ({})", e.getClass().getName());
            }
        });
        return ctx.ack();
    }

    private Page page(String user, HistoryQuery query) {
        boolean everyone = policy.isAnyApprover(user);
        if (!everyone && query.requester().filter(r -> !r.equals(user)).isPresent()) {
            return new Page(List.of(), "Only approvers can see other people's requests.");
        }
        var found = requests.history(user, query);
        return new Page(HistoryPage.blocks(found, everyone, query), "Key request history");
    }

    Optional<HistoryQuery> parse(String filter) {
        HistoryQuery first = HistoryQuery.newest(HistoryPage.SIZE);
        if (filter.isBlank()) {
            return Optional.of(first);
        }
        Optional<String> mentioned = SlackIds.mentioned(filter);
        if (mentioned.isPresent()) {
            return Optional.of(first.ofRequester(mentioned.get()));
        }
        var project = policy.projectNamed(filter);
        if (project.isPresent()) {
            return Optional.of(first.ofProject(project.get().ref()));
        }
        return DraftCheck.keyNameProblem(filter).isEmpty() ? Optional.of(first.ofKeyName(filter)) : Optional.empty();
    }

    /** What to answer: blocks when there is a page, else just the text. */
    public record Page(List<LayoutBlock> blocks, String text) {}
}
