package keybot.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import keybot.bot.slack.Ids;

/** Request bodies shaped like the ones Slack sends: used by the demo, the tests and the benchmark. */
public final class SlackPayloads {

    public static final String TEAM = "T0001";

    private SlackPayloads() {}

    /** A slash command, form-encoded on one line as Slack sends it. */
    public static String command(String command, String user, String text, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", TEAM);
        form.put("team_domain", "example");
        form.put("channel_id", "C0GENERAL");
        form.put("channel_name", "general");
        form.put("user_id", user);
        form.put("user_name", user.toLowerCase());
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", "A0KEYBOT");
        form.put("response_url", responseUrl);
        form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return form(form);
    }

    /** The request form submitted with the given values; null leaves an input empty. */
    public static String requestSubmission(
            String user, String projectRef, String keyName, String reason, String description) {
        JsonObject values = new JsonObject();
        JsonObject select = new JsonObject();
        select.addProperty("type", "static_select");
        if (projectRef != null) {
            JsonObject option = new JsonObject();
            option.add("text", plainText(projectRef));
            option.addProperty("value", projectRef);
            select.add("selected_option", option);
        }
        values.add(Ids.PROJECT, single(Ids.PROJECT, select));
        values.add(Ids.KEY_NAME, single(Ids.KEY_NAME, textInput(keyName)));
        values.add(Ids.REASON, single(Ids.REASON, textInput(reason)));
        values.add(Ids.DESCRIPTION, single(Ids.DESCRIPTION, textInput(description)));
        return viewSubmission(user, Ids.KEY_REQUEST, "", values);
    }

    /** The deny form submitted for a request. */
    public static String denySubmission(String user, String requestId, String reason) {
        JsonObject values = new JsonObject();
        values.add(Ids.DENY_REASON, single(Ids.DENY_REASON_INPUT, textInput(reason)));
        return viewSubmission(user, Ids.DENY_REASON, requestId, values);
    }

    /** A click on a button of the approval message. */
    public static String buttonClick(String user, String actionId, String value, String responseUrl) {
        JsonArray actions = button(actionId, Ids.DECISION, value);
        JsonObject payload = envelope("block_actions", user);
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", "1700000000.000100");
        container.addProperty("channel_id", "C0APPROVALS");
        container.addProperty("is_ephemeral", false);
        payload.add("container", container);
        JsonObject channel = new JsonObject();
        channel.addProperty("id", "C0APPROVALS");
        channel.addProperty("name", "key-approvals");
        payload.add("channel", channel);
        payload.addProperty("response_url", responseUrl);
        payload.add("actions", actions);
        return "payload=" + encode(payload.toString());
    }

    /** A click on a button in App Home: there is no message and no response URL. */
    public static String homeButtonClick(String user, String actionId, String value) {
        JsonArray actions = button(actionId, Ids.DECISION + "_" + value, value);
        JsonObject container = new JsonObject();
        container.addProperty("type", "view");
        container.addProperty("view_id", "VHOME");
        JsonObject view = new JsonObject();
        view.addProperty("id", "VHOME");
        view.addProperty("type", "home");
        JsonObject payload = envelope("block_actions", user);
        payload.add("container", container);
        payload.add("view", view);
        payload.add("actions", actions);
        return "payload=" + encode(payload.toString());
    }

    private static String viewSubmission(String user, String callbackId, String privateMetadata, JsonObject values) {
        JsonObject state = new JsonObject();
        state.add("values", values);
        JsonObject view = new JsonObject();
        view.addProperty("id", "V0000001");
        view.addProperty("team_id", TEAM);
        view.addProperty("type", "modal");
        view.addProperty("callback_id", callbackId);
        view.addProperty("private_metadata", privateMetadata);
        view.add("blocks", new JsonArray());
        view.add("state", state);
        view.addProperty("hash", "1569562184.10297bc3");
        view.addProperty("app_id", "A0KEYBOT");
        JsonObject payload = envelope("view_submission", user);
        payload.add("view", view);
        return "payload=" + encode(payload.toString());
    }

    /** The clicked button, as the one element of a payload's {@code actions}. */
    private static JsonArray button(String actionId, String blockId, String value) {
        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", blockId);
        action.addProperty("type", "button");
        action.addProperty("value", value);
        action.add("text", plainText(actionId));
        action.addProperty("action_ts", "1700000050.840180");
        JsonArray actions = new JsonArray();
        actions.add(action);
        return actions;
    }

    /** Slack's event when someone opens keybot's App Home; a JSON body, not a form. */
    public static String homeOpened(String user) {
        JsonObject event = new JsonObject();
        event.addProperty("type", "app_home_opened");
        event.addProperty("user", user);
        event.addProperty("channel", "D0HOME");
        event.addProperty("tab", "home");
        event.addProperty("event_ts", "1700000000.000100");
        JsonObject callback = new JsonObject();
        callback.addProperty("token", "legacy");
        callback.addProperty("team_id", "T0001");
        callback.addProperty("api_app_id", "A0KEYBOT");
        callback.addProperty("type", "event_callback");
        callback.addProperty("event_id", "Ev" + user);
        callback.addProperty("event_time", 1700000000);
        callback.add("event", event);
        return callback.toString();
    }

    private static JsonObject envelope(String type, String user) {
        JsonObject who = new JsonObject();
        who.addProperty("id", user);
        who.addProperty("username", user.toLowerCase());
        who.addProperty("team_id", TEAM);
        JsonObject team = new JsonObject();
        team.addProperty("id", TEAM);
        team.addProperty("domain", "example");
        JsonObject payload = new JsonObject();
        payload.addProperty("type", type);
        payload.add("team", team);
        payload.add("user", who);
        payload.addProperty("api_app_id", "A0KEYBOT");
        payload.addProperty("token", "legacy-verification-token");
        payload.addProperty("trigger_id", "768915595217.771150964790.bbc12e4f14");
        return payload;
    }

    private static JsonObject single(String actionId, JsonObject element) {
        JsonObject block = new JsonObject();
        block.add(actionId, element);
        return block;
    }

    private static JsonObject textInput(String value) {
        JsonObject input = new JsonObject();
        input.addProperty("type", "plain_text_input");
        input.addProperty("value", value);
        return input;
    }

    private static JsonObject plainText(String text) {
        JsonObject t = new JsonObject();
        t.addProperty("type", "plain_text");
        t.addProperty("text", text);
        return t;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
