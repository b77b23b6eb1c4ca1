package keybot.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keybot.testkit.StandInSlack;
import keybot.testkit.StandInSupabase;

/**
 * What the benchmark times in keybot's calls to the stand-ins: each approval-channel post (by key name, for scenario
 * 2) and each direct message carrying a key (by request id, for scenario 3). It listens to both stand-ins, as their
 * calls are answered; nothing is kept per call but what a waiting measurement needs.
 */
final class SlackWatch {

    /** The benchmark's key names are unique, so a post naming one is that submission's approval message. */
    static final Pattern BENCH_KEY_NAME = Pattern.compile("bench_k[0-9a-z]+");

    private static final Pattern SECRET = Pattern.compile("sb_secret_[A-Za-z0-9]{31}");

    private final LongAdder keyDms = new LongAdder();
    private final Map<String, LongAdder> keyDmsByToken = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Long>> dmWaiters = new ConcurrentHashMap<>();
    private final Map<String, Long> postWaiters = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> postLatencies = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastPostAt = new AtomicLong();
    /** Secret to the request it was created for, until the DM carrying it arrives. */
    private final Map<String, Long> requestOfSecret = new ConcurrentHashMap<>();

    /** Listens to the Supabase stand-in: notes which request each new secret was created for. */
    void supabaseCalled(StandInSupabase.Call call) {
        if (call.action() == StandInSupabase.Action.CREATE) {
            call.key().request().ifPresent(id -> requestOfSecret.put(call.key().secret(), id));
        }
    }

    /** Listens to the Slack stand-in: times the posts and DMs awaited. */
    void slackCalled(StandInSlack.Call call) {
        if (call.method().equals("chat.postMessage")) {
            noteMessage(call);
        }
    }

    long keyDms() {
        return keyDms.sum();
    }

    long keyDmsFor(String botToken) {
        LongAdder n = keyDmsByToken.get("Bearer " + botToken);
        return n == null ? 0 : n.sum();
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

    /**
     * A direct message carrying a secret is a delivery: the secret says which request it was made for, so only
     * the right key in the right request's DM counts, once. Any other post naming a benchmark key name is that
     * submission's approval message (its text or blocks name the key).
     */
    private void noteMessage(StandInSlack.Call call) {
        long now = System.nanoTime();
        String channel = call.field("channel");
        String text = call.field("text");
        Matcher secret = SECRET.matcher(text == null ? "" : text);
        if (channel != null && channel.startsWith("D") && secret.find()) {
            Long id = requestOfSecret.remove(secret.group());
            if (id == null) {
                return;
            }
            keyDms.increment();
            keyDmsByToken
                    .computeIfAbsent(String.valueOf(call.authorization()), k -> new LongAdder())
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
        Matcher name = BENCH_KEY_NAME.matcher(call.body());
        if (name.find()) {
            Long sentAt = postWaiters.remove(name.group());
            if (sentAt != null) {
                postLatencies.add(now - sentAt);
                lastPostAt.accumulateAndGet(now, Math::max);
            }
        }
    }
}
