package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequests;
import keybot.approvals.Refusal;

/** Cancel, in the requester's direct message: only the requester, only while the request waits. */
public final class CancelButton {

    private final KeyRequests requests;
    private final Background background;

    public CancelButton(KeyRequests requests, Background background) {
        this.requests = requests;
        this.background = background;
    }

    public Response cancel(BlockActionRequest req, ActionContext ctx) {
        String user = req.getPayload().getUser().getId();
        long id;
        try {
            id = Long.parseLong(req.getPayload().getActions().get(0).getValue());
        } catch (RuntimeException e) {
            id = -1;
        }
        long requestId = id;
        try {
            KeyRequest cancelled = requests.cancel(requestId, user);
            background.run(requestId, "announcing the cancellation", () -> requests.announceDenial(cancelled));
        } catch (Refusal refusal) {
            String text = Sentences.refusal(refusal);
            background.run(requestId, "answering a click", () -> ClickAnswer.tell(ctx, user, requestId, text));
        }
        return ctx.ack();
    }
}
