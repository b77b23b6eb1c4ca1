package keybot.bot.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body, but never more than a limit: a sender cannot make keybot buffer more than that. */
final class CappedBody {

    private CappedBody() {
    }

    /**
     * The whole body, or empty if it is longer than {@code limit} bytes. Reads at most one byte past the limit,
     * so a body that lies about its length (or sends none, chunked) costs no more than an honest one.
     */
    static Optional<byte[]> read(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? Optional.empty() : Optional.of(body);
    }
}
