package keybot.bot;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import keybot.db.DatabaseUrl;

/**
 * Everything keybot is told from outside, read once from the environment and the policy file, checked before
 * anything starts. {@link #toString()} never shows a token.
 */
public record Config(
        String slackBotToken,
        String slackSigningSecret,
        String supabaseAccessToken,
        URI slackApiUrl,
        URI supabaseApiUrl,
        Optional<String> databaseUrl,
        Path dataDir,
        int port,
        PolicyFile policyFile) {

    /** Reads and checks the environment for {@code serve}; throws {@link ConfigError} naming every bad key. */
    public static Config fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String botToken = required(env, "SLACK_BOT_TOKEN", problems);
        if (botToken != null && !botToken.startsWith("xoxb-")) {
            problems.add("SLACK_BOT_TOKEN must be the app's Bot User OAuth Token, which starts with xoxb-");
        }
        String signingSecret = required(env, "SLACK_SIGNING_SECRET", problems);
        String supabaseToken = required(env, "SUPABASE_ACCESS_TOKEN", problems);
        URI slackApi = url(env, "SLACK_API_URL", "https://slack.com/api/", problems);
        URI supabaseApi = url(env, "SUPABASE_API_URL", "https://api.supabase.com", problems);
        Optional<String> databaseUrl = optional(env, "DATABASE_URL");
        databaseUrl.ifPresent(u -> checkDatabaseUrl(u, problems));
        int port = port(optional(env, "PORT").orElse("3000"), problems);
        Path dataDir = Path.of(optional(env, "KEYBOT_DATA_DIR").orElse("./data"));
        PolicyFile policyFile = null;
        try {
            policyFile = PolicyFile.load(Path.of(optional(env, "KEYBOT_CONFIG").orElse("./keybot.yml")));
        } catch (ConfigError e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return new Config(
                botToken,
                signingSecret,
                supabaseToken,
                withSlash(slackApi),
                supabaseApi,
                databaseUrl,
                dataDir,
                port,
                policyFile);
    }

    private static String required(Map<String, String> env, String key, List<String> problems) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            problems.add(key + " is not set; it is required to serve (see the README's configuration reference)");
            return null;
        }
        return value.strip();
    }

    /** A set, non-blank value; a blank one (common in .env files) counts as unset. */
    private static Optional<String> optional(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static URI url(Map<String, String> env, String key, String fallback, List<String> problems) {
        String value = optional(env, key).orElse(fallback);
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the key's name
        }
        problems.add(key + " must be an http(s) URL like " + fallback + ", got \"" + value + "\"");
        return null;
    }

    private static void checkDatabaseUrl(String url, List<String> problems) {
        try {
            DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static int port(String value, List<String> problems) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("PORT must be a number from 0 to 65535 (0 picks a free port), got \"" + value + "\"");
        return -1;
    }

    /** The Slack client appends method names to this prefix, so it must end with a slash. */
    private static URI withSlash(URI uri) {
        return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
    }

    public Config withPort(int newPort) {
        return new Config(
                slackBotToken,
                slackSigningSecret,
                supabaseAccessToken,
                slackApiUrl,
                supabaseApiUrl,
                databaseUrl,
                dataDir,
                newPort,
                policyFile);
    }

    @Override
    public String toString() {
        return "Config[slackApiUrl=" + slackApiUrl + ", supabaseApiUrl=" + supabaseApiUrl + ", port=" + port
                + ", dataDir=" + dataDir + ", externalDatabase=" + databaseUrl.isPresent() + "]";
    }
}
