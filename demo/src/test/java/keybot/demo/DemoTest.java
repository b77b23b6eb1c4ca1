package keybot.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's first command: the demo plays its request through the real keybot and succeeds. */
class DemoTest {

    @Test
    void theDemoDeliversOneKeyOnceShowsTheHistoryAndExitsWithZero() {
        // given
        var printed = new ByteArrayOutputStream();
        // when
        int exit = Demo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
        // then
        String out = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        assertEquals(1, count(out, "Supabase creates secret key \"billing_worker\""), out);
        assertEquals(1, count(out, "Here is the secret key `billing_worker`"), "one DM carries the key: " + out);
        assertTrue(out.contains("You cannot decide your own request #1"), out);
        assertTrue(out.contains("request #1 was already decided by <@U0ALICE> (approved)"), out);
        assertTrue(out.contains("*#1* `billing_worker` in production for <@U0STEVE>: *delivered*"), out);
        assertTrue(out.contains("delivered by keybot: sent by direct message to U0STEVE"), "the history: " + out);
        assertTrue(out.contains("Demo finished: one key was requested, approved, created at Supabase (1 key)"), out);
        assertFalse(Pattern.compile("sb_secret_[A-Za-z0-9]{7,}").matcher(out).find(), "no secret printed: " + out);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
