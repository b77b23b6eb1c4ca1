package keybot.bot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static keybot.bot.slack.SlackText.mention;
import static keybot.bot.slack.SlackText.time;
import static keybot.bot.slack.SlackText.user;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import keybot.approvals.KeyRequest;

/** The request as the approvers see it in the approvals channel: pure, so it renders the same everywhere. */
public final class ApprovalMessage {

    private ApprovalMessage() {
    }

    public static List<LayoutBlock> blocks(KeyRequest r) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*Key request #" + r.id() + "* from " + mention(r.requester())))
                .fields(fields(r))));
        blocks.add(section(s -> s.text(markdownText(
                "*Reason:* " + user(r.reason(), SlackText.SECTION_MAX - 20)))));
        r.descriptionText().ifPresent(d -> blocks.add(section(s -> s.text(markdownText(
                "*Description:* " + user(d, SlackText.SECTION_MAX - 20))))));
        switch (r.state()) {
            case PENDING -> blocks.add(actions(a -> a.blockId(Ids.DECISION).elements(List.of(
                    button(b -> b.actionId(Ids.APPROVE).value(String.valueOf(r.id())).style("primary")
                            .text(plainText("Approve"))),
                    button(b -> b.actionId(Ids.DENY).value(String.valueOf(r.id())).style("danger")
                            .text(plainText("Deny")))))));
            case FAILED -> {
                blocks.add(context(c -> c.elements(List.of(markdownText(status(r))))));
                blocks.add(actions(a -> a.blockId(Ids.DECISION).elements(List.of(
                        button(b -> b.actionId(Ids.RETRY).value(String.valueOf(r.id()))
                                .text(plainText("Retry")))))));
            }
            default -> blocks.add(context(c -> c.elements(List.of(markdownText(status(r))))));
        }
        return blocks;
    }

    /** One line for notifications and clients that cannot show blocks. */
    public static String fallback(KeyRequest r) {
        return "Key request #" + r.id() + ": " + r.keyName() + " in " + r.projectName() + " (" + r.state() + ")";
    }

    static String status(KeyRequest r) {
        String decided = r.decided().map(d -> " by " + mention(d.by()) + " " + time(d.at())).orElse("");
        return switch (r.state()) {
            case PENDING -> "Waiting for approval";
            case APPROVED -> ":hourglass_flowing_sand: Approved" + decided + ". Creating the key…" + holdUp(r);
            case KEY_CREATED -> ":hourglass_flowing_sand: Approved" + decided + ". Key created, sending it…"
                    + holdUp(r);
            case DELIVERED -> ":white_check_mark: Approved" + decided + ". Key created (id `"
                    + r.issuedKey().map(KeyRequest.IssuedKey::id).orElse("?") + "`) and sent to "
                    + mention(r.requester()) + " by direct message.";
            case DENIED -> ":no_entry: Denied" + decided + ": "
                    + user(r.decided().map(KeyRequest.Decision::note).orElse(""), SlackText.FIELD_MAX);
            case FAILED -> ":warning: Approved" + decided + ", but it failed: "
                    + user(r.failureReason().orElse(""), SlackText.FIELD_MAX);
            case CANCELLED -> ":heavy_multiplication_x: Cancelled by the requester.";
            case EXPIRED -> ":hourglass: Expired without a decision.";
        };
    }

    private static String holdUp(KeyRequest r) {
        return r.holdUp().map(p -> "\n:warning: " + user(p, SlackText.FIELD_MAX)).orElse("");
    }

    private static List<TextObject> fields(KeyRequest r) {
        return List.of(
                markdownText("*Project:*\n" + user(r.projectName(), 200) + " (`" + r.projectRef() + "`)"),
                markdownText("*Key name:*\n`" + user(r.keyName(), 100) + "`"),
                markdownText("*Requested:*\n" + time(r.createdAt())),
                markdownText("*State:*\n" + r.state().name().toLowerCase().replace('_', ' ')));
    }
}
