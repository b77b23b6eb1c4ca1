package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.util.function.BiFunction;
import keybot.approvals.KeyRequests;
import keybot.approvals.Refusal;

/**
 * Approve, Deny, Retry and Cancel: on the approval message, in App Home, in the requester's direct message. Who
 * acts comes only from the signed payload's user id; the button's value names the request. Each is one domain call;
 * what it owes people follows from the change.
 */
public final class DecisionButtons {

    private final KeyRequests requests;
    private final ClickAnswer answer;
    private final MethodsClient slack;

    public DecisionButtons(KeyRequests requests, ClickAnswer answer, MethodsClient slack) {
        this.requests = requests;
        this.answer = answer;
        this.slack = slack;
    }

    public Response approve(BlockActionRequest req, ActionContext ctx) {
        return decide(req, ctx, requests::approve);
    }

    public Response retry(BlockActionRequest req, ActionContext ctx) {
        return decide(req, ctx, requests::retry);
    }

    public Response cancel(BlockActionRequest req, ActionContext ctx) {
        return decide(req, ctx, requests::cancel);
    }

    /** Opens the reason form; the trigger id expires in 3 s, so this happens before the ack. */
    public Response deny(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        long id = requestId(req);
        try {
            var request = requests.checkMayDecide(id, req.getPayload().getUser().getId());
            var opened = slack.viewsOpen(
                    v -> v.triggerId(req.getPayload().getTriggerId()).view(DenyModal.view(request)));
            if (!opened.isOk()) {
                answer.tell(
                        ctx,
                        id,
                        "Sorry, I could not open the form for the reason (Slack said " + opened.getError()
                                + "). Please click Deny again.");
            }
        } catch (Refusal refusal) {
            answer.tell(ctx, id, Sentences.refusal(refusal));
        }
        return ctx.ack();
    }

    private Response decide(BlockActionRequest req, ActionContext ctx, BiFunction<Long, String, ?> decision) {
        long id = requestId(req);
        try {
            decision.apply(id, req.getPayload().getUser().getId());
        } catch (Refusal refusal) {
            answer.tell(ctx, id, Sentences.refusal(refusal));
        }
        return ctx.ack();
    }

    /** A payload that names no request reads as one that does not exist, and is told so. */
    private static long requestId(BlockActionRequest req) {
        try {
            return Ids.requestId(req.getPayload().getActions().get(0).getValue());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
