package keybot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {

    private static final String BOT_TOKEN = "xoxb-distinctive-bot-token-7Q2ZK";
    private static final String SIGNING_SECRET = "distinctive-signing-secret-9F3XW";
    private static final String SUPABASE_TOKEN = "sbp_distinctive_access_token_4M8RT";
    private static final String DB_PASSWORD = "distinctive-db-password-5T1LP";
    private static final List<String> SECRETS = List.of(BOT_TOKEN, SIGNING_SECRET, SUPABASE_TOKEN, DB_PASSWORD);

    private static final String POLICY = """
            approvals_channel: C0APPROVALS
            projects:
              - name: production
                ref: abcdefghijklmnopqrst
                approvers: [UADMIN1]
            """;

    @TempDir
    Path dir;

    Map<String, String> env;

    @BeforeEach
    void minimalEnvironment() throws Exception {
        Path policy = Files.writeString(dir.resolve("keybot.yml"), POLICY);
        env = new HashMap<>(Map.of(
                "SLACK_BOT_TOKEN", BOT_TOKEN,
                "SLACK_SIGNING_SECRET", SIGNING_SECRET,
                "SUPABASE_ACCESS_TOKEN", SUPABASE_TOKEN,
                "KEYBOT_CONFIG", policy.toString()));
    }

    @Test
    void onlyTheRequiredVariablesGiveTheDefaults() {
        // when
        Config config = Config.fromEnvironment(env);

        // then
        assertEquals(BOT_TOKEN, config.slackBotToken());
        assertEquals(SIGNING_SECRET, config.slackSigningSecret());
        assertEquals(SUPABASE_TOKEN, config.supabaseAccessToken());
        assertEquals(URI.create("https://slack.com/api/"), config.slackApiUrl());
        assertEquals(URI.create("https://api.supabase.com"), config.supabaseApiUrl());
        assertEquals(3000, config.port());
        assertEquals(Path.of("./data"), config.dataDir());
        assertEquals(Optional.empty(), config.databaseUrl());
        assertEquals("C0APPROVALS", config.policyFile().approvalsChannel());
        assertEquals("/request-key", config.policyFile().command());
    }

    @Test
    void optionalVariablesOverrideTheDefaults() {
        // given
        env.put("SLACK_API_URL", "http://127.0.0.1:8089/api/");
        env.put("SUPABASE_API_URL", "http://127.0.0.1:8090");
        env.put("PORT", "8080");
        env.put("KEYBOT_DATA_DIR", "/var/lib/keybot");
        env.put("DATABASE_URL", "postgres://keybot:" + DB_PASSWORD + "@db.example.com:5432/keybot");

        // when
        Config config = Config.fromEnvironment(env);

        // then
        assertEquals(URI.create("http://127.0.0.1:8089/api/"), config.slackApiUrl());
        assertEquals(URI.create("http://127.0.0.1:8090"), config.supabaseApiUrl());
        assertEquals(8080, config.port());
        assertEquals(Path.of("/var/lib/keybot"), config.dataDir());
        assertTrue(config.databaseUrl().isPresent());
    }

    @Test
    void slackApiUrlWithoutTrailingSlashGetsOne() {
        // given
        env.put("SLACK_API_URL", "http://127.0.0.1:8089/api");

        // when
        Config config = Config.fromEnvironment(env);

        // then
        assertEquals(URI.create("http://127.0.0.1:8089/api/"), config.slackApiUrl());
    }

    @Test
    void blankDatabaseUrlMeansTheEmbeddedDatabase() {
        // given
        env.put("DATABASE_URL", "  ");

        // when
        Config config = Config.fromEnvironment(env);

        // then
        assertEquals(Optional.empty(), config.databaseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SUPABASE_ACCESS_TOKEN"})
    void missingRequiredVariableIsNamed(String key) {
        // given
        env.remove(key);

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> Config.fromEnvironment(env));

        // then
        assertEquals(1, error.problems().size(), error::getMessage);
        assertTrue(error.problems().get(0).startsWith(key + " is not set"), error::getMessage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SUPABASE_ACCESS_TOKEN"})
    void blankRequiredVariableIsNamed(String key) {
        // given
        env.put(key, "   ");

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> Config.fromEnvironment(env));

        // then
        assertTrue(error.problems().get(0).startsWith(key + " is not set"), error::getMessage);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "xoxp-distinctive-user-token-7Q2ZK",
                "xapp-distinctive-app-token-7Q2ZK",
                "distinctive-bare-token-7Q2ZK"
            })
    void botTokenThatIsNotABotTokenIsNamedWithoutShowingIt(String token) {
        // when
        String problem = theOneProblemWith("SLACK_BOT_TOKEN", token);

        // then
        assertTrue(problem.startsWith("SLACK_BOT_TOKEN"), problem);
        assertTrue(problem.contains("xoxb-"), problem);
        assertFalse(problem.contains(token), problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "70000", "65536", "-1", "80.5", "3000x"})
    void badPortIsNamed(String port) {
        // when
        String problem = theOneProblemWith("PORT", port);

        // then
        assertTrue(problem.startsWith("PORT must be a number"), problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SLACK_API_URL    | slack.com/api/
            SLACK_API_URL    | ftp://slack.com/api/
            SLACK_API_URL    | not a url
            SUPABASE_API_URL | api.supabase.com
            SUPABASE_API_URL | file:///etc/passwd
            SUPABASE_API_URL | https://
            """)
    void badUrlIsNamed(String key, String value) {
        // when
        String problem = theOneProblemWith(key, value);

        // then
        assertTrue(problem.startsWith(key + " must be an http(s) URL"), problem);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mysql://keybot:" + DB_PASSWORD + "@db.example.com/keybot",
                "postgres://keybot:" + DB_PASSWORD + "@db.example.com",
                "postgres://keybot:" + DB_PASSWORD + "@/keybot",
                "postgres://keybot:" + DB_PASSWORD + "@db example.com/keybot",
                "db.example.com:5432/keybot"
            })
    void badDatabaseUrlIsNamedWithoutShowingThePassword(String url) {
        // when
        String problem = theOneProblemWith("DATABASE_URL", url);

        // then
        assertTrue(problem.startsWith("DATABASE_URL"), problem);
        assertFalse(problem.contains(DB_PASSWORD), problem);
    }

    /** Sets {@code key} to {@code value}; the environment is refused for that one problem: its message. */
    private String theOneProblemWith(String key, String value) {
        env.put(key, value);
        ConfigError error = assertThrows(ConfigError.class, () -> Config.fromEnvironment(env));
        assertEquals(1, error.problems().size(), error::getMessage);
        return error.getMessage();
    }

    @Test
    void badPolicyFileProblemsArePassedOn() throws Exception {
        // given
        Path policy = Files.writeString(dir.resolve("bad.yml"), POLICY.replace("C0APPROVALS", "#approvals"));
        env.put("KEYBOT_CONFIG", policy.toString());

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> Config.fromEnvironment(env));

        // then
        assertTrue(
                error.getMessage().startsWith("KEYBOT_CONFIG (" + policy + "): approvals_channel"), error::getMessage);
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutAnySecret() {
        // given
        Map<String, String> bad = Map.of(
                "SLACK_BOT_TOKEN",
                "xoxp-" + BOT_TOKEN,
                "PORT",
                "eighty",
                "SLACK_API_URL",
                "slack.com/api",
                "SUPABASE_API_URL",
                "ftp://api.supabase.com",
                "DATABASE_URL",
                "mysql://keybot:" + DB_PASSWORD + "@db.example.com/keybot",
                "KEYBOT_CONFIG",
                dir.resolve("missing.yml").toString());

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> Config.fromEnvironment(bad));

        // then
        List<String> keys = List.of(
                "SLACK_BOT_TOKEN",
                "SLACK_SIGNING_SECRET",
                "SUPABASE_ACCESS_TOKEN",
                "PORT",
                "SLACK_API_URL",
                "SUPABASE_API_URL",
                "DATABASE_URL",
                "KEYBOT_CONFIG");
        assertEquals(keys.size(), error.problems().size(), error::getMessage);
        for (String key : keys) {
            assertTrue(
                    error.problems().stream().anyMatch(p -> p.startsWith(key)),
                    () -> key + " is not named in:\n" + error.getMessage());
        }
        assertNoSecretIn(error.getMessage());
        assertNoSecretIn(String.join("\n", error.problems()));
    }

    @Test
    void toStringNeverShowsATokenSecretOrPassword() {
        // given
        env.put("DATABASE_URL", "postgres://keybot:" + DB_PASSWORD + "@db.example.com:5432/keybot");

        // when
        String shown = Config.fromEnvironment(env).toString();

        // then
        assertNoSecretIn(shown);
        assertTrue(shown.contains("port=3000"), shown);
    }

    @Test
    void withPortKeepsEverythingElse() {
        // given
        Config config = Config.fromEnvironment(env);

        // when
        Config moved = config.withPort(0);

        // then
        assertEquals(0, moved.port());
        assertEquals(config.slackBotToken(), moved.slackBotToken());
        assertEquals(config.policyFile(), moved.policyFile());
    }

    private static void assertNoSecretIn(String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), () -> "a secret is shown in: " + text);
        }
    }

    @Test
    void blankOptionalValuesCountAsUnset() {
        // given an .env file with empty lines for the optional settings
        env.put("PORT", " ");
        env.put("SLACK_API_URL", "");
        env.put("SUPABASE_API_URL", "");
        env.put("KEYBOT_DATA_DIR", "");
        // when
        Config config = Config.fromEnvironment(env);
        // then
        assertEquals(3000, config.port());
        assertEquals("https://slack.com/api/", config.slackApiUrl().toString());
        assertEquals("https://api.supabase.com", config.supabaseApiUrl().toString());
        assertEquals(Path.of("./data"), config.dataDir());
    }
}
