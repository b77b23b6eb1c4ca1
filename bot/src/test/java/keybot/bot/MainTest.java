package keybot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void serveWithAnEmptyEnvironmentNamesEveryMissingSettingAndExitsWithTwo() {
        // when
        int exit = Main.run(new String[] {"serve"}, Map.of(), out, err);

        // then
        assertEquals(2, exit);
        String errors = err();
        for (String key :
                new String[] {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SUPABASE_ACCESS_TOKEN", "KEYBOT_CONFIG"}) {
            assertTrue(errors.contains(key), () -> key + " is not named in:\n" + errors);
        }
        assertTrue(errors.startsWith("keybot cannot start; fix the configuration:"), errors);
        assertEquals("", out());
    }

    @Test
    void noArgumentsMeansServe() {
        // when
        int exit = Main.run(new String[0], Map.of(), out, err);

        // then
        assertEquals(2, exit);
        assertTrue(err().contains("SLACK_BOT_TOKEN"), err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"launch", "SERVE", "--serve", ""})
    void unknownSubcommandPrintsUsageToStderrAndExitsWithTwo(String command) {
        // when
        int exit = Main.run(new String[] {command}, Map.of(), out, err);

        // then
        assertEquals(2, exit);
        assertTrue(err().startsWith("keybot: unknown command \"" + command + "\""), err());
        assertTrue(err().contains("usage: java -jar keybot.jar [serve|check|help]"), err());
        assertEquals("", out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpPrintsUsageToStdoutAndExitsWithZero(String command) {
        // when
        int exit = Main.run(new String[] {command}, Map.of(), out, err);

        // then
        assertEquals(0, exit);
        assertTrue(out().startsWith("usage: java -jar keybot.jar [serve|check|help]"), out());
        assertTrue(out().contains("serve") && out().contains("audit"), out());
        assertEquals("", err());
    }

    @Test
    void demoPointsAtTheDemosOwnJar() {
        // when
        int exit = Main.run(new String[] {"demo"}, Map.of(), out, err);

        // then
        assertEquals(2, exit);
        assertTrue(err().contains("java -jar demo/target/keybot-demo.jar"), err());
        assertEquals("", out());
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
