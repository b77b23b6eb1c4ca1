package keybot.bot.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import java.util.List;
import keybot.approvals.DraftCheck;
import keybot.approvals.KeyRequest;

/** Asks the approver why they deny; the requester is told this reason. */
public final class DenyModal {

    private DenyModal() {}

    public static View view(KeyRequest r) {
        return Views.view(v -> v.type("modal")
                .callbackId(Ids.DENY_REASON)
                .privateMetadata(Ids.valueOf(r.id()))
                .title(viewTitle(t -> t.type("plain_text").text("Deny key request")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Deny")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText("Deny request #" + r.id() + " from "
                                + SlackText.mention(r.ask().requester()) + " for `"
                                + SlackText.user(r.ask().keyName(), 100)
                                + "` in " + SlackText.user(r.ask().projectName(), 200) + "?"))),
                        input(i -> i.blockId(Ids.DENY_REASON)
                                .label(plainText("Reason"))
                                .hint(plainText("The requester is told this."))
                                .element(plainTextInput(t -> t.actionId(Ids.DENY_REASON_INPUT)
                                        .multiline(true)
                                        .maxLength(DraftCheck.REASON_MAX)))))));
    }
}
