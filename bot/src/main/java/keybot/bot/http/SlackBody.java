package keybot.bot.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadDetector;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import com.slack.api.util.json.GsonFactory;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A signed body read the way Bolt will read it (with Bolt's own extractor and parser, so the gate and the
 * listeners always see the same payload), for the two things the gate checks before any listener runs: who acts,
 * and where answers would be posted.
 */
final class SlackBody {

    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    /** Events API deliveries carry no acting user and no response URL at the top; keybot only acknowledges them. */
    private static final Set<String> EVENT_TYPES = Set.of("event_callback", "url_verification");

    /** True for a command or an interaction, which must name who acts. */
    private final boolean acts;
    private final String user;
    private final String responseUrl;

    private SlackBody(boolean acts, String user, String responseUrl) {
        this.acts = acts;
        this.user = user;
        this.responseUrl = responseUrl;
    }

    /** Reads a body; throws a RuntimeException where Bolt's parser would throw too. */
    static SlackBody read(String body) {
        String json = new JsonPayloadExtractor().extractIfExists(body);
        if (json != null) {
            return interaction(GsonFactory.createSnakeCase().fromJson(json, JsonElement.class));
        }
        if (new SlashCommandPayloadDetector().isCommand(body)) {
            SlashCommandPayload command = new SlashCommandPayloadParser().parse(body);
            return new SlackBody(true, command.getUserId(), command.getResponseUrl());
        }
        return new SlackBody(false, null, null); // of no kind Bolt routes: Bolt answers it 400 itself
    }

    private static SlackBody interaction(JsonElement payload) {
        if (payload == null || !payload.isJsonObject()) {
            return new SlackBody(false, null, null); // Bolt's parser refuses it; the gate turns that into a 400
        }
        JsonObject object = payload.getAsJsonObject();
        String type = text(object.get("type"));
        if (type != null && EVENT_TYPES.contains(type)) {
            return new SlackBody(false, null, null);
        }
        JsonElement user = object.get("user");
        String id = user != null && user.isJsonObject() ? text(user.getAsJsonObject().get("id")) : null;
        return new SlackBody(true, id, text(object.get("response_url")));
    }

    /** A text field; any other JSON (an object, an array, null) reads as absent. */
    private static String text(JsonElement element) {
        return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
    }

    /** True when the body is a command or an interaction that names no well-formed Slack user id. */
    boolean lacksActingUser() {
        return acts && (user == null || !USER_ID.matcher(user).matches());
    }

    /** Where Slack asks for answers to be posted, when the body says. */
    Optional<String> responseUrl() {
        return Optional.ofNullable(responseUrl);
    }
}
