package keybot.e2e;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Opens an interaction body ({@code payload=<url-encoded JSON>}) so a test can break it in one place. */
final class PayloadJson {

    private PayloadJson() {}

    static JsonObject of(String formBody) {
        String json = URLDecoder.decode(formBody.substring("payload=".length()), StandardCharsets.UTF_8);
        return JsonParser.parseString(json).getAsJsonObject();
    }

    static String form(JsonObject payload) {
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    /** The same interaction with {@code change} applied to its JSON. */
    static String with(String formBody, Consumer<JsonObject> change) {
        JsonObject payload = of(formBody);
        change.accept(payload);
        return form(payload);
    }

    /** The first action of a block_actions payload. */
    static JsonObject action(JsonObject payload) {
        return payload.getAsJsonArray("actions").get(0).getAsJsonObject();
    }

    static JsonObject view(JsonObject payload) {
        return payload.getAsJsonObject("view");
    }
}
