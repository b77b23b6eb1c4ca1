package keybot.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sentence only the clicker sees: in the channel through the click's response URL, or by direct message for a
 * click in App Home, which has none. It is a courtesy, not part of the decision (which is already stored or
 * refused), so a failure to deliver it is a warning, never an error, whatever the payload's response URL says.
 */
final class ClickAnswer {

    private static final Logger log = LoggerFactory.getLogger(ClickAnswer.class);

    private ClickAnswer() {
    }

    static void tell(ActionContext ctx, String user, long requestId, String text) {
        try {
            String responseUrl = ctx.getResponseUrl();
            if (responseUrl != null && isWebUrl(responseUrl)) {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
            } else if (responseUrl == null) {
                var dm = ctx.client().conversationsOpen(c -> c.users(List.of(user)));
                if (dm.isOk()) {
                    ctx.client().chatPostMessage(m -> m.channel(dm.getChannel().getId()).text(text));
                }
            } else {
                log.warn("Request #{}: the click's response URL is not a web address; the clicker was not answered",
                        requestId);
            }
        } catch (Exception e) {
            // the class name only: messages of Slack and HTTP exceptions can echo request bodies
            log.warn("Request #{}: answering a click failed ({})", requestId, e.getClass().getName());
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
