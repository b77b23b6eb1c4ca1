package keybot.bot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.methods.MethodsClient;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import keybot.approvals.KeyRequest;
import java.util.EnumSet;
import keybot.approvals.DeliveryWorker;
import keybot.approvals.PendingTimers;
import keybot.approvals.Policy;
import keybot.approvals.KeyIssuer;
import keybot.approvals.KeyRequests;
import keybot.approvals.RetryPolicy;
import keybot.bot.http.ResponseUrlRule;
import keybot.bot.http.SlackEventsGate;
import keybot.bot.slack.Background;
import keybot.bot.slack.WorkLoop;
import keybot.bot.slack.HomeRefresh;
import keybot.bot.slack.HomeTab;
import keybot.bot.slack.SlackMethods;
import keybot.bot.slack.SlackDirectory;
import keybot.bot.slack.SlackGroups;
import keybot.bot.slack.SlackNotifier;
import keybot.bot.slack.StrictSignature;
import keybot.db.Database;
import keybot.db.HomeViewers;
import keybot.db.PostgresRequestStore;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running keybot: Bolt mounted in Jetty, wired to the database, Slack and the key issuer. */
public final class Keybot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Keybot.class);
    private static final int BACKGROUND_THREADS = 4;
    private static final int DELIVERY_THREADS = 2;
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration GROUP_CACHE_TTL = Duration.ofMinutes(1);

    private final Server server;
    private final App app;
    private final Background background;
    private final HomeRefresh home;
    private final List<WorkLoop> loops;

    private Keybot(Server server, App app, Background background, HomeRefresh home, List<WorkLoop> loops) {
        this.server = server;
        this.app = app;
        this.background = background;
        this.home = home;
        this.loops = loops;
    }

    public static Keybot start(Config config, Database db, KeyIssuer issuer, Clock clock) throws Exception {
        return start(config, db, issuer, clock, RetryPolicy.defaults(), POLL_INTERVAL);
    }

    public static Keybot start(Config config, Database db, KeyIssuer issuer, Clock clock, RetryPolicy retry,
                               Duration pollInterval) throws Exception {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl().toString());
        Slack slack = Slack.getInstance(slackConfig);
        MethodsClient methods = new SlackMethods(slack, config.slackBotToken());
        PolicyFile file = config.policyFile();
        Policy policy = file.policy(new SlackGroups(methods, GROUP_CACHE_TTL));
        var store = new PostgresRequestStore(db.jdbi(), new SlackDirectory(methods));
        var notifier = new SlackNotifier(methods, policy, file.approvalsChannel(), workspaceUrl(methods));
        var requests = new KeyRequests(store, policy, notifier, clock);
        var background = new Background(BACKGROUND_THREADS);

        App app = new App(AppConfig.builder().slack(slack)
                .singleTeamBotToken(config.slackBotToken())
                .signingSecret(config.slackSigningSecret())
                .requestVerificationEnabled(false) // the gate's StrictSignature checks instead
                .build());
        app.start();
        // started after Slack accepted the token; they also take over work a previous run left unfinished
        var worker = new DeliveryWorker(store, store, issuer, notifier, retry, clock);
        var deliveries = new WorkLoop("delivery", worker::runOne, pollInterval, DELIVERY_THREADS);
        var timers = new PendingTimers(store, policy, notifier, clock);
        var timerLoop = new WorkLoop("timers", timers::fireDue, pollInterval, 1);
        var home = new HomeRefresh(new HomeTab(methods, requests, policy), new HomeViewers(db.jdbi()), policy,
                background, clock);
        notifier.onChange(home::changed);
        SlackListeners.register(app, config, policy,
                new SlackListeners.Wiring(requests, deliveries, background, home, methods, clock));

        List<WorkLoop> loops = List.of(deliveries, timerLoop);
        Server server = http(config, app, db, clock);
        try {
            server.start();
        } catch (Exception e) {
            loops.forEach(WorkLoop::close);
            background.close();
            home.close();
            app.stop();
            throw e;
        }
        Keybot keybot = new Keybot(server, app, background, home, loops);
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

    private static Server http(Config config, App app, Database db, Clock clock) {
        Server server = new Server();
        ServerConnector http = new ServerConnector(server);
        http.setPort(config.port());
        server.addConnector(http);
        ServletContextHandler root = new ServletContextHandler();
        root.setContextPath("/");
        root.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
        // refuses what cannot be from Slack (method, type, size, signature) before Bolt parses anything
        var gate = new SlackEventsGate(new StrictSignature(config.slackSigningSecret(), clock),
                ResponseUrlRule.slackAnd(config.slackApiUrl()));
        root.addFilter(new FilterHolder(gate), "/slack/events", EnumSet.of(DispatcherType.REQUEST));
        root.addServlet(new ServletHolder(new HealthServlet(db::isReachable)), "/healthz");
        server.setHandler(new GracefulHandler(root));
        server.setStopTimeout(10_000);
        return server;
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
        loops.forEach(WorkLoop::close);
        background.close(); // its work still tells App Home of changes, so that closes after it
        home.close();
        app.stop();
        log.info("keybot stopped");
    }
}
