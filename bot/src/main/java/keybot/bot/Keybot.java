package keybot.bot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.time.Duration;
import keybot.approvals.DeliveryWorker;
import keybot.approvals.EffectWorker;
import keybot.approvals.KeyIssuer;
import keybot.approvals.KeyRequests;
import keybot.approvals.PendingTimers;
import keybot.approvals.Policy;
import keybot.bot.slack.DirectMessages;
import keybot.bot.slack.HomeRefresh;
import keybot.bot.slack.HomeTab;
import keybot.bot.slack.SlackDirectory;
import keybot.bot.slack.SlackGroups;
import keybot.bot.slack.SlackMethods;
import keybot.bot.slack.SlackNotifier;
import keybot.bot.work.Background;
import keybot.bot.work.WorkLoop;
import keybot.bot.work.WorkSignal;
import keybot.db.Database;
import keybot.db.PostgresHomeViewers;
import keybot.db.PostgresRequestStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running keybot: Bolt mounted in Jetty, wired to the database, Slack and the key issuer. */
public final class Keybot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Keybot.class);
    private static final int BACKGROUND_THREADS = 4;
    private static final int EFFECT_THREADS = 4;
    private static final int DELIVERY_THREADS = 2;
    private static final Duration GROUP_CACHE_TTL = Duration.ofMinutes(1);

    /** How long a stopping replica keeps sending what the last changes owe before it leaves that to the others. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Server server;
    private final App app;
    private final Workers workers;

    private Keybot(Server server, App app, Workers workers) {
        this.server = server;
        this.app = app;
        this.workers = workers;
    }

    /** What works behind the HTTP server, and the order it stops in. */
    private record Workers(
            WorkLoop deliveries, WorkLoop timers, WorkLoop effects, Background background, HomeRefresh home)
            implements AutoCloseable {
        @Override
        public void close() {
            deliveries.close();
            timers.close();
            effects.closeDraining(DRAIN); // what the last changes owe is shown by this replica, not the next
            background.close(); // its work still tells App Home of changes, so that closes after it
            home.close();
        }
    }

    public static Keybot start(Config config, Database db, KeyIssuer issuer, Clock clock) throws Exception {
        return start(config, db, issuer, clock, Timing.defaults());
    }

    public static Keybot start(Config config, Database db, KeyIssuer issuer, Clock clock, Timing timing)
            throws Exception {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl().toString());
        Slack slack = Slack.getInstance(slackConfig);
        MethodsClient methods = new SlackMethods(slack, config.slackBotToken());
        String workspace = workspaceUrl(methods);
        PolicyFile file = config.policyFile();
        Policy policy = file.policy(new SlackGroups(methods, GROUP_CACHE_TTL));
        var effectsOwed = new WorkSignal();
        var deliveriesOwed = new WorkSignal();
        var store = new PostgresRequestStore(
                db.jdbi(),
                new SlackDirectory(methods),
                new PostgresRequestStore.Owed(effectsOwed::raise, deliveriesOwed::raise));
        policy.projects().forEach(store::adoptRules);
        var requests = new KeyRequests(store, policy, clock);
        var background = new Background(BACKGROUND_THREADS);
        var home = new HomeRefresh(
                new HomeTab(methods, requests, policy), new PostgresHomeViewers(db.jdbi()), policy, background, clock);
        var dms = new DirectMessages(methods);
        var notifier = new SlackNotifier(methods, policy, file.approvalsChannel(), workspace, dms, home);

        App app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(config.slackBotToken())
                .signingSecret(config.slackSigningSecret())
                .requestVerificationEnabled(false) // the gate's StrictSignature is the one check
                .build());
        app.start();
        SlackListeners.register(app, file, policy, new SlackListeners.Wiring(requests, background, home, methods, dms));
        // started after Slack accepted the token; they also take over what a stopped replica left unfinished
        var workers = new Workers(
                new WorkLoop(
                        "delivery",
                        new DeliveryWorker(store, store.deliveries(), issuer, notifier, timing.deliveries(), clock)
                                ::runOne,
                        timing.poll(),
                        DELIVERY_THREADS,
                        deliveriesOwed),
                new WorkLoop("timers", new PendingTimers(store, clock)::fireDue, timing.poll(), 1, new WorkSignal()),
                new WorkLoop(
                        "effects",
                        new EffectWorker(store.effects(), notifier, timing.effects(), clock)::runOne,
                        timing.poll(),
                        EFFECT_THREADS,
                        effectsOwed),
                background,
                home);
        Server server = HttpServer.of(config, app, db::isReachable, clock);
        Keybot keybot = new Keybot(server, app, workers);
        try {
            server.start();
        } catch (Exception e) {
            keybot.close();
            throw e;
        }
        log.info("keybot is serving Slack on port {} at /slack/events", keybot.port());
        return keybot;
    }

    /** Who the token belongs to; a token Slack refuses stops the start here, with Slack's reason. */
    private static String workspaceUrl(MethodsClient methods) throws Exception {
        var auth = methods.authTest(r -> r);
        if (!auth.isOk() || auth.getUrl() == null) {
            throw new IllegalStateException("Slack refused the bot token (auth.test answered " + auth.getError()
                    + "); run `keybot check` for what to fix");
        }
        return auth.getUrl();
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops taking requests, lets those in flight and the work they started finish, then stops. */
    @Override
    public void close() throws Exception {
        log.info("keybot is stopping");
        server.stop();
        workers.close();
        app.stop();
        log.info("keybot stopped");
    }
}
