package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.util.function.Consumer;
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequests;
import keybot.approvals.Refusal;

/** Approve and Deny on the approval message. Authority comes only from the signed payload's user id. */
public final class DecisionButtons {

    private final KeyRequests requests;
    private final WorkLoop deliveries;
    private final Background background;
    private final Consumer<KeyRequest> changed;
    private final MethodsClient slack;

    /** @param changed told of each decision made here, so App Home can show it at once */
    public DecisionButtons(KeyRequests requests, WorkLoop deliveries, Background background,
                           Consumer<KeyRequest> changed, MethodsClient slack) {
        this.requests = requests;
        this.deliveries = deliveries;
        this.background = background;
        this.changed = changed;
        this.slack = slack;
    }

    /** The approval and its queued delivery are one transaction; the delivery runs off the ack path. */
    public Response approve(BlockActionRequest req, ActionContext ctx) {
        String approver = req.getPayload().getUser().getId();
        long id = requestId(req);
        try {
            KeyRequest approved = requests.approve(id, approver);
            deliveries.kick();
            background.run(id, "showing the approval", () -> requests.announceApproval(approved, approver));
        } catch (Refusal refusal) {
            tell(ctx, id, Sentences.refusal(refusal));
        }
        return ctx.ack();
    }

    public Response retry(BlockActionRequest req, ActionContext ctx) {
        String approver = req.getPayload().getUser().getId();
        long id = requestId(req);
        try {
            KeyRequest retried = requests.retry(id, approver);
            background.run(id, "showing the retry", () -> requests.announceRetry(retried));
            deliveries.kick();
        } catch (Refusal refusal) {
            tell(ctx, id, Sentences.refusal(refusal));
        }
        return ctx.ack();
    }

    /** Opens the reason form; the trigger id expires in 3 s, so this happens before the ack. */
    public Response deny(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        String approver = req.getPayload().getUser().getId();
        long id = requestId(req);
        try {
            KeyRequest request = requests.checkMayDecide(id, approver);
            var opened = slack.viewsOpen(v -> v.triggerId(req.getPayload().getTriggerId())
                    .view(DenyModal.view(request)));
            if (!opened.isOk()) {
                tell(ctx, id, "Sorry, I could not open the form for the reason (Slack said " + opened.getError()
                        + "). Please click Deny again.");
            }
        } catch (Refusal refusal) {
            tell(ctx, id, Sentences.refusal(refusal));
        }
        return ctx.ack();
    }

    /** The button's value is the request id; anything else is treated as a request that does not exist. */
    private static long requestId(BlockActionRequest req) {
        try {
            return Long.parseLong(req.getPayload().getActions().get(0).getValue());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Answers only the clicker, after the ack; see {@link ClickAnswer}. */
    private void tell(ActionContext ctx, long id, String text) {
        String user = ctx.getRequestUserId();
        background.run(id, "answering a click", () -> ClickAnswer.tell(ctx, user, id, text));
    }
}
