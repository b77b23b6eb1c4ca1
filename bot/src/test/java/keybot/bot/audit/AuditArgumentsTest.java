package keybot.bot.audit;

import static keybot.bot.audit.AuditCli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import keybot.bot.audit.AuditCli.Result;
import keybot.bot.audit.AuditCli.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad arguments and settings are refused before anything is opened, read or written. */
class AuditArgumentsTest {

    @TempDir
    Path dir;

    /** Standard input that fails the test if it is touched. */
    static final InputStream UNTOUCHABLE = new InputStream() {
        @Override
        public int read() throws IOException {
            throw new AssertionError("standard input was read");
        }
    };

    @ParameterizedTest(name = "audit {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                                     | say what to do",
                "bogus                                                  | unknown audit command \"bogus\"",
                "verify --deep                                          | verify takes no arguments",
                "export                                                 | export needs --format",
                "export --since 2026-11-26                              | export needs --format",
                "export --format xml                                    | unknown --format \"xml\"",
                "export --format                                        | --format needs a value",
                "export --format jsonl --since                          | --since needs a value",
                "export --format jsonl --project --since 2026-11-26     | --project needs a value",
                "export --format jsonl --format csv                     | --format is given twice",
                "export --format jsonl --since yesterday                | --since \"yesterday\" is neither a UTC day",
                "export --format jsonl --since 2026-13-01               | --since \"2026-13-01\" is not a day",
                "export --format jsonl --until 2026-02-30               | --until \"2026-02-30\" is not a day",
                "export --format jsonl --until 2026-11-26T10:00         | --until \"2026-11-26T10:00\" is neither",
                "export --format jsonl --limit 5                        | unknown option \"--limit\"",
                "export --format jsonl production                       | unexpected argument \"production\"",
                "export --format csv --since 2026-11-27 --until 2026-11-26 | --since (2026-11-27T00:00:00Z) must be before",
            })
    void badArgumentsAreNamedOnOneLineWithTheUsageAndExitWithTwo(String args, String problem) {
        // given no DATABASE_URL, so opening the database would create the data directory
        Path dataDir = dir.resolve("data");

        // when
        Result r = audit(
                Map.of("KEYBOT_DATA_DIR", dataDir.toString()),
                UNTOUCHABLE,
                args.isBlank() ? new String[0] : args.trim().split("\\s+"));

        // then
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("keybot audit: ") && first.contains(problem), r::toString);
        assertTrue(r.err().contains("usage: java -jar keybot.jar audit verify"), r::toString);
        assertFalse(Files.exists(dataDir), "the database was opened");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://db.example.com/keybot", "postgres://host-without-database"})
    void badDatabaseUrlIsNamedAndExitsWithTwo(String url) {
        Result r = audit(
                Map.of(
                        "DATABASE_URL",
                        url,
                        "KEYBOT_DATA_DIR",
                        dir.resolve("data").toString()),
                UNTOUCHABLE,
                "verify");

        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        assertTrue(
                r.err().startsWith("keybot audit cannot run; fix the configuration:\n  - DATABASE_URL must"),
                r::toString);
        assertFalse(Files.exists(dir.resolve("data")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpPrintsTheAuditUsageToStandardOutput(String help) {
        Result r = audit(Map.of(), UNTOUCHABLE, help);

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("usage: java -jar keybot.jar audit verify"), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void noneOfTheCommandsNeedsSlackSupabaseOrThePolicyFile() {
        try (TestDatabase t = TestDatabase.fresh()) {
            // given an environment with the database and nothing else (KEYBOT_CONFIG names no file)
            Map<String, String> env = t.env();

            // when / then
            assertEquals(0, audit(env, "verify").exit());
            assertEquals(0, audit(env, "export", "--format", "csv").exit());
            Result whose = AuditCli.auditWithInput(env, "sb_secret_unknown\n", "whose");
            assertEquals(1, whose.exit(), whose::toString);
            for (String setting :
                    new String[] {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SUPABASE_ACCESS_TOKEN", "KEYBOT_CONFIG"
                    }) {
                assertFalse(whose.err().contains(setting), whose::toString);
            }
        }
    }

    @Test
    void topLevelUsageMentionsAudit() {
        Result r = audit(Map.of(), UNTOUCHABLE);
        assertEquals(2, r.exit());

        var out = new java.io.ByteArrayOutputStream();
        int exit = keybot.bot.Main.run(
                new String[] {"help"},
                Map.of(),
                UNTOUCHABLE,
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                System.err);
        assertEquals(0, exit);
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("audit verify|export|whose"));
    }
}
