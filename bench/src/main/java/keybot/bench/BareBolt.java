package keybot.bench;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The baseline: a bare Bolt app on its own Jetty, with Bolt's own signature check, whose listeners only ack.
 * The slash command opens a fixed form first (the trigger expires in 3 s, so any app does this before the ack).
 */
final class BareBolt implements AutoCloseable {

    private final Server server;
    private final App app;

    private BareBolt(Server server, App app) {
        this.server = server;
        this.app = app;
    }

    static BareBolt start(URI slackApiUrl, String botToken, String signingSecret, String command) throws Exception {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(slackApiUrl.toString());
        App app = new App(AppConfig.builder()
                .slack(Slack.getInstance(slackConfig))
                .singleTeamBotToken(botToken)
                .signingSecret(signingSecret)
                .build());
        View form = form();
        app.command(command, (req, ctx) -> {
            ctx.client()
                    .viewsOpen(v -> v.triggerId(req.getPayload().getTriggerId()).view(form));
            return ctx.ack();
        });
        app.viewSubmission("key_request", (req, ctx) -> ctx.ack());
        app.blockAction("approve", (req, ctx) -> ctx.ack());
        app.start();

        Server server = new Server();
        ServerConnector http = new ServerConnector(server);
        http.setHost("127.0.0.1");
        http.setPort(0);
        server.addConnector(http);
        ServletContextHandler root = new ServletContextHandler();
        root.setContextPath("/");
        root.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
        server.setHandler(root);
        server.start();
        return new BareBolt(server, app);
    }

    URI events() {
        return URI.create(
                "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/slack/events");
    }

    /** A form like keybot's (a select and three text inputs), built once. */
    private static View form() {
        var projects = List.of(
                option(plainText("production"), "aaaaaaaaaaaaaaaaaaaa"),
                option(plainText("staging"), "bbbbbbbbbbbbbbbbbbbb"));
        return Views.view(v -> v.type("modal")
                .callbackId("key_request")
                .title(viewTitle(t -> t.type("plain_text").text("Request a secret key")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Request")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        input(i -> i.blockId("project")
                                .label(plainText("Supabase project"))
                                .element(staticSelect(s -> s.actionId("project").options(projects)))),
                        input(i -> i.blockId("key_name")
                                .label(plainText("Key name"))
                                .element(plainTextInput(
                                        t -> t.actionId("key_name").maxLength(64)))),
                        input(i -> i.blockId("reason")
                                .label(plainText("Reason"))
                                .element(
                                        plainTextInput(t -> t.actionId("reason").multiline(true)))),
                        input(i -> i.blockId("description")
                                .optional(true)
                                .label(plainText("Description"))
                                .element(plainTextInput(t -> t.actionId("description")))))));
    }

    @Override
    public void close() {
        try {
            server.stop();
            app.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the bare Bolt app did not stop: " + e, e);
        }
    }
}
