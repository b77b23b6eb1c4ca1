package keybot.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlackTextTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            <!channel>             => &lt;!channel&gt;
            <!here> please         => &lt;!here&gt; please
            <@U123>                => &lt;@U123&gt;
            <#C1>                  => &lt;#C1&gt;
            <https://x|y>          => &lt;https://x|y&gt;
            <!subteam^S1>          => &lt;!subteam^S1&gt;
            a & b                  => a &amp; b
            &lt;!channel&gt;       => &amp;lt;!channel&amp;gt;
            plain *bold* _it_      => plain *bold* _it_
            """)
    void escapeLeavesNothingSlackCouldTurnIntoAPingOrLink(String text, String expected) {
        // when
        String escaped = SlackText.escape(text);

        // then
        assertEquals(expected, escaped);
        assertFalse(escaped.contains("<") || escaped.contains(">"), escaped);
    }

    @Test
    void shortTextIsNotTruncated() {
        assertEquals("hello", SlackText.truncate("hello", 5));
        assertEquals("hello", SlackText.truncate("hello", 100));
        assertEquals("", SlackText.truncate("", 10));
    }

    @Test
    void longTextIsCutToTheLimitAndMarked() {
        // given
        String text = "abcdefghijklmnopqrstuvwxyz";

        // when
        String cut = SlackText.truncate(text, 10);

        // then
        assertEquals("abcdefghi…", cut);
        assertEquals(10, cut.length());
    }

    @Test
    void emojiAtTheBoundaryIsDroppedWholeRatherThanSplit() {
        // given: the emoji's two chars straddle the last kept position
        String text = "aaaaaaaa\uD83D\uDE00bbbb";

        // when
        String cut = SlackText.truncate(text, 10);

        // then
        assertEquals("aaaaaaaa…", cut);
    }

    @Test
    void emojiJustBeforeTheBoundaryIsKeptWhole() {
        // given
        String text = "aaaaaaa\uD83D\uDE00bbbb";

        // when
        String cut = SlackText.truncate(text, 10);

        // then
        assertEquals("aaaaaaa\uD83D\uDE00…", cut);
    }

    @ParameterizedTest(name = "max {0}")
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void truncationNeverSplitsASurrogatePairWhereverTheCutFalls(int max) {
        // given: emoji of two chars each, with one-char letters mixed in so every parity is hit
        String text = "x\uD83D\uDE00\uD83D\uDE01y\uD83D\uDE02\uD83D\uDE03\uD83D\uDE04z\uD83D\uDE05\uD83D\uDE06"
                + "\uD83D\uDE07\uD83D\uDE08\uD83D\uDE09";

        // when
        String cut = SlackText.truncate(text, max);

        // then
        assertTrue(cut.length() <= max, cut);
        assertTrue(cut.endsWith("…"), cut);
        assertTrue(wellFormed(cut), () -> "a surrogate pair was split at max " + max);
        assertTrue(text.startsWith(cut.substring(0, cut.length() - 1)), cut);
    }

    @Test
    void userTextIsEscapedThenKeptWithinTheLimit() {
        // given
        String hostile = "<!channel> ".repeat(50);

        // when
        String safe = SlackText.user(hostile, 100);

        // then
        assertTrue(safe.length() <= 100, safe);
        assertTrue(safe.startsWith("&lt;!channel&gt; "), safe);
        assertFalse(safe.contains("<") || safe.contains(">"), safe);
    }

    @Test
    void userTextOfNullIsEmpty() {
        assertEquals("", SlackText.user(null, 100));
    }

    @Test
    void mentionsChannelsAndTimesUseSlacksSyntax() {
        assertEquals("<@U123>", SlackText.mention("U123"));
        assertEquals("<#C123>", SlackText.channel("C123"));
        assertEquals("<!date^1700000000^{date_short_pretty} {time}|2023-11-14 22:13:20 UTC>",
                SlackText.time(Instant.ofEpochSecond(1700000000, 123_000_000)));
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
