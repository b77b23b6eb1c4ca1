package keybot.bot.work;

/**
 * Tells this replica's work loops that a change here queued work, so they look at once rather than at their next
 * poll. Only a hint: the queues live in the database, and every loop also polls, which is how work queued by
 * another replica is found.
 */
public final class WorkSignal {

    private long raised;

    /** Work was queued: one waiting thread looks (a busy one looks again when it is done anyway). */
    public synchronized void raise() {
        raised++;
        notify();
    }

    /** Every waiting thread looks: for stopping. */
    synchronized void raiseForAll() {
        raised++;
        notifyAll();
    }

    synchronized long seen() {
        return raised;
    }

    /** Waits until the signal is raised after {@code seen}, or {@code timeoutMillis} pass. */
    synchronized void awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (raised == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
