package keybot.bench;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keybot.testkit.LocalHttp;

/**
 * The Management API's api-keys endpoints, answering at once. Like the real one it masks the secret when a key
 * is created, so keybot reads it with a second call ({@code ?reveal=true}). The key list is empty: keybot lists
 * a project's keys before creating one when an earlier run may have made it, and a real project holds a
 * handful, not the thousands this benchmark creates.
 */
final class StandInSupabase implements AutoCloseable {

    private static final Pattern KEYS = Pattern.compile("/v1/projects/([a-z]{20})/api-keys(?:/([0-9a-f-]{36}))?");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Http http;
    /** keybot's mark on every key it creates, naming the request (it finds interrupted creations by it). */
    private static final Pattern MARKER = Pattern.compile("keybot request #(\\d+) by ");

    /** Created keys not yet revealed: id to secret. */
    private final Map<String, String> unrevealed = new ConcurrentHashMap<>();
    /** Secret to the request it was created for, until the DM carrying it arrives. */
    private final Map<String, Long> requestOfSecret = new ConcurrentHashMap<>();

    StandInSupabase() {
        http = new Http("stand-in-supabase", 8, Map.of("/v1/projects/", this::handle));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.port());
    }

    /** The request a secret was created for, once: a second DM with the same secret does not count. */
    Long takeRequestOf(String secret) {
        return requestOfSecret.remove(secret);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Matcher path = KEYS.matcher(exchange.getRequestURI().getPath());
        String verb = exchange.getRequestMethod();
        if (!path.matches()) {
            LocalHttp.sendJson(exchange, 404, "{\"message\":\"not found\"}");
        } else if ("POST".equals(verb) && path.group(2) == null) {
            Matcher marker = MARKER.matcher(LocalHttp.body(exchange));
            String id = UUID.randomUUID().toString();
            String secret = "sb_secret_" + random(31);
            unrevealed.put(id, secret);
            if (marker.find()) {
                requestOfSecret.put(secret, Long.parseLong(marker.group(1)));
            }
            LocalHttp.sendJson(exchange, 201, key(id, "sb_secret_" + "\u00B7".repeat(31)));
        } else if ("GET".equals(verb) && path.group(2) == null) {
            LocalHttp.sendJson(exchange, 200, "[]");
        } else if ("GET".equals(verb) && unrevealed.containsKey(path.group(2))) {
            LocalHttp.sendJson(exchange, 200, key(path.group(2), unrevealed.remove(path.group(2))));
        } else {
            LocalHttp.sendJson(exchange, 404, "{\"message\":\"not found\"}");
        }
    }

    private static String key(String id, String apiKey) {
        return "{\"id\":\"" + id + "\",\"type\":\"secret\",\"name\":\"bench\",\"api_key\":\"" + apiKey + "\"}";
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}
