package keybot.bot.slack;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Slack's ids look like, in one place: users ({@code U…}, or {@code W…} on Enterprise Grid), user groups
 * ({@code S…}), channels ({@code C…}, or {@code G…} for older private ones).
 */
public final class SlackIds {

    public static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,30}");
    public static final Pattern GROUP = Pattern.compile("S[A-Z0-9]{2,30}");
    public static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,30}");
    /** A user as Slack writes a mention into a command's text when the command escapes users. */
    private static final Pattern MENTION = Pattern.compile("<@(" + USER.pattern() + ")(\\|[^>]*)?>");

    private SlackIds() {}

    public static boolean isUser(String id) {
        return id != null && USER.matcher(id).matches();
    }

    public static boolean isGroup(String id) {
        return id != null && GROUP.matcher(id).matches();
    }

    public static boolean isChannel(String id) {
        return id != null && CHANNEL.matcher(id).matches();
    }

    /** The user a command's text mentions, when that text is just the mention. */
    public static Optional<String> mentioned(String text) {
        Matcher m = MENTION.matcher(text);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
