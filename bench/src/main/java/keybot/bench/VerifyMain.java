package keybot.bench;

import keybot.approvals.ChainCheck;
import keybot.db.Database;
import keybot.db.DatabaseUrl;
import keybot.db.PostgresAuditLog;

/** {@code VerifyMain <jdbc url>}: walks the audit chain and prints one line; run in a JVM with a small heap. */
public final class VerifyMain {

    private VerifyMain() {}

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        try (Database db = Database.external(DatabaseUrl.parse(args[0]))) {
            long t0 = System.nanoTime();
            ChainCheck check = new PostgresAuditLog(db.jdbi()).verify();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peakMb = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                            .mapToLong(p -> p.getPeakUsage().getUsed())
                            .sum()
                    >> 20;
            System.out.printf(
                    "%s: %d lines in %.1f s, heap peak %d MB of %d MB%n",
                    check.firstBreak().isEmpty()
                            ? "OK"
                            : "BROKEN at " + check.firstBreak().get(),
                    check.count(),
                    seconds,
                    peakMb,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.exit(check.firstBreak().isEmpty() ? 0 : 1);
        }
    }
}
