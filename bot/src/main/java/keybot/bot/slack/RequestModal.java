package keybot.bot.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import java.util.List;
import keybot.approvals.DraftCheck;
import keybot.approvals.Project;

/** The form behind the slash command: project, key name, reason, description. */
public final class RequestModal {

    private RequestModal() {}

    public static View view(List<Project> projects) {
        return Views.view(v -> v.type("modal")
                .callbackId(Ids.KEY_REQUEST)
                .title(viewTitle(t -> t.type("plain_text").text("Request a secret key")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Request")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(project(projects), keyName(), reason(prompt(projects)), description())));
    }

    private static LayoutBlock project(List<Project> projects) {
        List<OptionObject> options = projects.stream()
                .limit(100)
                .map(p -> option(plainText(SlackText.truncate(p.name(), 75)), p.ref()))
                .toList();
        return input(i -> i.blockId(Ids.PROJECT)
                .label(plainText("Supabase project"))
                .element(staticSelect(s -> s.actionId(Ids.PROJECT)
                        .options(options)
                        .placeholder(plainText("Choose a project"))
                        .initialOption(options.size() == 1 ? options.get(0) : null))));
    }

    private static LayoutBlock keyName() {
        return input(i -> i.blockId(Ids.KEY_NAME)
                .label(plainText("Key name"))
                .hint(plainText(DraftCheck.KEY_NAME_RULE))
                .element(plainTextInput(t -> t.actionId(Ids.KEY_NAME)
                        .maxLength(DraftCheck.KEY_NAME_MAX)
                        .placeholder(plainText("billing_worker")))));
    }

    /** The project's own prompt when the form is for one project; otherwise the general one. */
    private static String prompt(List<Project> projects) {
        String general = "What will use the key, and why it needs a secret key. Approvers decide on this.";
        return projects.size() == 1 && projects.get(0).reasonPrompt() != null
                ? SlackText.truncate(projects.get(0).reasonPrompt(), 150)
                : general;
    }

    private static LayoutBlock reason(String prompt) {
        return input(i -> i.blockId(Ids.REASON)
                .label(plainText("Reason"))
                .hint(plainText(prompt))
                .element(plainTextInput(
                        t -> t.actionId(Ids.REASON).multiline(true).maxLength(DraftCheck.REASON_MAX))));
    }

    private static LayoutBlock description() {
        return input(i -> i.blockId(Ids.DESCRIPTION)
                .optional(true)
                .label(plainText("Description"))
                .hint(plainText("Shown with the key in the Supabase dashboard, after keybot's note of the request."))
                .element(plainTextInput(t -> t.actionId(Ids.DESCRIPTION).maxLength(DraftCheck.DESCRIPTION_MAX))));
    }
}
