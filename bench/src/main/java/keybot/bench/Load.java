package keybot.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import keybot.bot.http.SlackSignature;

/**
 * The load generator: {@code concurrency} threads, each sending its next request as soon as the previous one is
 * answered (a closed loop), until a count or a time limit is reached. Requests are signed like Slack's and go
 * over HTTP/1.1 to 127.0.0.1 only.
 */
final class Load {

    /** One unit of work: send, record the ack (and the completion, where there is one); false = an error. */
    interface Call {
        boolean run(long n, Recorder record) throws Exception;
    }

    /** Per worker, so recording needs no locks. */
    static final class Recorder {
        final Latencies ack = new Latencies();
        final Latencies done = new Latencies();
    }

    /** What one run measured. Latencies are the successful calls'. */
    record Outcome(int concurrency, Latencies ack, Latencies done, long ok, long errors, double seconds) {
        double throughput() {
            return seconds == 0 ? 0 : ok / seconds;
        }
    }

    /** CPU time of the load generator's workers that have finished: the benchmark's own cost, not the apps'. */
    private static final LongAdder WORKER_CPU = new LongAdder();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8, daemon("load-http")))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final SlackSignature signature;

    Load(String signingSecret) {
        this.signature = new SlackSignature(signingSecret);
    }

    /** Posts a form body to {@code events}, signed with the current time, as Slack does. */
    HttpResponse<String> post(URI events, String body) throws IOException, InterruptedException {
        return post(events, body, "application/x-www-form-urlencoded");
    }

    /** Posts an Events API callback (JSON), signed the same way. */
    HttpResponse<String> postEvent(URI events, String json) throws IOException, InterruptedException {
        return post(events, json, "application/json");
    }

    private HttpResponse<String> post(URI events, String body, String type) throws IOException, InterruptedException {
        long now = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(events)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", type)
                .header("X-Slack-Request-Timestamp", String.valueOf(now))
                .header("X-Slack-Signature", signature.sign(now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static long finishedWorkerCpuNanos() {
        return WORKER_CPU.sum();
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static Outcome run(int concurrency, long maxCount, Duration maxTime, Call call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemon("load"));
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger failuresShown = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Recorder>> workers = new ArrayList<>();
        long[] deadline = new long[1];
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                Recorder record = new Recorder();
                go.await();
                long n;
                while (System.nanoTime() < deadline[0] && (n = next.getAndIncrement()) < maxCount) {
                    boolean ok;
                    try {
                        ok = call.run(n, record);
                    } catch (Exception e) {
                        ok = false;
                        if (failuresShown.getAndIncrement() < 3) {
                            System.err.println("  request failed: " + e);
                        }
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                WORKER_CPU.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                return record;
            }));
        }
        long start = System.nanoTime();
        deadline[0] = start + maxTime.toNanos();
        go.countDown();
        Recorder all = new Recorder();
        for (Future<Recorder> f : workers) {
            try {
                Recorder r = f.get();
                all.ack.addAll(r.ack);
                all.done.addAll(r.done);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a load worker failed", e.getCause());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long sent = Math.min(next.get(), maxCount);
        return new Outcome(concurrency, all.ack, all.done, sent - errors.get(), errors.get(), seconds);
    }
}
