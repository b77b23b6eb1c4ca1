package keybot.bot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackBodyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            command by a user                      | command=%2Frequest-key&user_id=U0123ABC&text=   | false
            command by a Grid user                 | command=%2Frequest-key&user_id=W0123ABC&text=   | false
            command without user_id                | command=%2Frequest-key&text=help                | true
            command with an empty user_id          | command=%2Frequest-key&user_id=&text=           | true
            command by a lowercase id              | command=%2Frequest-key&user_id=u0123abc         | true
            command by a channel id                | command=%2Frequest-key&user_id=C0123ABC         | true
            body of no kind Bolt routes            | hello=world                                     | false
            """)
    void formBodiesMustNameAUserWhenTheyAreCommands(String name, String body, boolean lacking) {
        // when / then
        assertEquals(lacking, SlackBody.read(body).lacksActingUser());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            click by a user                  | {"type":"block_actions","user":{"id":"UADMIN1"}}        | false
            click without a user             | {"type":"block_actions"}                                | true
            click whose user is a string     | {"type":"block_actions","user":"UADMIN1"}               | true
            click whose user has no id       | {"type":"block_actions","user":{"name":"bob"}}          | true
            click whose user id is a number  | {"type":"block_actions","user":{"id":7}}                | true
            click whose user id is an object | {"type":"block_actions","user":{"id":{}}}               | true
            click by an id with a newline    | {"type":"block_actions","user":{"id":"UADMIN1\\nU2"}}   | true
            form by a user                   | {"type":"view_submission","user":{"id":"USTEVE"}}       | false
            form of no type, without a user  | {"view":{}}                                             | true
            a JSON array                     | [1,2]                                                   | false
            """)
    void interactionsMustNameAUser(String name, String json, boolean lacking) {
        // when / then
        assertEquals(lacking, SlackBody.read(payload(json)).lacksActingUser());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            app_home_opened                  | {"type":"event_callback","event":{"type":"app_home_opened","user":"U1"}}
            url_verification                 | {"type":"url_verification","challenge":"abc"}
            """)
    void eventsNeedNoActingUserAndCarryNoResponseUrl(String name, String json) {
        // when
        SlackBody body = SlackBody.read(json);
        // then
        assertEquals(false, body.lacksActingUser());
        assertEquals(Optional.empty(), body.responseUrl());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            click                  | {"type":"block_actions","user":{"id":"U1X"},"response_url":"https://hooks.slack.com/a"} | https://hooks.slack.com/a
            click without one      | {"type":"block_actions","user":{"id":"U1X"}}                                          | NONE
            click with an object   | {"type":"block_actions","user":{"id":"U1X"},"response_url":{}}                        | NONE
            """)
    void theResponseUrlOfAnInteractionIsRead(String name, String json, String expected) {
        assertEquals(Optional.ofNullable(expected), SlackBody.read(payload(json)).responseUrl());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            command                | command=%2Frequest-key&user_id=U1X&response_url=https%3A%2F%2Fhooks.slack.com%2Fc | https://hooks.slack.com/c
            """)
    void theResponseUrlOfACommandIsRead(String name, String body, String expected) {
        assertEquals(Optional.of(expected), SlackBody.read(body).responseUrl());
    }

    private static String payload(String json) {
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }
}
