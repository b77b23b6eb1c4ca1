package keybot.bot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static keybot.bot.slack.SlackText.mention;
import static keybot.bot.slack.SlackText.time;
import static keybot.bot.slack.SlackText.user;
import static keybot.bot.slack.SlackText.verbatim;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;

/** The request as the approvers see it in the approvals channel: pure, so it renders the same everywhere. */
public final class ApprovalMessage {

    private ApprovalMessage() {}

    /** The message for the request as it is; the progress shows when its rules take several approvals. */
    public static List<LayoutBlock> blocks(KeyRequest r) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(
                        "*Key request #" + r.id() + "* from " + mention(r.ask().requester())))
                .fields(fields(r))));
        // typed by the requester, shown to the people who decide: never formatted, see SlackText
        blocks.add(section(s ->
                s.text(markdownText("*Reason:* " + verbatim(r.ask().reason(), SlackText.SECTION_MAX - 20)))));
        r.descriptionText()
                .ifPresent(d -> blocks.add(section(s ->
                        s.text(markdownText("*Description:* " + verbatim(d, SlackText.SECTION_MAX - 20))))));
        if (r.state() == State.PENDING && r.rules().takesSeveralApprovals()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(progress(r, r.approvals()))))));
        }
        switch (r.state()) {
            case PENDING ->
                blocks.add(actions(a -> a.blockId(Ids.DECISION)
                        .elements(List.of(
                                button(b -> b.actionId(Ids.APPROVE)
                                        .value(Ids.valueOf(r.id()))
                                        .style("primary")
                                        .text(plainText("Approve"))),
                                button(b -> b.actionId(Ids.DENY)
                                        .value(Ids.valueOf(r.id()))
                                        .style("danger")
                                        .text(plainText("Deny")))))));
            case FAILED -> {
                blocks.add(context(c -> c.elements(List.of(markdownText(status(r))))));
                blocks.add(actions(a -> a.blockId(Ids.DECISION)
                        .elements(List.of(button(b ->
                                b.actionId(Ids.RETRY).value(Ids.valueOf(r.id())).text(plainText("Retry")))))));
            }
            default -> blocks.add(context(c -> c.elements(List.of(markdownText(status(r))))));
        }
        return blocks;
    }

    /** One line for notifications and clients that cannot show blocks. */
    public static String fallback(KeyRequest r) {
        return "Key request #" + r.id() + ": " + r.ask().keyName() + " in "
                + r.ask().projectName() + " (" + r.state() + ")";
    }

    static String status(KeyRequest r) {
        String decided = r.decided()
                .map(d -> " by " + mention(d.by()) + " " + time(d.at()))
                .orElse("");
        return switch (r.state()) {
            case PENDING -> "Waiting for approval";
            case APPROVED -> ":hourglass_flowing_sand: Approved" + decided + ". Creating the key…" + holdUp(r);
            case KEY_CREATED ->
                ":hourglass_flowing_sand: Approved" + decided + ". Key created, sending it…" + holdUp(r);
            case DELIVERED ->
                ":white_check_mark: Approved" + decided + ". Key created (id `"
                        + r.issuedKey().map(KeyRequest.IssuedKey::id).orElse("?") + "`) and sent to "
                        + mention(r.ask().requester()) + " by direct message.";
            case DENIED ->
                ":no_entry: Denied" + decided + ": "
                        + user(r.decided().map(KeyRequest.Decision::note).orElse(""), SlackText.FIELD_MAX);
            case FAILED ->
                ":warning: Approved" + decided + ", but it failed: "
                        + user(r.failureReason().orElse(""), SlackText.FIELD_MAX);
            case CANCELLED -> ":heavy_multiplication_x: Cancelled by the requester.";
            case EXPIRED -> ":hourglass: Expired without a decision.";
        };
    }

    /** "1 of 2 approvals: @bob", counting {@code approvals}. */
    static String progress(KeyRequest r, List<String> approvals) {
        return r.progress(approvals.size())
                + (approvals.isEmpty()
                        ? ""
                        : ": "
                                + String.join(
                                        ", ",
                                        approvals.stream()
                                                .map(SlackText::mention)
                                                .toList()));
    }

    /** The thread reply for one review, when the request takes several approvals. */
    public static String review(KeyRequest r, String reviewer) {
        boolean denied = r.state() == State.DENIED
                && r.decided().map(d -> d.by().equals(reviewer)).orElse(false);
        if (denied) {
            return ":no_entry: " + mention(reviewer) + " denied: "
                    + user(r.decided().map(KeyRequest.Decision::note).orElse(""), SlackText.FIELD_MAX);
        }
        List<String> counted = r.approvalsUpTo(reviewer);
        if (counted.size() < r.rules().approvalsRequired()) {
            return ":ballot_box_with_check: " + mention(reviewer) + " approved (" + progress(r, counted) + ").";
        }
        return ":white_check_mark: " + mention(reviewer) + " approved; that makes "
                + r.rules().approvalsRequired() + " approvals, so the key is on its way.";
    }

    /** The thread reply that reminds the approvers. */
    public static String reminder(KeyRequest r, Set<String> approvers) {
        return ":bell: Request #" + r.id() + " from " + mention(r.ask().requester())
                + " is still waiting for a decision. "
                + String.join(
                        " ",
                        approvers.stream()
                                .filter(a -> !a.equals(r.ask().requester()))
                                .sorted()
                                .map(SlackText::mention)
                                .toList());
    }

    private static String holdUp(KeyRequest r) {
        return r.holdUp()
                .map(p -> "\n:warning: " + user(p, SlackText.FIELD_MAX))
                .orElse("");
    }

    /**
     * mrkdwn with {@code verbatim: true}: keybot's own mentions and dates still render, but Slack does not turn a
     * typed {@code @channel}, {@code #channel} or URL into a ping or a link.
     */
    private static MarkdownTextObject markdownText(String text) {
        return MarkdownTextObject.builder().text(text).verbatim(true).build();
    }

    private static List<TextObject> fields(KeyRequest r) {
        return List.of(
                markdownText("*Project:*\n" + user(r.ask().projectName(), 200) + " (`"
                        + r.ask().projectRef() + "`)"),
                markdownText("*Key name:*\n`" + user(r.ask().keyName(), 100) + "`"),
                markdownText("*Requested:*\n" + time(r.ask().at())),
                markdownText("*State:*\n" + Labels.state(r.state())));
    }
}
