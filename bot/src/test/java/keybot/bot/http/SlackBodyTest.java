package keybot.bot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.bolt.util.EventsApiPayloadParser;
import com.slack.api.model.event.AppHomeOpenedEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackBodyTest {

    private static final ResponseUrlRule RULE = ResponseUrlRule.slackAnd(URI.create("https://slack.com/api/"));
    private static final String HOOK = "\"response_url\":\"https://hooks.slack.com/a\"";
    private static final String NO_USER = "the request names no Slack user";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            command by a user                 | command=%2Frequest-key&user_id=U0123ABC&text=             | OK
            command by a Grid user            | command=%2Frequest-key&user_id=W0123ABC&text=             | OK
            command without user_id           | command=%2Frequest-key&text=help                          | the request names no Slack user
            command with an empty user_id     | command=%2Frequest-key&user_id=&text=                     | the request names no Slack user
            command by a lowercase id         | command=%2Frequest-key&user_id=u0123abc                   | the request names no Slack user
            command by a channel id           | command=%2Frequest-key&user_id=C0123ABC                   | the request names no Slack user
            command answering elsewhere       | command=%2Frequest-key&user_id=U1X&response_url=http%3A%2F%2Fx | the response URL is not Slack's
            body of no kind Bolt routes       | hello=world                                               | OK
            """)
    void formBodies(String name, String body, String problem) {
        // when / then
        assertEquals(Optional.ofNullable(problem), SlackBody.read(body).problem(RULE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            click by a user                  | {"type":"block_actions","user":{"id":"UADMIN1"},#,"actions":[{"action_id":"a"}]} | OK
            click without a user             | {"type":"block_actions",#}                                | the request names no Slack user
            click whose user is a string     | {"type":"block_actions","user":"UADMIN1",#}               | the request names no Slack user
            click whose user has no id       | {"type":"block_actions","user":{"name":"bob"},#}          | the request names no Slack user
            click whose user id is a number  | {"type":"block_actions","user":{"id":7},#}                | the request names no Slack user
            click whose user id is an object | {"type":"block_actions","user":{"id":{}},#}               | the request names no Slack user
            click by an id with a newline    | {"type":"block_actions","user":{"id":"UADMIN1\\nU2"},#}   | the request names no Slack user
            click answering elsewhere        | {"type":"block_actions","user":{"id":"U1X"},"response_url":"https://evil.example/"} | the response URL is not Slack's
            click on a message, no URL       | {"type":"block_actions","user":{"id":"U1X"},"container":{"type":"message"}} | a click on a message without Slack's response URL
            click in App Home, no URL        | {"type":"block_actions","user":{"id":"U1X"},"container":{"type":"view"}}    | OK
            click with a null action         | {"type":"block_actions","user":{"id":"U1X"},#,"actions":[null]}             | malformed request
            click with an action without id  | {"type":"block_actions","user":{"id":"U1X"},#,"actions":[{"value":"1"}]}    | malformed request
            form by a user                   | {"type":"view_submission","user":{"id":"USTEVE"}}         | OK
            form of no type, without a user  | {"view":{}}                                               | the request names no Slack user
            a JSON array                     | [1,2]                                                     | OK
            """)
    void interactions(String name, String json, String problem) {
        // given
        String body = "payload=" + URLEncoder.encode(json.replace("#", HOOK), StandardCharsets.UTF_8);
        // when / then
        assertEquals(Optional.ofNullable(problem), SlackBody.read(body).problem(RULE));
    }

    @BeforeAll
    static void boltKnowsTheEventKeybotListensTo() {
        // app.event(AppHomeOpenedEvent.class, ...) does this in keybot; Bolt reads only events it knows
        EventsApiPayloadParser.getEventTypeAndSubtype(AppHomeOpenedEvent.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            app_home_opened                  | {"type":"event_callback","event":{"type":"app_home_opened","user":"U1"}} | OK
            url_verification                 | {"type":"url_verification","challenge":"abc"}                           | OK
            event without an event           | {"type":"event_callback"}                                                | malformed request
            event that is text               | {"type":"event_callback","event":"x"}                                    | malformed request
            event without a type             | {"type":"event_callback","event":{"user":"U1"}}                          | malformed request
            event whose user is an object    | {"type":"event_callback","event":{"type":"message","user":{}}}           | malformed request
            event whose bot id is a list     | {"type":"event_callback","event":{"type":"message","bot_id":[]}}         | malformed request
            event type ending in _           | {"type":"event_callback","event":{"type":"app_home_"}}                   | malformed request
            event subtype ending in _        | {"type":"event_callback","event":{"type":"message","subtype":"message_"}} | malformed request
            event with a plain subtype       | {"type":"event_callback","event":{"type":"message","subtype":"bot_message"}} | OK
            event whose field has a bad type | {"type":"event_callback","event":{"type":"app_home_opened","tab":[]}}    | malformed request
            """)
    void events(String name, String json, String problem) {
        // when / then
        assertEquals(Optional.ofNullable(problem), SlackBody.read(json).problem(RULE));
    }
}
