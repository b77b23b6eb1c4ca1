package keybot.bot;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import keybot.bot.audit.AuditCommand;
import keybot.bot.check.CheckReport;
import keybot.bot.check.SetupCheck;
import keybot.db.Database;
import keybot.supabase.SupabaseKeyIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar keybot.jar [serve|check|audit|help]}: the environment is read here, once. */
public final class Main {

    static final int CONFIG_ERROR = 2;
    private static final Duration SUPABASE_TIMEOUT = Duration.ofSeconds(10);

    private Main() {}

    public static void main(String[] args) {
        configureLogging();
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, System.in, out, err);
    }

    /**
     * Runs one command; {@code audit whose} reads the key from {@code in}. Public so the audit tools' tests come
     * in through the same door as {@link #main}.
     */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "serve" : args[0];
        return switch (command) {
            case "serve" -> serve(env, err);
            case "demo" -> {
                err.println("The demo is a jar of its own, so this one ships no stand-ins for Slack and Supabase:");
                err.println("  java -jar demo/target/keybot-demo.jar");
                yield CONFIG_ERROR;
            }
            case "check" -> check(env, out, err);
            case "audit" -> AuditCommand.run(Arrays.asList(args).subList(1, args.length), env, in, out, err);
            case "help", "--help", "-h" -> usage(out, 0);
            default -> {
                err.println("keybot: unknown command \"" + command + "\"");
                yield usage(err, CONFIG_ERROR);
            }
        };
    }

    static int serve(Map<String, String> env, PrintStream err) {
        Optional<Config> read = configuration(env, err, "keybot cannot start; fix the configuration:");
        if (read.isEmpty()) {
            return CONFIG_ERROR;
        }
        Config config = read.get();
        Logger log = LoggerFactory.getLogger(Main.class);
        try (Database db = Database.open(config.databaseUrl(), config.dataDir())) {
            var issuer = issuer(config);
            CheckReport report = SetupCheck.of(config, issuer).run(db, null);
            if (!report.passed()) {
                err.println("keybot will not start until the failed checks are fixed:");
                report.print(err);
                return 1;
            }
            Keybot keybot = Keybot.start(config, db, issuer, Clock.systemUTC());
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    keybot.close();
                                } catch (Exception e) {
                                    log.warn("keybot did not stop cleanly: {}", e.toString());
                                }
                            },
                            "keybot-shutdown"));
            keybot.join();
            return 0;
        } catch (Exception e) {
            log.error("keybot cannot start: {}", e.getMessage());
            err.println("keybot cannot start: " + e.getMessage());
            return 1;
        }
    }

    /** {@code check}: every outside piece, one line each, with the fix for each failure; 1 if any fails. */
    static int check(Map<String, String> env, PrintStream out, PrintStream err) {
        Optional<Config> read = configuration(env, err, "The configuration has problems:");
        if (read.isEmpty()) {
            return CONFIG_ERROR;
        }
        Config config = read.get();
        out.println("  ok    configuration: "
                + config.policyFile().policy().projects().size() + " project(s)");
        Database db = null;
        String openProblem = null;
        try {
            db = Database.open(config.databaseUrl(), config.dataDir());
        } catch (RuntimeException e) {
            openProblem = "it could not be opened (" + e.getMessage() + ")";
        }
        try {
            CheckReport report = SetupCheck.of(config, issuer(config)).run(db, openProblem);
            report.print(out);
            return report.passed() ? 0 : 1;
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    /** The configuration, read once from the environment; or every problem with it, printed under a heading. */
    private static Optional<Config> configuration(Map<String, String> env, PrintStream err, String heading) {
        try {
            return Optional.of(Config.fromEnvironment(env));
        } catch (ConfigError e) {
            err.println(heading);
            e.problems().forEach(p -> err.println("  - " + p));
            return Optional.empty();
        }
    }

    private static SupabaseKeyIssuer issuer(Config config) {
        return new SupabaseKeyIssuer(config.supabaseApiUrl(), config.supabaseAccessToken(), SUPABASE_TIMEOUT);
    }

    private static int usage(PrintStream to, int exitCode) {
        to.println("""
                usage: java -jar keybot.jar [serve|check|help]
                       java -jar keybot.jar audit verify|export|whose …
                  serve  serve Slack at /slack/events (the default); configured by environment, see README
                  check  check the configuration and every outside piece (Slack, channels, groups, Supabase,
                         database); serve runs the same checks and will not start if one fails
                  audit  verify the audit log's hash chain, export it, or find whose a leaked key is;
                         needs only the database settings (java -jar keybot.jar audit help)
                """);
        return exitCode;
    }

    /**
     * The Slack client logs whole request and response bodies at debug level, and one of those carries the
     * secret; keep it at info whatever else is turned up.
     */
    public static void configureLogging() {
        System.setProperty("org.slf4j.simpleLogger.log.com.slack.api", "info");
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
}
