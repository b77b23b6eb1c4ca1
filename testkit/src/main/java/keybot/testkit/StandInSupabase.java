package keybot.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for the Supabase Management API's api-keys endpoints. Like the real one, it masks the
 * secret in the create response, so keybot has to reveal it with a second call.
 */
public final class StandInSupabase implements AutoCloseable {

    private static final Pattern KEYS = Pattern.compile("/v1/projects/([a-z]{20})/api-keys(?:/([0-9a-f-]{36}))?");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final HttpServer server;
    private final PrintStream out;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, JsonObject> keys = new ConcurrentHashMap<>();

    private StandInSupabase(PrintStream out) {
        this.out = out;
        this.server = LocalHttp.start(Map.of("/v1/projects/", this::handle));
    }

    public static StandInSupabase start(PrintStream out) {
        return new StandInSupabase(out);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int keysCreated() {
        return keys.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Matcher path = KEYS.matcher(exchange.getRequestURI().getPath());
        if (!path.matches()) {
            LocalHttp.sendJson(exchange, 404, "{\"message\":\"not found\"}");
        } else if ("POST".equals(exchange.getRequestMethod()) && path.group(2) == null) {
            create(exchange, path.group(1));
        } else if ("GET".equals(exchange.getRequestMethod()) && path.group(2) == null) {
            JsonArray list = new JsonArray();
            keys.values().forEach(key -> list.add(masked(key)));
            out.println("   Supabase lists the project's keys (keybot checks none was made for this request yet)");
            LocalHttp.sendJson(exchange, 200, list.toString());
        } else if ("GET".equals(exchange.getRequestMethod()) && keys.containsKey(String.valueOf(path.group(2)))) {
            JsonObject key = keys.get(path.group(2));
            boolean reveal = String.valueOf(exchange.getRequestURI().getQuery()).contains("reveal=true");
            out.println("   Supabase reveals the new key's secret to keybot");
            LocalHttp.sendJson(exchange, 200, (reveal ? key : masked(key)).toString());
        } else {
            LocalHttp.sendJson(exchange, 404, "{\"message\":\"not found\"}");
        }
    }

    private void create(HttpExchange exchange, String ref) throws IOException {
        JsonObject body = JsonParser.parseString(LocalHttp.body(exchange)).getAsJsonObject();
        JsonObject key = new JsonObject();
        key.addProperty("id", UUID.randomUUID().toString());
        key.addProperty("name", body.get("name").getAsString());
        key.addProperty("type", "secret");
        key.addProperty(
                "description", body.has("description") ? body.get("description").getAsString() : null);
        key.addProperty("api_key", "sb_secret_" + randomText(31));
        keys.put(key.get("id").getAsString(), key);
        out.println("   Supabase creates secret key \"" + key.get("name").getAsString() + "\" in project " + ref + " ("
                + key.get("description").getAsString() + ")");
        LocalHttp.sendJson(exchange, 201, masked(key).toString());
    }

    private static JsonObject masked(JsonObject key) {
        JsonObject copy = key.deepCopy();
        String secret = key.get("api_key").getAsString();
        copy.addProperty("api_key", secret.substring(0, 15) + "·".repeat(secret.length() - 15));
        return copy;
    }

    private String randomText(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
