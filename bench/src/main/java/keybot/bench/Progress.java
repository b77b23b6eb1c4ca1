package keybot.bench;

import java.io.PrintStream;
import java.util.Locale;

/** What a run prints as it goes: each step with the seconds since the run began, and the lines under it. */
final class Progress {

    private final PrintStream out;
    private final long began = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    void step(String what) {
        out.printf(Locale.ROOT, "-- [%3.0f s] %s%n", seconds(began), what);
    }

    /** A line under the current step; numbers are formatted alike in every locale. */
    void printf(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
    }

    void println(String line) {
        out.println(line);
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
