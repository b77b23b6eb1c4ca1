package keybot.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, and their exact percentiles (nearest rank over the sorted samples). */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    static Latencies of(long[] nanos) {
        Latencies l = new Latencies();
        for (long n : nanos) {
            l.add(n);
        }
        return l;
    }

    int count() {
        return size;
    }

    Stats stats() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new Stats(
                size,
                ms(rank(sorted, 50)),
                ms(rank(sorted, 95)),
                ms(rank(sorted, 99)),
                size == 0 ? 0 : ms(sorted[size - 1]),
                size == 0 ? 0 : ms((long) Arrays.stream(sorted).average().orElse(0)));
    }

    /** The smallest sample with at least p% of the samples at or below it. */
    private static long rank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Milliseconds, rounded to 0.01. */
    record Stats(int count, double p50, double p95, double p99, double max, double mean) {}
}
