package keybot.bot;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;
import keybot.bot.http.ResponseUrlRule;
import keybot.bot.http.SlackEventsGate;
import keybot.bot.http.StrictSignature;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** Jetty with Bolt at {@code /slack/events} behind the gate, and {@code /healthz}. */
final class HttpServer {

    private HttpServer() {}

    static Server of(Config config, App app, BooleanSupplier databaseReachable, Clock clock) {
        Server server = new Server();
        ServerConnector http = new ServerConnector(server);
        http.setPort(config.port());
        server.addConnector(http);
        ServletContextHandler root = new ServletContextHandler();
        root.setContextPath("/");
        root.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
        // refuses what cannot be from Slack (method, type, size, signature) before Bolt parses anything
        var gate = new SlackEventsGate(
                new StrictSignature(config.slackSigningSecret(), clock),
                ResponseUrlRule.slackAnd(config.slackApiUrl()));
        root.addFilter(new FilterHolder(gate), "/slack/events", EnumSet.of(DispatcherType.REQUEST));
        root.addServlet(new ServletHolder(new HealthServlet(databaseReachable)), "/healthz");
        server.setHandler(new GracefulHandler(root));
        server.setStopTimeout(10_000);
        return server;
    }
}
