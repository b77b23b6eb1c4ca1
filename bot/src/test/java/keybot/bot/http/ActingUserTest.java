package keybot.bot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActingUserTest {

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
    void formBodies(String name, String body, boolean missing) {
        // when / then
        assertEquals(missing, ActingUser.isMissingIn(body));
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
    void interactionPayloads(String name, String json, boolean missing) {
        // given
        String body = "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
        // when / then
        assertEquals(missing, ActingUser.isMissingIn(body));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            app_home_opened                  | {"type":"event_callback","event":{"type":"app_home_opened","user":"U1"}}
            url_verification                 | {"type":"url_verification","challenge":"abc"}
            """)
    void eventsNeedNoActingUser(String name, String json) {
        // when / then
        assertEquals(false, ActingUser.isMissingIn(json));
    }
}
