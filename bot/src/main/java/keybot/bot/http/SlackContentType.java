package keybot.bot.http;

import java.util.Locale;
import java.util.Set;

/** The content types Slack posts: a form (commands, interactions) or JSON (Events API), in UTF-8. */
final class SlackContentType {

    private static final Set<String> MEDIA_TYPES = Set.of("application/x-www-form-urlencoded", "application/json");

    private SlackContentType() {}

    /**
     * True for one of the two media types with no charset or a UTF-8 one. Any other charset is refused rather
     * than guessed at: the signature covers the bytes, and Jetty throws on a charset it does not know.
     */
    static boolean accepts(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!MEDIA_TYPES.contains(parts[0].strip().toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            String name = param[0].strip().toLowerCase(Locale.ROOT);
            String value =
                    param.length == 2 ? param[1].strip().replace("\"", "").toLowerCase(Locale.ROOT) : "";
            if (name.equals("charset") && !value.equals("utf-8")) {
                return false;
            }
        }
        return true;
    }
}
