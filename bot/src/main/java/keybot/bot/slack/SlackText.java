package keybot.bot.slack;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Turns user text into mrkdwn that cannot ping, link, hide or reorder text, within Slack's length limits.
 *
 * <p>Slack's mrkdwn has three escapes ({@code &amp; &lt; &gt;}) and none for its formatting characters
 * ({@code * _ ~ `}, and {@code >} at the start of a line). So there are two levels: {@link #user} escapes, which
 * is enough for names keybot checked or configured (a key name is {@code [a-z0-9_]}, a project name comes from the
 * policy file) and for keybot's own sentences; {@link #verbatim} is for free text a person typed (a reason, a
 * description, a deny note), which it puts inside inline code, where Slack applies no formatting at all. Both
 * first remove what can hide or reorder text: control characters, bidirectional overrides and zero-width
 * characters. Text objects carrying user text should also be sent with {@code verbatim: true}, so Slack does not
 * turn a typed {@code @channel}, {@code #channel} or URL into a ping or a link.
 */
public final class SlackText {

    /** Slack's limit for a section's text. */
    public static final int SECTION_MAX = 3000;
    /** Slack's limit for one field of a section. */
    public static final int FIELD_MAX = 2000;

    /**
     * C0 and C1 controls except tab and newline; bidi embeddings, overrides and isolates (U+202A–U+202E,
     * U+2066–U+2069, U+061C); zero-width characters and marks (U+200B–U+200F, U+2060–U+2064, U+FEFF); Unicode
     * tag characters (U+E0000–U+E007F), which are invisible and have been used to smuggle text.
     */
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064"
                    + "\\u2066-\\u2069\\uFEFF\\x{E0000}-\\x{E007F}]");

    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n?|[\\u2028\\u2029]");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private SlackText() {}

    /** Escapes the three characters Slack's mrkdwn gives meaning to, so {@code <!channel>} stays text. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Text with nothing that can hide or reorder what is shown: invisible characters removed, every line break
     * a {@code \n}, runs of blank lines cut to one, a lone surrogate (which would make the message invalid UTF-8)
     * replaced by U+FFFD.
     */
    public static String clean(String text) {
        StringBuilder wellFormed = new StringBuilder(text.length());
        text.codePoints()
                .forEach(c -> wellFormed.appendCodePoint(Character.isSurrogate((char) c) && c <= 0xFFFF ? 0xFFFD : c));
        String visible = INVISIBLE
                .matcher(LINE_BREAK.matcher(wellFormed).replaceAll("\n"))
                .replaceAll("");
        return BLANK_LINES.matcher(visible).replaceAll("\n\n");
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
        return cutEscaped(escape(clean(text == null ? "" : text)), max);
    }

    /**
     * Free text exactly as typed, with no formatting, links or mentions: each line in inline code (which cannot
     * span lines), at most {@code max} characters in all. A backtick would end the code early, so it shows as
     * {@code '}. Empty for null or blank text.
     */
    public static String verbatim(String text, int max) {
        String[] lines = escape(clean(text == null ? "" : text).strip())
                .replace('`', '\'')
                .split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String separator = out.isEmpty() ? "" : "\n";
            String code = line.isBlank() ? "" : "`" + line + "`";
            if (out.length() + separator.length() + code.length() > max) {
                int room = max - out.length() - separator.length() - 2;
                if (room >= 2 && !line.isBlank()) {
                    out.append(separator)
                            .append('`')
                            .append(cutEscaped(line, room))
                            .append('`');
                } else if (out.length() < max) {
                    out.append('…');
                }
                break;
            }
            out.append(separator).append(code);
        }
        return out.toString();
    }

    /** Cuts escaped text, dropping an escape the cut would split, so no half {@code &amp;} shows. */
    private static String cutEscaped(String escaped, int max) {
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
