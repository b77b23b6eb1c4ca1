package keybot.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Random;

/** Hostile text and JSON, drawn from a seeded Random so a failing run can be replayed. */
final class Junk {

    /** Pieces that have broken text handling somewhere: pings, markup, controls, bidi, invisible, odd Unicode. */
    private static final String[] PIECES = {
        "<!channel>",
        "<!here>",
        "<@UADMIN1>",
        "<#C0APPROVALS>",
        "<https://evil.example|click>",
        "@channel",
        "*",
        "_",
        "~",
        "`",
        "```",
        "&",
        "&amp;",
        "&lt;",
        "<",
        ">",
        "> ",
        "\"",
        "'",
        "\\",
        "%",
        "%ZZ",
        "%E0%A4",
        "+",
        "=",
        "&payload=",
        "\u0000",
        "\u0007",
        "\u001B[2J",
        "\u007F",
        "\u0085",
        "\u009B",
        "\r",
        "\n",
        "\t",
        "\u202E",
        "\u2066",
        "\u2069",
        "\u200B",
        "\u200D",
        "\uFEFF",
        "\u2028",
        "\uD800",
        "\uDC00",
        "\uD83D\uDE00",
        "\uDB40\uDC41",
        "\u05E9\u05DC\u05D5\u05DD",
        "\u0645\u0631\u062D\u0628\u0627",
        "e\u0301",
        "\uFFFF",
        "\uFFFD",
        "' OR '1'='1",
        "'; DROP TABLE key_request; --",
        "${jndi:ldap://127.0.0.1/x}",
        "{{7*7}}",
        "../../etc/passwd",
        "null",
        "true",
        "-1",
        "0",
        "99999999999999999999",
        "1e309",
        "NaN",
        "billing_worker",
        "abcdefghijklmnopqrst",
        " ",
        "a",
        "Z",
        "0"
    };

    private final Random random;

    Junk(Random random) {
        this.random = random;
    }

    /** A short hostile string. */
    String text() {
        return text(1 + random.nextInt(12));
    }

    String text(int pieces) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }

    /** A string of {@code length} characters: one repeated, or hostile pieces. */
    String huge(int length) {
        String seed = random.nextBoolean() ? "x" : text(3);
        return seed.repeat(length / Math.max(1, seed.length()) + 1).substring(0, length);
    }

    /** A Slack-looking user id that is nobody keybot knows: never an approver, never a requester of the test. */
    String stranger() {
        StringBuilder id = new StringBuilder("UX");
        for (int i = 0; i < 8; i++) {
            id.append("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789".charAt(random.nextInt(34)));
        }
        return id.toString();
    }

    /** Any JSON value, of any type, sometimes deeply nested. */
    JsonElement json(int depth) {
        switch (random.nextInt(depth > 3 ? 5 : 8)) {
            case 0:
                return JsonNull.INSTANCE;
            case 1:
                return new JsonPrimitive(random.nextInt() * (random.nextBoolean() ? 1L : 1_000_000_007L));
            case 2:
                return new JsonPrimitive(random.nextBoolean());
            case 3:
                return new JsonPrimitive(random.nextDouble() * 1e300);
            case 4:
                return new JsonPrimitive(text());
            case 5: {
                JsonArray array = new JsonArray();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(json(depth + 1));
                }
                return array;
            }
            case 6: {
                JsonObject object = new JsonObject();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.add(text(1), json(depth + 1));
                }
                return object;
            }
            default:
                return new JsonPrimitive(huge(1 + random.nextInt(5000)));
        }
    }

    /** Brackets nested {@code depth} deep: a parser that recurses runs out of stack. */
    String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
