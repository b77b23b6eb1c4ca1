package keybot.bot.work;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the slow work that follows an acknowledgement (Slack and Supabase calls), so acks stay fast. */
public final class Background implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private final ExecutorService executor;

    public Background(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "keybot-work-" + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    /** Runs {@code work} later; a failure is logged with the request id and what was being done. */
    public void run(long requestId, String what, Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // the class name only: messages of Slack and HTTP exceptions can echo request bodies
                log.error(
                        "Request #{}: {} failed ({})",
                        requestId,
                        what,
                        e.getClass().getName());
            }
        });
    }

    /** Lets running work finish, up to the timeout, so a shutdown does not cut a delivery in half. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
                log.warn("Background work still running at shutdown; stopping it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
