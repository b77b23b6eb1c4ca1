package keybot.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for the Supabase Management API's api-keys endpoints, answering at once. Like the real one,
 * it masks the secret in the create answer, so keybot reads it with a second call ({@code ?reveal=true}); it lists a
 * project's keys (masked) for keybot to find one it made before. It prints nothing: whoever wants to narrate the calls
 * or learn which request a secret was made for is told of each one ({@link Builder#onCall}) before it is answered.
 */
public final class StandInSupabase implements AutoCloseable {

    /** What keybot asked for. */
    public enum Action {
        CREATE,
        LIST,
        /** A key read with {@code ?reveal=true}: its secret in the clear. */
        REVEAL,
        /** A key read without {@code ?reveal=true}: masked. */
        READ
    }

    /** A key this stand-in created. */
    public record Key(String id, String projectRef, String name, String description, String secret) {

        /** keybot's mark at the start of every key's description: the request it was created for. */
        private static final Pattern MARKER = Pattern.compile("keybot request #(\\d+) by ");

        /** The number of the keybot request this key was created for, from the description keybot gave it. */
        public OptionalLong request() {
            Matcher marker = MARKER.matcher(description == null ? "" : description);
            return marker.lookingAt() ? OptionalLong.of(Long.parseLong(marker.group(1))) : OptionalLong.empty();
        }

        /** Without the secret. */
        @Override
        public String toString() {
            return "Key[id=" + id + ", name=" + name + "]";
        }
    }

    /** One call keybot made: what it asked for, in which project, and the key concerned (null for a list). */
    public record Call(Action action, String projectRef, Key key) {}

    /** How the stand-in runs: by default on one thread, keeping every key and telling no one of the calls. */
    public static final class Builder {
        private int threads;
        private boolean forgetRevealed;
        private Consumer<Call> onCall = call -> {};

        private Builder() {}

        /** Answers on a pool of this many threads, named {@code stand-in-supabase-N}, rather than on one. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Drops a key once its secret was revealed, so a long run holds (and lists) only the keys keybot has not
         * read yet: a real project holds a handful, not the thousands a benchmark creates.
         */
        public Builder forgetRevealed() {
            this.forgetRevealed = true;
            return this;
        }

        /** Is told of every call it answers, on the thread answering it, before the answer is sent. */
        public Builder onCall(Consumer<Call> listener) {
            this.onCall = listener;
            return this;
        }

        public StandInSupabase start() {
            return new StandInSupabase(this);
        }
    }

    private static final Pattern KEYS = Pattern.compile("/v1/projects/([a-z]{20})/api-keys(?:/([0-9a-f-]{36}))?");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String NOT_FOUND = "{\"message\":\"not found\"}";

    private final LocalHttp http;
    private final boolean forgetRevealed;
    private final Consumer<Call> onCall;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final LongAdder created = new LongAdder();

    private StandInSupabase(Builder b) {
        this.forgetRevealed = b.forgetRevealed;
        this.onCall = b.onCall;
        this.http = new LocalHttp("supabase", b.threads, Map.of("/v1/projects/", this::handle));
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI url() {
        return URI.create(http.url(""));
    }

    /** How many keys were created so far. */
    public long keysCreated() {
        return created.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Matcher path = KEYS.matcher(exchange.getRequestURI().getPath());
        String verb = exchange.getRequestMethod();
        if (!path.matches()) {
            LocalHttp.sendJson(exchange, 404, NOT_FOUND);
        } else if (path.group(2) == null && "POST".equals(verb)) {
            Key key = create(path.group(1), LocalHttp.body(exchange));
            onCall.accept(new Call(Action.CREATE, key.projectRef(), key));
            LocalHttp.sendJson(exchange, 201, json(key, false).toString());
        } else if (path.group(2) == null && "GET".equals(verb)) {
            JsonArray list = new JsonArray();
            keys.values().stream()
                    .filter(key -> key.projectRef().equals(path.group(1)))
                    .forEach(key -> list.add(json(key, false)));
            onCall.accept(new Call(Action.LIST, path.group(1), null));
            LocalHttp.sendJson(exchange, 200, list.toString());
        } else if ("GET".equals(verb)) {
            read(exchange, path.group(1), path.group(2));
        } else {
            LocalHttp.sendJson(exchange, 404, NOT_FOUND);
        }
    }

    private void read(HttpExchange exchange, String projectRef, String id) throws IOException {
        boolean reveal = String.valueOf(exchange.getRequestURI().getQuery()).contains("reveal=true");
        Key key = keys.get(id);
        if (key == null
                || !key.projectRef().equals(projectRef)
                || (reveal && forgetRevealed && !keys.remove(id, key))) {
            LocalHttp.sendJson(exchange, 404, NOT_FOUND);
            return;
        }
        onCall.accept(new Call(reveal ? Action.REVEAL : Action.READ, projectRef, key));
        LocalHttp.sendJson(exchange, 200, json(key, reveal).toString());
    }

    private Key create(String projectRef, String body) {
        JsonObject asked = JsonParser.parseString(body).getAsJsonObject();
        Key key = new Key(
                UUID.randomUUID().toString(),
                projectRef,
                asked.get("name").getAsString(),
                asked.has("description") ? asked.get("description").getAsString() : null,
                "sb_secret_" + randomText(31));
        keys.put(key.id(), key);
        created.increment();
        return key;
    }

    /** The key as the API answers it; masked, the secret shows its first characters only, as Supabase's does. */
    private static JsonObject json(Key key, boolean revealed) {
        String secret = key.secret();
        JsonObject json = new JsonObject();
        json.addProperty("id", key.id());
        json.addProperty("name", key.name());
        json.addProperty("type", "secret");
        json.addProperty("description", key.description());
        json.addProperty("api_key", revealed ? secret : secret.substring(0, 15) + "·".repeat(secret.length() - 15));
        return json;
    }

    private static String randomText(int length) {
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
