package keybot.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A run's temporary directory (the embedded database, keybot's logs), deleted when the run ends, or kept and
 * named with {@code -Dbench.keep=true}.
 */
final class WorkDirectory implements AutoCloseable {

    private final Path path;
    private final PrintStream out;

    private WorkDirectory(Path path, PrintStream out) {
        this.path = path;
        this.out = out;
    }

    static WorkDirectory create(PrintStream out) throws IOException {
        return new WorkDirectory(Files.createTempDirectory("keybot-bench"), out);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        if (Boolean.getBoolean("bench.keep")) {
            out.println("Kept the work directory (logs, database): " + path);
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
