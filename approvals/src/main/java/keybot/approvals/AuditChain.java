package keybot.approvals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The audit log's hash chain. Each line's hash is the SHA-256 (hex) of its canonical JSON, which includes the
 * previous line's hash; the first line's previous hash is {@link #GENESIS}. Editing, deleting, reordering or
 * inserting a line breaks every hash after it, which {@code keybot audit verify} finds.
 *
 * <p>Canonical JSON: the keys of {@link #FIELDS} in their order, no spaces, strings escaped as JSON requires,
 * missing values as {@code null}, the time in UTC to the microsecond (what PostgreSQL keeps).
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    /** JSON's short escapes; other control characters are written as a backslash, u and four hex digits. */
    private static final Map<Character, String> ESCAPES =
            Map.of('"', "\\\"", '\\', "\\\\", '\n', "\\n", '\r', "\\r", '\t', "\\t");

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

    /** The line's fields as hashed and exported, in this order; the export adds the line's own {@code hash}. */
    public static final List<String> FIELDS = List.of(
            "seq",
            "at",
            "request_id",
            "type",
            "actor",
            "actor_name",
            "project",
            "key_name",
            "key_id",
            "key_sha256",
            "detail",
            "message_link",
            "prev_hash");

    /** The values of {@link #FIELDS}: numbers as numbers, the rest as text, null where missing. */
    public static List<Object> values(AuditRecord r) {
        return Arrays.asList(
                r.seq(),
                storable(r.at()).toString(),
                r.requestId(),
                r.type().name(),
                r.actor(),
                r.actorName(),
                r.project(),
                r.keyName(),
                r.keyId(),
                r.keySha256(),
                r.detail(),
                r.messageLink(),
                r.prevHash());
    }

    /** The line as hashed and as exported (the export adds the line's own hash). */
    public static String canonical(AuditRecord r) {
        List<Object> values = values(r);
        StringJoiner json = new StringJoiner(",", "{", "}");
        for (int i = 0; i < FIELDS.size(); i++) {
            json.add(quote(FIELDS.get(i)) + ":" + jsonValue(values.get(i)));
        }
        return json.toString();
    }

    private static String jsonValue(Object value) {
        return value instanceof Number ? value.toString() : quote((String) value);
    }

    /** A JSON string literal, or null. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = ESCAPES.get(c);
            if (escape != null) {
                out.append(escape);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
