package keybot.bot.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadDetector;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import com.slack.api.util.json.GsonFactory;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every command and every interaction must name who acts, as a Slack user id: keybot decides who may do what
 * from that id alone. A signed body without one is refused here, once, rather than in each listener (where a
 * missing id would reach the domain as null). The body is read with Bolt's own extractor and parser, so this
 * check and the listeners always see the same payload.
 */
final class ActingUser {

    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    /** Events API deliveries carry no acting user at the top; keybot only acknowledges them. */
    private static final Set<String> EVENT_TYPES = Set.of("event_callback", "url_verification");

    private ActingUser() {
    }

    /** True when the body is a command or an interaction that names no well-formed user id. */
    static boolean isMissingIn(String body) {
        String json = new JsonPayloadExtractor().extractIfExists(body);
        if (json != null) {
            return isInteractionWithoutUser(GsonFactory.createSnakeCase().fromJson(json, JsonElement.class));
        }
        if (new SlashCommandPayloadDetector().isCommand(body)) {
            return !isUserId(new SlashCommandPayloadParser().parse(body).getUserId());
        }
        return false; // of no kind Bolt routes: Bolt answers it 400 itself
    }

    private static boolean isInteractionWithoutUser(JsonElement payload) {
        if (payload == null || !payload.isJsonObject()) {
            return false; // Bolt's parser refuses it; the gate turns that into a 400
        }
        JsonObject object = payload.getAsJsonObject();
        JsonElement type = object.get("type");
        if (type != null && type.isJsonPrimitive() && EVENT_TYPES.contains(type.getAsString())) {
            return false;
        }
        JsonElement user = object.get("user");
        if (user == null || !user.isJsonObject()) {
            return true;
        }
        JsonElement id = user.getAsJsonObject().get("id");
        return id == null || !id.isJsonPrimitive() || !isUserId(id.getAsString());
    }

    private static boolean isUserId(String id) {
        return id != null && USER_ID.matcher(id).matches();
    }
}
