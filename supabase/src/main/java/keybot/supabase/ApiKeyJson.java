package keybot.supabase;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;
import keybot.approvals.IssueFailure;

/** The JSON of the api-keys endpoints: the create body, the key response and error bodies, read defensively. */
final class ApiKeyJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private ApiKeyJson() {}

    /** An {@code ApiKeyResponse}, reduced to what keybot needs; {@code apiKey} may be null or masked. */
    record Key(String id, String apiKey) {
        @Override
        public String toString() {
            return "Key[id=" + id + ", apiKey=hidden]";
        }
    }

    static String createBody(String name, String description) {
        JsonObject template = new JsonObject();
        template.addProperty("role", "service_role");
        JsonObject body = new JsonObject();
        body.addProperty("type", "secret");
        body.addProperty("name", name);
        body.addProperty("description", description);
        body.add("secret_jwt_template", template);
        return GSON.toJson(body);
    }

    /** @throws IssueFailure BAD_RESPONSE when the body is not a key object with an {@code id} */
    static Key key(String body) {
        JsonObject object = object(body);
        String id = object == null ? null : string(object, "id");
        if (id == null || id.isBlank()) {
            throw new IssueFailure(
                    IssueFailure.Kind.BAD_RESPONSE,
                    object == null ? "the answer is not a JSON object" : "the answer has no key id");
        }
        return new Key(id, string(object, "api_key"));
    }

    /** Key id → description of a list answer; entries without an id are skipped. */
    static Map<String, String> idsAndDescriptions(String body) {
        JsonElement element;
        try {
            element = body == null ? null : JsonParser.parseString(body);
        } catch (JsonParseException e) {
            element = null;
        }
        if (element == null || !element.isJsonArray()) {
            throw new IssueFailure(IssueFailure.Kind.BAD_RESPONSE, "the key list is not a JSON array");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (JsonElement item : element.getAsJsonArray()) {
            if (item.isJsonObject() && string(item.getAsJsonObject(), "id") != null) {
                keys.put(string(item.getAsJsonObject(), "id"), string(item.getAsJsonObject(), "description"));
            }
        }
        return keys;
    }

    /** The {@code message} of an error body, or null when the body is empty, not JSON or has none. */
    static String errorMessage(String body) {
        JsonObject object = object(body);
        String message = object == null ? null : string(object, "message");
        return message == null || message.isBlank() ? null : message.strip();
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonElement element = JsonParser.parseString(body);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (JsonParseException | IllegalStateException e) {
            return null;
        }
    }

    private static String string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null
                        && value.isJsonPrimitive()
                        && value.getAsJsonPrimitive().isString()
                ? value.getAsString()
                : null;
    }
}
