package keybot.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The log every test writes (target/test.log), read from a mark on, so a test sees only its own lines. */
final class TestLog {

    private static final Path FILE = Path.of("target/test.log");

    private TestLog() {}

    /** Where the log ends now. */
    static long mark() {
        try {
            return Files.exists(FILE) ? Files.size(FILE) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines written since {@code mark}. */
    static List<String> since(long mark) {
        try (RandomAccessFile file = new RandomAccessFile(FILE.toFile(), "r")) {
            byte[] tail = new byte[(int) Math.max(0, file.length() - mark)];
            file.seek(mark);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines logged at ERROR since {@code mark}. */
    static List<String> errorsSince(long mark) {
        return since(mark).stream().filter(line -> line.contains(" ERROR ")).toList();
    }
}
