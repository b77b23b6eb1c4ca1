package keybot.bot;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import keybot.bot.audit.AuditCommand;
import keybot.bot.demo.Demo;
import keybot.db.Database;
import keybot.supabase.SupabaseKeyIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar keybot.jar [serve|demo|audit|help]}: the environment is read here, once. */
public final class Main {

    static final int CONFIG_ERROR = 2;
    private static final Duration SUPABASE_TIMEOUT = Duration.ofSeconds(10);

    private Main() {
    }

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
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out,
                          PrintStream err) {
        String command = args.length == 0 ? "serve" : args[0];
        return switch (command) {
            case "serve" -> serve(env, err);
            case "demo" -> Demo.run(out);
            case "audit" -> AuditCommand.run(Arrays.asList(args).subList(1, args.length), env, in, out, err);
            case "help", "--help", "-h" -> usage(out, 0);
            default -> {
                err.println("keybot: unknown command \"" + command + "\"");
                yield usage(err, CONFIG_ERROR);
            }
        };
    }

    static int serve(Map<String, String> env, PrintStream err) {
        Config config;
        try {
            config = Config.fromEnvironment(env);
        } catch (ConfigError e) {
            err.println("keybot cannot start; fix the configuration:");
            e.problems().forEach(p -> err.println("  - " + p));
            return CONFIG_ERROR;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        try (Database db = Database.open(config.databaseUrl(), config.dataDir())) {
            var issuer = new SupabaseKeyIssuer(config.supabaseApiUrl(), config.supabaseAccessToken(),
                    SUPABASE_TIMEOUT);
            Keybot keybot = Keybot.start(config, db, issuer, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    keybot.close();
                } catch (Exception e) {
                    log.warn("keybot did not stop cleanly: {}", e.toString());
                }
            }, "keybot-shutdown"));
            keybot.join();
            return 0;
        } catch (Exception e) {
            log.error("keybot cannot start: {}", e.getMessage());
            err.println("keybot cannot start: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream to, int exitCode) {
        to.println("""
                usage: java -jar keybot.jar [serve|demo|help]
                       java -jar keybot.jar audit verify|export|whose …
                  serve  serve Slack at /slack/events (the default); configured by environment, see README
                  demo   run one request through the whole flow locally, with stand-ins for Slack and Supabase
                  audit  verify the audit log's hash chain, export it, or find whose a leaked key is;
                         needs only the database settings (java -jar keybot.jar audit help)
                """);
        return exitCode;
    }

    /**
     * The Slack client logs whole request and response bodies at debug level, and one of those carries the
     * secret; keep it at info whatever else is turned up.
     */
    private static void configureLogging() {
        System.setProperty("org.slf4j.simpleLogger.log.com.slack.api", "info");
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
}
