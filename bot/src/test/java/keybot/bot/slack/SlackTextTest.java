package keybot.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
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
        assertEquals(
                "<!date^1700000000^{date_short_pretty} {time}|2023-11-14 22:13:20 UTC>",
                SlackText.time(Instant.ofEpochSecond(1700000000, 123_000_000)));
    }

    static Stream<Arguments> invisibleAndControlCharacters() {
        return Stream.of(
                Arguments.of("NUL", "a\u0000b", "ab"),
                Arguments.of("bell", "a\u0007b", "ab"),
                Arguments.of("terminal escape", "a\u001B[2Jb", "a[2Jb"),
                Arguments.of("DEL", "a\u007Fb", "ab"),
                Arguments.of("C1 next line", "a\u0085b", "ab"),
                Arguments.of("C1 control sequence introducer", "a\u009B31mb", "a31mb"),
                Arguments.of("tab is kept", "a\tb", "a\tb"),
                Arguments.of("newline is kept", "a\nb", "a\nb"),
                Arguments.of("CRLF becomes a newline", "a\r\nb", "a\nb"),
                Arguments.of("lone CR becomes a newline", "a\rb", "a\nb"),
                Arguments.of("line separators become newlines", "a\u2028b\u2029c", "a\nb\nc"),
                Arguments.of("blank lines are cut to one", "a\n\n\n\n\nb", "a\n\nb"),
                Arguments.of("right-to-left override", "invoice\u202Efdp.exe", "invoicefdp.exe"),
                Arguments.of("left-to-right embedding", "\u202Aa\u202C", "a"),
                Arguments.of("bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"),
                Arguments.of("Arabic letter mark", "a\u061Cb", "ab"),
                Arguments.of("zero-width space", "pay\u200Bpal", "paypal"),
                Arguments.of("zero-width joiner and non-joiner", "a\u200Cb\u200Dc", "abc"),
                Arguments.of("left-to-right and right-to-left marks", "a\u200Eb\u200Fc", "abc"),
                Arguments.of("word joiner", "a\u2060b", "ab"),
                Arguments.of("byte order mark", "\uFEFFbom", "bom"),
                Arguments.of("tag characters", "a\uDB40\uDC41\uDB40\uDC7Fb", "ab"),
                Arguments.of("lone high surrogate", "a\uD800b", "a\uFFFDb"),
                Arguments.of("lone low surrogate at the end", "a\uDC00", "a\uFFFD"),
                Arguments.of("emoji are kept", "ok \uD83D\uDE00", "ok \uD83D\uDE00"),
                Arguments.of("right-to-left script is kept", "\u05E9\u05DC\u05D5\u05DD", "\u05E9\u05DC\u05D5\u05DD"),
                Arguments.of("accents are kept", "caf\u00E9 na\u00EFve", "caf\u00E9 na\u00EFve"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invisibleAndControlCharacters")
    void cleanRemovesWhatCouldHideOrReorderTextAndKeepsTheRest(String name, String text, String expected) {
        // when
        String cleaned = SlackText.clean(text);

        // then
        assertEquals(expected, cleaned);
        assertEquals(expected, SlackText.user(text, 100));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            *bold* _it_ ~strike~                 => `*bold* _it_ ~strike~`
            run `rm -rf` now                     => `run 'rm -rf' now`
            ```pre```                            => `'''pre'''`
            <!channel> & <@U1> <#C1>             => `&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;#C1&gt;`
            <https://evil.example|click here>    => `&lt;https://evil.example|click here&gt;`
            > looks like a quote                 => `&gt; looks like a quote`
            :white_check_mark: approved          => `:white_check_mark: approved`
            https://evil.example                 => `https://evil.example`
            '   padded   '                       => `padded`
            """)
    void verbatimShowsFreeTextExactlyAsTypedInsideInlineCode(String text, String expected) {
        // when / then
        assertEquals(expected, SlackText.verbatim(text, 200));
    }

    @Test
    void verbatimPutsEachLineInItsOwnCodeSpanAndKeepsOneBlankLine() {
        // when
        String shown = SlackText.verbatim("first line\n\n\n\nsecond *line*\r\nthird", 200);

        // then
        assertEquals("`first line`\n\n`second *line*`\n`third`", shown);
    }

    @Test
    void verbatimOfNothingIsNothing() {
        assertEquals("", SlackText.verbatim(null, 100));
        assertEquals("", SlackText.verbatim("   \n\t ", 100));
        assertEquals("", SlackText.verbatim("\u200B\u202E", 100));
    }

    @Test
    void verbatimCutsInsideTheCodeSpanAndMarksTheCut() {
        // when
        String cut = SlackText.verbatim("abcdefghijklmnopqrstuvwxyz", 12);

        // then
        assertEquals("`abcdefghi…`", cut);
    }

    @Test
    void verbatimCutNeverSplitsAnEscape() {
        // when: the cut would fall inside the escape of the &
        String cut = SlackText.verbatim("abcdef&ghij", 12);

        // then
        assertEquals("`abcdef…`", cut);
    }

    /** Generated text of every troublesome kind, cut at many lengths: always well formed, never over the limit. */
    @Test
    void verbatimAndUserStayWellFormedWithinTheLimitForGeneratedText() {
        // given
        String[] pieces = {
            "a",
            " ",
            "\n",
            "\n\n\n",
            "`",
            "```",
            "*",
            "_",
            "~",
            "&",
            "<",
            ">",
            "<!here>",
            "\uD83D\uDE00",
            "\uD800",
            "\u202E",
            "\u200B",
            "\u0000",
            "\r\n",
            "\u05D0",
            "&amp;"
        };
        Random random = new Random(6);
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            int max = 1 + random.nextInt(60);

            // when
            String verbatim = SlackText.verbatim(text.toString(), max);
            String user = SlackText.user(text.toString(), max);

            // then
            for (String shown : new String[] {verbatim, user}) {
                assertTrue(shown.length() <= max, () -> shown.length() + " > " + max + ": " + shown);
                assertTrue(wellFormed(shown), () -> "broken surrogate in " + shown);
                assertFalse(shown.contains("<") || shown.contains(">"), shown);
                assertFalse(shown.matches("(?s).*&(?!amp;|lt;|gt;).*"), () -> "a split escape in " + shown);
            }
            for (String line : verbatim.split("\n")) {
                // a cut that leaves no room for another code span is marked after the last one
                String span = line.endsWith("`…") ? line.substring(0, line.length() - 1) : line;
                long ticks = span.chars().filter(c -> c == '`').count();
                assertTrue(
                        span.isEmpty() || span.equals("…") || ticks == 2 && span.startsWith("`") && span.endsWith("`"),
                        () -> "not one code span: [" + line + "] of " + verbatim);
            }
        }
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
