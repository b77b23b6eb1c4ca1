package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import java.util.Map;
import keybot.approvals.DraftCheck;
import keybot.approvals.KeyRequests;
import keybot.approvals.Refusal;

/** The deny form: records the denial with its reason; the message is updated and the requester told after. */
public final class DenySubmission implements ViewSubmissionHandler {

    private final KeyRequests requests;

    public DenySubmission(KeyRequests requests) {
        this.requests = requests;
    }

    @Override
    public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        String approver = req.getPayload().getUser().getId();
        String reason = new ViewValues(req.getPayload().getView().getState()).text(Ids.DENY_REASON);
        if (reason == null) {
            return error(ctx, "Say why you deny the request; the requester is told.");
        }
        if (reason.length() > DraftCheck.REASON_MAX) {
            // the form stops longer text, so only a forged submission gets here
            return error(ctx, "Keep the reason to " + DraftCheck.REASON_MAX + " characters.");
        }
        try {
            requests.deny(Ids.requestId(req.getPayload().getView().getPrivateMetadata()), approver, reason);
            return ctx.ack();
        } catch (Refusal refusal) {
            return error(ctx, Sentences.refusal(refusal));
        }
    }

    private static Response error(ViewSubmissionContext ctx, String sentence) {
        return ctx.ack(r -> r.responseAction("errors").errors(Map.of(Ids.DENY_REASON, sentence)));
    }
}
