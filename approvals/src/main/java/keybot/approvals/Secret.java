package keybot.approvals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A secret key value, held only in memory between creating it and sending it. {@link #toString()} never shows
 * it, so it cannot reach a log by accident; only {@link #reveal()} does, and only the DM calls that.
 */
public final class Secret {

    private static final String PREFIX = "sb_secret_";
    private static final int HINT_LENGTH = 6;

    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    /** SHA-256 of the whole key, hex: enough to recognise the key later, useless to use it. */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** At most the first 6 characters after {@code sb_secret_}, as Supabase advises for logs. */
    public String hint() {
        String rest = value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : "";
        return rest.substring(0, Math.min(HINT_LENGTH, rest.length()));
    }

    public KeyRequest.IssuedKey identify(String keyId) {
        return new KeyRequest.IssuedKey(keyId, sha256(), hint());
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
