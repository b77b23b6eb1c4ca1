package keybot.bot.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where keybot may post an answer it was handed in a payload's {@code response_url}: Slack's own hooks host over
 * HTTPS, or the host of the configured Slack API (a stand-in in tests and the demo). keybot posts to that URL, so
 * without this rule a payload could point keybot at any address it can reach.
 */
public final class ResponseUrlRule {

    private static final String SLACK_HOOKS = "hooks.slack.com";

    private final URI slackApi;

    private ResponseUrlRule(URI slackApi) {
        this.slackApi = slackApi;
    }

    /** Slack's hooks host, and the scheme, host and port of {@code slackApi}. */
    public static ResponseUrlRule slackAnd(URI slackApi) {
        return new ResponseUrlRule(slackApi);
    }

    boolean allows(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getScheme() == null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean hooks = scheme.equals("https") && host.equals(SLACK_HOOKS) && uri.getPort() == -1;
        boolean api = scheme.equalsIgnoreCase(slackApi.getScheme())
                && host.equalsIgnoreCase(slackApi.getHost())
                && Objects.equals(port(uri), port(slackApi));
        return hooks || api;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
