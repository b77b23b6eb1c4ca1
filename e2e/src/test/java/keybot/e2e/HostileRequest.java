package keybot.e2e;

import static keybot.e2e.KeybotFixture.SIGNING_SECRET;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** One request to throw at keybot: any method, content type, headers and bytes; chunked hides its length. */
record HostileRequest(
        String kind, String method, String contentType, Map<String, String> headers, byte[] body, boolean chunked) {

    private static final String FORM = HostileRequests.FORM;

    /** Signed with the real secret and the current time, as Slack would sign it. */
    static HostileRequest signed(String kind, String contentType, String body) {
        return signedBytes(kind, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static HostileRequest signedBytes(String kind, String contentType, byte[] body) {
        return new HostileRequest(kind, "POST", contentType, signature(SIGNING_SECRET, now(), body), body, false);
    }

    /** A body that would pass, with a signature that must not. */
    static HostileRequest badlySigned(Random random, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = now();
        String good = signature(SIGNING_SECRET, now, bytes).get("X-Slack-Signature");
        Map<String, String> headers = switch (random.nextInt(9)) {
            case 0 -> Map.of();
            case 1 -> signature("not-the-signing-secret", now, bytes);
            case 2 -> signature(SIGNING_SECRET, now - 301 - random.nextInt(100_000), bytes);
            case 3 -> signature(SIGNING_SECRET, now + 301 + random.nextInt(100_000), bytes);
            case 4 -> headers(String.valueOf(now), "v0=zz");
            case 5 -> headers("1e3", good);
            case 6 -> signature(SIGNING_SECRET, now, (body + " ").getBytes(StandardCharsets.UTF_8));
            case 7 -> headers(String.valueOf(now), good.toUpperCase());
            default -> headers(String.valueOf(now), good.replace("v0=", "v1="));
        };
        return new HostileRequest("bad signature", "POST", FORM, headers, bytes, false);
    }

    /** A signed body sent with a method or content type Slack never uses. */
    static HostileRequest badMethodOrType(Random random, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = signature(SIGNING_SECRET, now(), bytes);
        if (random.nextBoolean()) {
            String method = List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE")
                    .get(random.nextInt(7));
            return new HostileRequest("bad method", method, FORM, headers, bytes, false);
        }
        String type = List.of(
                        "text/plain",
                        "multipart/form-data; boundary=x",
                        "application/xml",
                        FORM + "; charset=ISO-8859-1",
                        "application/json; charset=klingon",
                        "",
                        "*/*",
                        "application/x-www-form-urlencoded-x")
                .get(random.nextInt(8));
        return new HostileRequest("bad content type", "POST", type.isEmpty() ? null : type, headers, bytes, false);
    }

    /** More than keybot reads, announced or (chunked) not; at most 1 MiB so keybot drains it. */
    static HostileRequest oversized(Random random, int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'a');
        return new HostileRequest(
                "oversized", "POST", FORM, signature(SIGNING_SECRET, now(), body), body, random.nextInt(4) == 0);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** The two headers Slack signs a request with, as given. */
    private static Map<String, String> headers(String timestamp, String signature) {
        return Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature);
    }

    /** Slack's signature over the exact bytes, which need not be UTF-8. */
    static Map<String, String> signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Slack-Request-Timestamp", String.valueOf(timestamp));
            headers.put("X-Slack-Signature", "v0=" + HexFormat.of().formatHex(mac.doFinal(body)));
            return headers;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
