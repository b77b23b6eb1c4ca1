package keybot.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * An in-process stand-in for Slack's Web API and response URLs: every method keybot calls answers at once with a
 * plausible body, and an unknown one with {@code unknown_method}. It counts the calls per method; it keeps them only
 * when asked ({@link Builder#keepCalls()}), and it prints nothing: whoever wants to narrate or time the calls is told
 * of each one ({@link Builder#onCall}) before it is answered.
 */
public final class StandInSlack implements AutoCloseable {

    /** The method of a post to a response URL, which is not a Web API method. */
    public static final String RESPONSE_URL = "(response_url)";

    /**
     * One call keybot made: the Web API method (or {@link #RESPONSE_URL}), its body as sent (a form for the Web API,
     * JSON for a response URL) and its {@code Authorization} header (null when there was none).
     */
    public record Call(String method, String body, String authorization) {

        /** One field of a Web API call's form, decoded; null when absent. Only the field asked for is decoded. */
        public String field(String name) {
            return FormBody.field(body, name);
        }

        /** The message text, of a Web API call or of a response URL post; "" when there is none. */
        public String text() {
            if (method.equals(RESPONSE_URL)) {
                JsonElement text =
                        JsonParser.parseString(body).getAsJsonObject().get("text");
                return text == null || text.isJsonNull() ? "" : text.getAsString();
            }
            String text = field("text");
            return text == null ? "" : text;
        }

        /** The method alone: the body may carry a secret. */
        @Override
        public String toString() {
            return "Call[" + method + "]";
        }
    }

    /** How the stand-in runs: by default on one thread, keeping no calls and telling no one of them. */
    public static final class Builder {
        private int threads;
        private String workspace = "example";
        private boolean keepCalls;
        private Consumer<Call> onCall = call -> {};

        private Builder() {}

        /** Answers on a pool of this many threads, named {@code stand-in-slack-N}, rather than on one. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The workspace's name, as {@code auth.test} gives it and in its URL (whence keybot's permalinks). */
        public Builder workspace(String name) {
            this.workspace = name;
            return this;
        }

        /** Keeps every call, for {@link #calls()}: for short runs, not under load. */
        public Builder keepCalls() {
            this.keepCalls = true;
            return this;
        }

        /** Is told of every call, on the thread answering it, before the answer is sent. */
        public Builder onCall(Consumer<Call> listener) {
            this.onCall = listener;
            return this;
        }

        public StandInSlack start() {
            return new StandInSlack(this);
        }
    }

    private final LocalHttp http;
    private final String workspace;
    private final Consumer<Call> onCall;
    private final List<Call> kept;
    private final LongAdder count = new LongAdder();
    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000L);

    private StandInSlack(Builder b) {
        this.workspace = b.workspace;
        this.onCall = b.onCall;
        this.kept = b.keepCalls ? new CopyOnWriteArrayList<>() : null;
        this.http = new LocalHttp("slack", b.threads, Map.of("/api/", this::api, "/respond", this::respond));
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI apiUrl() {
        return URI.create(http.url("/api/"));
    }

    public String responseUrl() {
        return http.url("/respond");
    }

    /** The calls so far, in the order they came; only with {@link Builder#keepCalls()}. */
    public List<Call> calls() {
        if (kept == null) {
            throw new IllegalStateException("this stand-in keeps no calls: start it with keepCalls()");
        }
        return List.copyOf(kept);
    }

    /** How many calls came so far, of every method. */
    public long callCount() {
        return count.sum();
    }

    /** How many calls came so far, per method. */
    public Map<String, Long> callsByMethod() {
        Map<String, Long> out = new TreeMap<>();
        byMethod.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void api(HttpExchange exchange) throws IOException {
        Call call = called(exchange, exchange.getRequestURI().getPath().substring("/api/".length()));
        LocalHttp.sendJson(exchange, 200, answer(call));
    }

    private void respond(HttpExchange exchange) throws IOException {
        called(exchange, RESPONSE_URL);
        LocalHttp.sendJson(exchange, 200, "{\"ok\":true}");
    }

    private Call called(HttpExchange exchange, String method) throws IOException {
        Call call = new Call(
                method, LocalHttp.body(exchange), exchange.getRequestHeaders().getFirst("Authorization"));
        count.increment();
        byMethod.computeIfAbsent(method, k -> new LongAdder()).increment();
        onCall.accept(call);
        if (kept != null) {
            kept.add(call);
        }
        return call;
    }

    private String answer(Call call) {
        return switch (call.method()) {
            case "auth.test" ->
                "{\"ok\":true,\"team_id\":\"" + SlackPayloads.TEAM + "\",\"user_id\":\"U0KEYBOT\","
                        + "\"bot_id\":\"B0KEYBOT\",\"team\":\"" + workspace + "\",\"user\":\"keybot\","
                        + "\"url\":\"https://" + workspace + ".slack.com/\"}";
            case "views.open", "views.publish", "views.update" -> "{\"ok\":true,\"view\":{\"id\":\"V0STANDIN\"}}";
            case "users.info" -> user(call.field("user"));
            case "conversations.info" ->
                "{\"ok\":true,\"channel\":{\"id\":\"" + call.field("channel")
                        + "\",\"name\":\"key-approvals\",\"is_member\":true}}";
            case "usergroups.users.list" -> "{\"ok\":true,\"users\":[]}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D0" + call.field("users") + "\"}}";
            case "chat.postMessage", "chat.update", "chat.postEphemeral" ->
                "{\"ok\":true,\"channel\":\"" + call.field("channel") + "\",\"ts\":\"" + ts.incrementAndGet()
                        + ".000100\"}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
    }

    /** Everyone exists; U0STEVE's name is steve. */
    private static String user(String id) {
        if (id == null) {
            return "{\"ok\":false,\"error\":\"user_not_found\"}";
        }
        String name = (id.startsWith("U0") ? id.substring(2) : id).toLowerCase(Locale.ROOT);
        return "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}}";
    }

    @Override
    public void close() {
        http.close();
    }
}
