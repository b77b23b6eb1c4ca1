package keybot.bot.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body, but never more than a limit: a sender cannot make keybot buffer more than that. */
final class CappedBody {

    private CappedBody() {}

    /**
     * The whole body, or empty if it is longer than {@code limit} bytes. Reads at most one byte past the limit,
     * so a body that lies about its length (or sends none, chunked) costs no more than an honest one.
     */
    static Optional<byte[]> read(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? Optional.empty() : Optional.of(body);
    }

    /**
     * Reads and throws away what is left of a refused body, up to {@code max} bytes, without keeping any of it.
     * A connection closed while the sender is still writing is reset, and a reset can destroy the answer before
     * the sender reads it; a sender who went on past {@code max} is cut off instead.
     */
    static void discard(InputStream in, long max) {
        try {
            byte[] sink = new byte[8192];
            long left = max;
            while (left > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            // the sender is gone; there is nothing left to protect
        }
    }
}
