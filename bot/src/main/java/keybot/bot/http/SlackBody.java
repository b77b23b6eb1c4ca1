package keybot.bot.http;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadDetector;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.util.EventsApiPayloadParser;
import com.slack.api.util.json.GsonFactory;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import keybot.bot.slack.SlackIds;

/**
 * A signed body read the way Bolt will read it (with Bolt's own extractor and parser, so the gate and the
 * listeners always see the same payload), checked for what Bolt and the listeners take for granted: who acts,
 * where answers go, and the few fields Bolt's own code dereferences without looking (found by the hostile-input
 * test: a null in {@code actions}, an event without a type, an event type Bolt cannot turn into a class name).
 */
final class SlackBody {

    /** Slack's event type names; Bolt's hint for an unhandled event throws on a name ending in {@code _}. */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");

    enum Kind {
        COMMAND,
        INTERACTION,
        EVENT,
        OTHER
    }

    private final Kind kind;
    private final String json;
    private final JsonObject payload;
    /** Configured as Bolt's, so the gate accepts and refuses what Bolt would; made once, as Gson is thread-safe. */
    private static final Gson BOLTS_GSON = GsonFactory.createSnakeCase();

    private final String user;
    private final String responseUrl;

    private SlackBody(Kind kind, String json, JsonObject payload, String user, String responseUrl) {
        this.kind = kind;
        this.json = json;
        this.payload = payload;
        this.user = user;
        this.responseUrl = responseUrl;
    }

    /** Reads a body; throws a RuntimeException where Bolt's parser would throw too. */
    static SlackBody read(String body) {
        String json = new JsonPayloadExtractor().extractIfExists(body);
        if (json != null) {
            JsonElement parsed = BOLTS_GSON.fromJson(json, JsonElement.class);
            if (parsed == null || !parsed.isJsonObject()) {
                return new SlackBody(Kind.OTHER, json, null, null, null); // Bolt's parser refuses it: the gate's 400
            }
            JsonObject payload = parsed.getAsJsonObject();
            String type = text(payload.get("type"));
            if ("event_callback".equals(type) || "url_verification".equals(type)) {
                return new SlackBody(Kind.EVENT, json, payload, null, null);
            }
            JsonElement user = payload.get("user");
            String id = user != null && user.isJsonObject()
                    ? text(user.getAsJsonObject().get("id"))
                    : null;
            return new SlackBody(Kind.INTERACTION, json, payload, id, text(payload.get("response_url")));
        }
        if (new SlashCommandPayloadDetector().isCommand(body)) {
            SlashCommandPayload command = new SlashCommandPayloadParser().parse(body);
            return new SlackBody(Kind.COMMAND, body, null, command.getUserId(), command.getResponseUrl());
        }
        return new SlackBody(Kind.OTHER, body, null, null, null); // of no kind Bolt routes: Bolt answers it 400 itself
    }

    /** Why the body must not reach Bolt, if it must not; throws a RuntimeException where Bolt would. */
    Optional<String> problem(ResponseUrlRule responseUrls) {
        if ((kind == Kind.COMMAND || kind == Kind.INTERACTION) && !SlackIds.isUser(user)) {
            return Optional.of("the request names no Slack user");
        }
        if (responseUrl != null && !responseUrls.allows(responseUrl)) {
            return Optional.of("the response URL is not Slack's");
        }
        if (kind == Kind.INTERACTION && "block_actions".equals(text(payload.get("type")))) {
            return blockActionProblem();
        }
        if (kind == Kind.EVENT && "event_callback".equals(text(payload.get("type")))) {
            return eventProblem();
        }
        return Optional.empty();
    }

    /**
     * Slack sends every click on a message with a response URL, and every action as an object with an id. A click
     * elsewhere (App Home) has none; a listener answering a message click relies on it.
     */
    private Optional<String> blockActionProblem() {
        JsonElement container = payload.get("container");
        boolean inView = container != null
                && container.isJsonObject()
                && "view".equals(text(container.getAsJsonObject().get("type")));
        if (!inView && responseUrl == null) {
            return Optional.of("a click on a message without Slack's response URL");
        }
        JsonElement actions = payload.get("actions");
        if (actions != null && actions.isJsonArray()) {
            for (JsonElement action : (JsonArray) actions) {
                if (!action.isJsonObject() || text(action.getAsJsonObject().get("action_id")) == null) {
                    return Optional.of("malformed request");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Bolt reads an event's type, and its user and bot id as text, before any listener runs, then reads the whole
     * delivery into the SDK's class for the event inside its own error handling: a field of the wrong type there
     * is a 500. So the gate reads it the same way first.
     */
    private Optional<String> eventProblem() {
        JsonElement event = payload.get("event");
        if (event == null || !event.isJsonObject()) {
            return Optional.of("malformed request");
        }
        JsonObject fields = event.getAsJsonObject();
        boolean typed = isEventType(fields.get("type"))
                && (fields.get("subtype") == null || isEventType(fields.get("subtype")));
        boolean textOrAbsent = isTextOrAbsent(fields.get("user")) && isTextOrAbsent(fields.get("bot_id"));
        if (!typed || !textOrAbsent) {
            return Optional.of("malformed request");
        }
        try {
            EventsApiPayloadParser.buildEventPayload(new EventRequest(json, new RequestHeaders(Map.of())));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("malformed request");
        }
    }

    private static boolean isEventType(JsonElement element) {
        String type = text(element);
        return type != null && EVENT_TYPE.matcher(type).matches();
    }

    private static boolean isTextOrAbsent(JsonElement element) {
        return element == null || text(element) != null;
    }

    /** A text field; any other JSON (an object, an array, null) reads as absent. */
    private static String text(JsonElement element) {
        return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
    }
}
