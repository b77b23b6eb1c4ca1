package keybot.bot.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works a queue that lives in the database (deliveries owed, timers due): polls, and wakes at once when a click
 * here queued something. Every replica runs one; the database decides who works which item.
 */
public final class WorkLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkLoop.class);

    private final BooleanSupplier work;
    private final Duration pollInterval;
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** @param work does one item of work; false when nothing was due */
    public WorkLoop(String name, BooleanSupplier work, Duration pollInterval, int threadCount) {
        this.work = work;
        this.pollInterval = pollInterval;
        for (int i = 1; i <= threadCount; i++) {
            Thread t = new Thread(this::loop, "keybot-" + name + "-" + i);
            threads.add(t);
            t.start();
        }
    }

    /** Something was queued here: look now rather than at the next poll. */
    public void kick() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                while (running && work.getAsBoolean()) {
                    // keep going while work is due
                }
                if (wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database may be away for a moment; the next poll tries again
                log.warn("{}: {}", threads.get(0).getName(), e.getClass().getSimpleName());
                pauseAfterError();
            }
        }
    }

    private void pauseAfterError() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the job in hand finish (a half-done job would be redone after its lease anyway), then stops. */
    @Override
    public void close() {
        running = false;
        threads.forEach(t -> wake.release());
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
