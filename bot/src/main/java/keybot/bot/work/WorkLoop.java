package keybot.bot.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works a queue that lives in the database (effects owed, deliveries owed, timers due): works while something is
 * due, then waits for the {@link WorkSignal} or the poll interval. Every replica runs one of each; the database
 * decides who works which item.
 */
public final class WorkLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkLoop.class);

    private final String name;
    private final BooleanSupplier work;
    private final Duration pollInterval;
    private final WorkSignal signal;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** @param work does one item of work; false when nothing was due */
    public WorkLoop(String name, BooleanSupplier work, Duration pollInterval, int threadCount, WorkSignal signal) {
        this.name = name;
        this.work = work;
        this.pollInterval = pollInterval;
        this.signal = signal;
        for (int i = 1; i <= threadCount; i++) {
            Thread t = new Thread(this::loop, "keybot-" + name + "-" + i);
            threads.add(t);
            t.start();
        }
    }

    private void loop() {
        while (running) {
            try {
                long seen = signal.seen();
                while (running && work.getAsBoolean()) {
                    // keep going while work is due
                }
                signal.awaitAfter(seen, pollInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database may be away for a moment; the next poll tries again
                log.warn("{}: {}", name, e.getClass().getSimpleName());
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

    /**
     * Stops, then works what is still due itself, for at most {@code max}: for work that shows what happened (the
     * effects), so a change made just before a shutdown is still shown by this replica rather than the next one.
     */
    public void closeDraining(Duration max) {
        close();
        long end = System.nanoTime() + max.toNanos();
        try {
            while (System.nanoTime() < end && work.getAsBoolean()) {
                // keep going while work is due
            }
        } catch (RuntimeException e) {
            log.warn("{}: left for the next replica ({})", name, e.getClass().getSimpleName());
        }
    }

    /** Lets the item in hand finish (a half-done one would be redone after its lease anyway), then stops. */
    @Override
    public void close() {
        running = false;
        signal.raiseForAll();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
