package keybot.bot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static keybot.bot.slack.SlackText.mention;
import static keybot.bot.slack.SlackText.time;
import static keybot.bot.slack.SlackText.user;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import java.util.ArrayList;
import java.util.List;
import keybot.approvals.KeyRequest;
import keybot.approvals.RequestHistory;

/** keybot's App Home tab: the person's own requests; for approvers also what waits for them, and recent history. */
public final class HomeView {

    private HomeView() {}

    public static View view(
            List<RequestHistory> mine, List<KeyRequest> waiting, List<RequestHistory> recent, boolean approver) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (approver) {
            blocks.add(header(h -> h.text(plainText("Waiting for you"))));
            if (waiting.isEmpty()) {
                blocks.add(section(s -> s.text(markdownText("Nothing is waiting for your decision."))));
            }
            waiting.forEach(r -> blocks.addAll(decision(r)));
            blocks.add(divider());
        }
        blocks.add(header(h -> h.text(plainText("My requests"))));
        blocks.add(section(s -> s.text(markdownText(
                mine.isEmpty()
                        ? "You have not requested any keys yet. Run the slash command to ask for one."
                        : lines(mine)))));
        if (approver) {
            blocks.add(divider());
            blocks.add(header(h -> h.text(plainText("Recent requests"))));
            blocks.add(section(s -> s.text(markdownText(recent.isEmpty() ? "No requests yet." : lines(recent)))));
        }
        return Views.view(v -> v.type("home").blocks(blocks));
    }

    /** The same buttons as on the channel message, so a decision here is the same decision. */
    private static List<LayoutBlock> decision(KeyRequest r) {
        String id = Ids.valueOf(r.id());
        return List.of(
                section(s ->
                        s.text(markdownText("*#" + r.id() + "* `" + user(r.ask().keyName(), 100) + "` in "
                                + user(r.ask().projectName(), 200) + " for "
                                + mention(r.ask().requester()) + ", "
                                + time(r.ask().at())
                                + "\n" + user(r.ask().reason(), 500)))),
                actions(a -> a.blockId(Ids.DECISION + "_" + id)
                        .elements(List.of(
                                button(b -> b.actionId(Ids.APPROVE)
                                        .value(id)
                                        .style("primary")
                                        .text(plainText("Approve"))),
                                button(b -> b.actionId(Ids.DENY)
                                        .value(id)
                                        .style("danger")
                                        .text(plainText("Deny")))))));
    }

    private static String lines(List<RequestHistory> requests) {
        StringBuilder out = new StringBuilder();
        for (RequestHistory h : requests) {
            KeyRequest r = h.request();
            String line = "• *#" + r.id() + "* `" + user(r.ask().keyName(), 100) + "` in "
                    + user(r.ask().projectName(), 200)
                    + " for " + mention(r.ask().requester()) + ": *" + Labels.state(r.state())
                    + "* " + time(r.updatedAt()) + "\n";
            if (out.length() + line.length() > 2900) {
                break;
            }
            out.append(line);
        }
        return out.toString();
    }
}
