package keybot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import keybot.approvals.ChainCheck;
import keybot.db.PostgresAuditLog;
import org.jdbi.v3.core.Jdbi;

/** {@code audit verify} over everything loaded, in this JVM: its time, and the heap it takes on the way. */
final class InProcessVerify {

    private InProcessVerify() {}

    static Report.Verify run(Jdbi jdbi, Progress progress) throws InterruptedException {
        progress.step("audit verify over the whole chain");
        var heap = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = heap.getHeapMemoryUsage().getUsed() >> 20;
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = sampler(heap, peak, running);
        sampler.start();
        long t0 = System.nanoTime();
        ChainCheck check = new PostgresAuditLog(jdbi).verify();
        double secs = Progress.seconds(t0);
        running.set(false);
        sampler.join();
        progress.printf(
                "   %,d lines in %.1f s (%s); heap %d MB before, %d MB at most while verifying%n",
                check.count(), secs, check.firstBreak().map(Object::toString).orElse("intact"), before, peak.get());
        return new Report.Verify(check.count(), secs, check.firstBreak().isEmpty(), before, peak.get(), null);
    }

    /** Notes the heap in use every 20 ms into {@code peak}, the highest seen, while {@code running}. */
    private static Thread sampler(MemoryMXBean heap, AtomicLong peak, AtomicBoolean running) {
        return new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(heap.getHeapMemoryUsage().getUsed() >> 20, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }
}
