package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import java.util.Map;
import keybot.approvals.DraftCheck;
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequests;
import keybot.approvals.Refusal;

/** The deny form: records the denial with its reason, then updates the message and tells the requester. */
public final class DenySubmission implements ViewSubmissionHandler {

    private final KeyRequests requests;
    private final Background background;

    public DenySubmission(KeyRequests requests, Background background) {
        this.requests = requests;
        this.background = background;
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
            KeyRequest denied = requests.deny(requestId(req), approver, reason);
            background.run(denied.id(), "announcing the denial", () -> requests.announceDenial(denied));
            return ctx.ack();
        } catch (Refusal refusal) {
            return error(ctx, Sentences.refusal(refusal));
        }
    }

    private static long requestId(ViewSubmissionRequest req) {
        try {
            return Long.parseLong(req.getPayload().getView().getPrivateMetadata());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static Response error(ViewSubmissionContext ctx, String sentence) {
        return ctx.ack(r -> r.responseAction("errors").errors(Map.of(Ids.DENY_REASON, sentence)));
    }
}
