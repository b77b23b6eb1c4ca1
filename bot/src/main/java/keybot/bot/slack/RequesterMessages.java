package keybot.bot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static keybot.bot.slack.SlackText.mention;
import static keybot.bot.slack.SlackText.user;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.util.List;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;

/** What the requester is told by direct message. */
public final class RequesterMessages {

    private RequesterMessages() {}

    public static String status(KeyRequest r, String approvalsChannel) {
        String what = "Your request #" + r.id() + " for the secret key `"
                + user(r.ask().keyName(), 100) + "` in *" + user(r.ask().projectName(), 200) + "*";
        return switch (r.state()) {
            case PENDING ->
                r.message().isPresent()
                        ? what + " is waiting for approval in " + SlackText.channel(approvalsChannel)
                                + ". I will message you when it is decided."
                        : what + " is stored, but I could not post it in " + SlackText.channel(approvalsChannel)
                                + " for the approvers. Ask a keybot admin to invite me there (`/invite @keybot`).";
            case APPROVED, KEY_CREATED -> what + " was approved; the key is on its way.";
            case DELIVERED -> what + " was approved and the key was sent to you.";
            case DENIED ->
                what + " was denied by " + r.decided().map(d -> mention(d.by())).orElse("an approver") + ": "
                        + user(r.decided().map(KeyRequest.Decision::note).orElse(""), SlackText.FIELD_MAX);
            case FAILED ->
                what + " could not be completed. " + user(r.failureReason().orElse(""), SlackText.FIELD_MAX);
            case CANCELLED -> what + " was cancelled.";
            case EXPIRED -> what + " expired without a decision.";
        };
    }

    /** The status as blocks: while the request waits, with a Cancel button for the requester. */
    public static List<LayoutBlock> blocks(KeyRequest r, String text) {
        // verbatim: the status quotes the deny note, and a typed @channel or URL must stay text
        LayoutBlock status = section(s ->
                s.text(MarkdownTextObject.builder().text(text).verbatim(true).build()));
        if (r.state() != State.PENDING) {
            return List.of(status);
        }
        return List.of(
                status,
                actions(a -> a.elements(List.of(button(
                        b -> b.actionId(Ids.CANCEL).value(Ids.valueOf(r.id())).text(plainText("Cancel request")))))));
    }

    /** The one message that carries the secret. Nothing else ever does. */
    public static String secret(KeyRequest r, String secret) {
        return "Your request #" + r.id() + " was approved by "
                + r.decided().map(d -> mention(d.by())).orElse("an approver") + ". Here is the secret key `"
                + user(r.ask().keyName(), 100) + "` for *" + user(r.ask().projectName(), 200) + "*:\n```" + secret
                + "```\n"
                + "Put it in your secret store now. keybot does not keep it and will not show it again;"
                + " delete this message once you have stored it.";
    }
}
