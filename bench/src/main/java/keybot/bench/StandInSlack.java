package keybot.bench;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keybot.testkit.LocalHttp;

/**
 * Slack's Web API as the benchmark needs it: every method keybot calls answers at once with a plausible body.
 * It notes what matters for timing: each approval-channel post (by key name, for scenario 2) and each direct
 * message carrying a key (by request id, for scenario 3). Nothing is printed and nothing is kept per call.
 */
final class StandInSlack implements AutoCloseable {

    /** The benchmark's key names are unique, so a post naming one is that submission's approval message. */
    static final Pattern BENCH_KEY_NAME = Pattern.compile("bench_k[0-9a-z]+");

    private static final Pattern SECRET = Pattern.compile("sb_secret_[A-Za-z0-9]{31}");

    private final Http http;
    private final AtomicLong ts = new AtomicLong(1_700_000_000L);
    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    private final LongAdder calls = new LongAdder();
    private final LongAdder keyDms = new LongAdder();
    private final Map<String, LongAdder> keyDmsByToken = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Long>> dmWaiters = new ConcurrentHashMap<>();
    private final Map<String, Long> postWaiters = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> postLatencies = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastPostAt = new AtomicLong();

    private final Function<String, Long> requestOfSecret;

    /** @param requestOfSecret which request a secret was created for (the Supabase stand-in knows) */
    StandInSlack(Function<String, Long> requestOfSecret) {
        this.requestOfSecret = requestOfSecret;
        http = new Http("stand-in-slack", 16, Map.of("/api/", this::api, "/respond", this::respond));
    }

    URI apiUrl() {
        return URI.create("http://127.0.0.1:" + http.port() + "/api/");
    }

    String responseUrl() {
        return "http://127.0.0.1:" + http.port() + "/respond";
    }

    long calls() {
        return calls.sum();
    }

    long keyDms() {
        return keyDms.sum();
    }

    long keyDmsFor(String botToken) {
        LongAdder n = keyDmsByToken.get("Bearer " + botToken);
        return n == null ? 0 : n.sum();
    }

    /** Calls per Web API method so far, for the report's sanity check. */
    Map<String, Long> callsByMethod() {
        Map<String, Long> out = new TreeMap<>();
        byMethod.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Completes with {@link System#nanoTime()} when the DM carrying request {@code id}'s key arrives. */
    CompletableFuture<Long> awaitKeyDm(long id) {
        return dmWaiters.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** The request with this (unique) key name was submitted at {@code sentAt}; time its approval-channel post. */
    void expectPost(String keyName, long sentAt) {
        postWaiters.put(keyName, sentAt);
    }

    int postsAwaited() {
        return postWaiters.size();
    }

    /** Submission-to-post latencies recorded since the last call, and the time of the last post. */
    long[] drainPostLatencies() {
        return postLatencies.stream().mapToLong(Long::longValue).toArray();
    }

    void clearPostLatencies() {
        postLatencies.clear();
        postWaiters.clear();
    }

    long lastPostAt() {
        return lastPostAt.get();
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String form = LocalHttp.body(exchange);
        calls.increment();
        byMethod.computeIfAbsent(method, k -> new LongAdder()).increment();
        String answer = switch (method) {
            case "auth.test" ->
                "{\"ok\":true,\"team_id\":\"T0001\",\"user_id\":\"U0KEYBOT\",\"bot_id\":\"B0KEYBOT\","
                        + "\"team\":\"bench\",\"user\":\"keybot\",\"url\":\"https://bench.slack.com/\"}";
            case "views.open", "views.publish", "views.update" -> "{\"ok\":true,\"view\":{\"id\":\"V0BENCH\"}}";
            case "users.info" -> {
                String user = String.valueOf(Http.field(form, "user"));
                yield "{\"ok\":true,\"user\":{\"id\":\"" + user + "\",\"name\":\"" + user.toLowerCase() + "\"}}";
            }
            case "conversations.info" ->
                "{\"ok\":true,\"channel\":{\"id\":\"" + Http.field(form, "channel")
                        + "\",\"name\":\"key-approvals\",\"is_member\":true}}";
            case "usergroups.users.list" -> "{\"ok\":true,\"users\":[]}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D0" + Http.field(form, "users") + "\"}}";
            case "chat.postMessage" -> {
                noteMessage(
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        Http.field(form, "channel"),
                        Http.field(form, "text"),
                        form);
                yield message(Http.field(form, "channel"));
            }
            case "chat.update", "chat.postEphemeral" -> message(Http.field(form, "channel"));
            default -> "{\"ok\":true}";
        };
        LocalHttp.sendJson(exchange, 200, answer);
    }

    private String message(String channel) {
        return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts.incrementAndGet() + ".000100\"}";
    }

    /**
     * A direct message carrying a secret is a delivery: the secret says which request it was made for, so only
     * the right key in the right request's DM counts. Any other post naming a benchmark key name is that
     * submission's approval message (its text or blocks name the key).
     */
    private void noteMessage(String authorization, String channel, String text, String form) {
        long now = System.nanoTime();
        Matcher secret = SECRET.matcher(text == null ? "" : text);
        if (channel != null && channel.startsWith("D") && secret.find()) {
            Long id = requestOfSecret.apply(secret.group());
            if (id == null) {
                return;
            }
            keyDms.increment();
            keyDmsByToken
                    .computeIfAbsent(String.valueOf(authorization), k -> new LongAdder())
                    .increment();
            CompletableFuture<Long> waiter = dmWaiters.remove(id);
            if (waiter != null) {
                waiter.complete(now);
            }
            return;
        }
        if (channel == null || channel.startsWith("D") || postWaiters.isEmpty()) {
            return;
        }
        Matcher name = BENCH_KEY_NAME.matcher(form);
        if (name.find()) {
            Long sentAt = postWaiters.remove(name.group());
            if (sentAt != null) {
                postLatencies.add(now - sentAt);
                lastPostAt.accumulateAndGet(now, Math::max);
            }
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        LocalHttp.body(exchange);
        calls.increment();
        byMethod.computeIfAbsent("(response_url)", k -> new LongAdder()).increment();
        LocalHttp.sendJson(exchange, 200, "{\"ok\":true}");
    }

    @Override
    public void close() {
        http.close();
    }
}
