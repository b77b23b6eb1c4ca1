package keybot.testkit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** An in-process stand-in for Slack's Web API and response URLs, narrating what keybot asks of it. */
public final class StandInSlack implements AutoCloseable {

    /** One call keybot made: the Web API method (or {@code respond}) and its form fields. */
    public record Call(String method, Map<String, String> fields) {
        public String field(String name) {
            return fields.getOrDefault(name, "");
        }
    }

    private final HttpServer server;
    private final PrintStream out;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000L);

    private StandInSlack(PrintStream out) {
        this.out = out;
        this.server = LocalHttp.start(Map.of("/api/", this::api, "/respond", this::respond));
    }

    public static StandInSlack start(PrintStream out) {
        return new StandInSlack(out);
    }

    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
    }

    public String responseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond";
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> form = form(LocalHttp.body(exchange));
        calls.add(new Call(method, form));
        String channel = form.getOrDefault("channel", "");
        String answer = switch (method) {
            case "auth.test" ->
                "{\"ok\":true,\"team_id\":\"T0001\",\"user_id\":\"U0KEYBOT\",\"bot_id\":\"B0KEYBOT\","
                        + "\"team\":\"demo\",\"user\":\"keybot\",\"url\":\"https://demo.slack.com/\"}";
            case "views.open", "views.publish" -> "{\"ok\":true,\"view\":{\"id\":\"V0DEMO\"}}";
            case "users.info" ->
                "{\"ok\":true,\"user\":{\"id\":\"" + form.get("user") + "\",\"name\":\""
                        + form.get("user").substring(2).toLowerCase() + "\"}}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D0" + form.get("users") + "\"}}";
            case "chat.postMessage", "chat.update" ->
                "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts.incrementAndGet() + ".000100\"}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
        narrate(method, form);
        LocalHttp.sendJson(exchange, 200, answer);
    }

    private void respond(HttpExchange exchange) throws IOException {
        JsonObject json = JsonParser.parseString(LocalHttp.body(exchange)).getAsJsonObject();
        String text = json.has("text") ? json.get("text").getAsString() : "";
        calls.add(new Call("respond", Map.of("text", text)));
        out.println("   Slack shows only to the clicker: " + text);
        LocalHttp.sendJson(exchange, 200, "{}");
    }

    private void narrate(String method, Map<String, String> form) {
        String channel = form.getOrDefault("channel", "");
        switch (method) {
            case "views.open" -> out.println("   Slack opens a form for the user");
            case "chat.postMessage" ->
                out.println("   Slack posts in " + channel + ": " + hideSecret(form.get("text")));
            case "chat.update" ->
                out.println("   Slack updates the message in " + channel + ": " + form.getOrDefault("text", ""));
            default -> {}
        }
    }

    /** The demo's key is a throwaway, but the narration follows the product's rule: a secret is never printed. */
    private static String hideSecret(String text) {
        return text == null ? "" : text.replaceAll("sb_secret_([A-Za-z0-9]{0,6})[A-Za-z0-9_-]*", "sb_secret_$1…");
    }

    /** The fields of a form-encoded body, as Slack's Web API receives them. */
    public static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return fields;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
