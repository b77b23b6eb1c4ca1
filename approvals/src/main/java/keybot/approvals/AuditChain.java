package keybot.approvals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The audit log's hash chain. Each line's hash is the SHA-256 (hex) of its canonical JSON, which includes the
 * previous line's hash; the first line's previous hash is {@link #GENESIS}. Editing, deleting, reordering or
 * inserting a line breaks every hash after it, which {@code keybot audit verify} finds.
 *
 * <p>Canonical JSON: the keys in the order of {@link #canonical}, no spaces, strings escaped as JSON requires,
 * missing values as {@code null}, the time in UTC to the microsecond (what PostgreSQL keeps).
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** Times are kept to the microsecond, so the hash of a line read back equals the hash written. */
    public static Instant storable(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static String hash(AuditRecord r) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonical(r).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The line as hashed and as exported (the export adds the line's own hash). */
    public static String canonical(AuditRecord r) {
        return new StringBuilder("{")
                .append("\"seq\":")
                .append(r.seq())
                .append(",\"at\":")
                .append(quote(storable(r.at()).toString()))
                .append(",\"request_id\":")
                .append(r.requestId())
                .append(",\"type\":")
                .append(quote(r.type().name()))
                .append(",\"actor\":")
                .append(quote(r.actor()))
                .append(",\"actor_name\":")
                .append(quote(r.actorName()))
                .append(",\"project\":")
                .append(quote(r.project()))
                .append(",\"key_name\":")
                .append(quote(r.keyName()))
                .append(",\"key_id\":")
                .append(quote(r.keyId()))
                .append(",\"key_sha256\":")
                .append(quote(r.keySha256()))
                .append(",\"detail\":")
                .append(quote(r.detail()))
                .append(",\"message_link\":")
                .append(quote(r.messageLink()))
                .append(",\"prev_hash\":")
                .append(quote(r.prevHash()))
                .append('}')
                .toString();
    }

    /** A JSON string literal, or null. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
