package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import java.net.URI;
import java.util.Locale;
import keybot.bot.work.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sentence only the clicker sees, after the ack: in the channel through the click's response URL, or by direct
 * message for a click in App Home, which has none. It is a courtesy, not part of the decision (which is already
 * stored or refused), so a failure to deliver it is a warning, never an error, whatever the payload's response URL
 * says.
 */
public final class ClickAnswer {

    private static final Logger log = LoggerFactory.getLogger(ClickAnswer.class);

    private final Background background;
    private final DirectMessages dms;

    public ClickAnswer(Background background, DirectMessages dms) {
        this.background = background;
        this.dms = dms;
    }

    /** Tells the clicker {@code text} once the click is acknowledged. */
    public void tell(ActionContext ctx, long requestId, String text) {
        String user = ctx.getRequestUserId();
        background.run(requestId, "answering a click", () -> answer(ctx, user, requestId, text));
    }

    private void answer(ActionContext ctx, String user, long requestId, String text) {
        try {
            String responseUrl = ctx.getResponseUrl();
            if (responseUrl != null && isWebUrl(responseUrl)) {
                ctx.respond(
                        r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
            } else if (responseUrl == null) {
                dms.tell(user, text);
            } else {
                log.warn(
                        "Request #{}: the click's response URL is not a web address; the clicker was not answered",
                        requestId);
            }
        } catch (Exception e) {
            // the class name only: messages of Slack and HTTP exceptions can echo request bodies
            log.warn(
                    "Request #{}: answering a click failed ({})",
                    requestId,
                    e.getClass().getName());
        }
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
