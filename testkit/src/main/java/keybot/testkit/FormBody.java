package keybot.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a form-encoded body, as Slack's Web API receives them. */
public final class FormBody {

    private FormBody() {}

    /** Every field, decoded, in the body's order. */
    public static Map<String, String> fields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return fields;
    }

    /** One field, decoded; null when absent. Skips the (large) fields it is not asked for. */
    public static String field(String body, String name) {
        String key = name + "=";
        int at = body.startsWith(key) ? 0 : body.indexOf("&" + key);
        if (at < 0) {
            return null;
        }
        int start = at == 0 ? key.length() : at + 1 + key.length();
        int end = body.indexOf('&', start);
        return decode(end < 0 ? body.substring(start) : body.substring(start, end));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
