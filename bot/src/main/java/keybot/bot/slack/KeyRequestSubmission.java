package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import keybot.approvals.Draft;
import keybot.approvals.Field;
import keybot.approvals.InvalidDraft;
import keybot.approvals.KeyRequests;

/** The submitted request form: stored, with what it owes people, before the ack; problems shown by their input. */
public final class KeyRequestSubmission implements ViewSubmissionHandler {

    private final KeyRequests requests;

    public KeyRequestSubmission(KeyRequests requests) {
        this.requests = requests;
    }

    @Override
    public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var values = new ViewValues(req.getPayload().getView().getState());
        var draft = new Draft(
                req.getPayload().getUser().getId(),
                values.selected(Ids.PROJECT),
                values.text(Ids.KEY_NAME),
                values.text(Ids.REASON),
                values.text(Ids.DESCRIPTION));
        try {
            requests.submit(draft);
            return ctx.ack();
        } catch (InvalidDraft invalid) {
            return ctx.ack(r -> r.responseAction("errors").errors(byBlock(invalid.problems())));
        }
    }

    private static Map<String, String> byBlock(Map<Field, String> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.forEach((field, problem) -> errors.put(blockOf(field), problem));
        return errors;
    }

    private static String blockOf(Field field) {
        return switch (field) {
            case PROJECT -> Ids.PROJECT;
            case KEY_NAME -> Ids.KEY_NAME;
            case REASON -> Ids.REASON;
            case DESCRIPTION -> Ids.DESCRIPTION;
        };
    }
}
