package keybot.bot.slack;

import java.time.Instant;

/** Turns user text into mrkdwn that cannot ping or link, within Slack's length limits. */
public final class SlackText {

    /** Slack's limit for a section's text. */
    public static final int SECTION_MAX = 3000;
    /** Slack's limit for one field of a section. */
    public static final int FIELD_MAX = 2000;

    private SlackText() {
    }

    /** Escapes the three characters Slack's mrkdwn gives meaning to, so {@code <!channel>} stays text. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Cuts to {@code max} characters, marking the cut, never splitting a surrogate pair. */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** User text as safe mrkdwn of at most {@code max} characters; a cut never splits an escape like &amp;amp;. */
    public static String user(String text, int max) {
        String escaped = escape(text == null ? "" : text);
        String cut = truncate(escaped, max);
        if (cut.length() < escaped.length()) {
            int amp = cut.lastIndexOf('&');
            if (amp >= 0 && cut.indexOf(';', amp) < 0) {
                cut = cut.substring(0, amp) + "…";
            }
        }
        return cut;
    }

    public static String mention(String userId) {
        return "<@" + userId + ">";
    }

    public static String channel(String channelId) {
        return "<#" + channelId + ">";
    }

    /** A time every reader sees in their own time zone, with UTC as the fallback text. */
    public static String time(Instant at) {
        String utc = at.toString().replace('T', ' ').replaceAll("\\.\\d+", "").replace("Z", " UTC");
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + utc + ">";
    }
}
