package keybot.bot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseUrlRuleTest {

    private final ResponseUrlRule rule = ResponseUrlRule.slackAnd(URI.create("http://127.0.0.1:8089/api/"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://hooks.slack.com/actions/T1/123/abc           | true
            HTTPS://HOOKS.SLACK.COM/commands/T1/1/x              | true
            http://127.0.0.1:8089/respond/e2e                    | true
            http://hooks.slack.com/actions/T1/123/abc            | false
            https://hooks.slack.com:8443/actions/T1/123/abc      | false
            https://hooks.slack.com.evil.example/actions         | false
            https://evil.example/?x=hooks.slack.com              | false
            https://user@hooks.slack.com/actions                 | false
            http://127.0.0.1:8090/respond                        | false
            http://localhost:8089/respond                        | false
            https://127.0.0.1:8089/respond                       | false
            http://169.254.169.254/latest/meta-data              | false
            ftp://hooks.slack.com/x                              | false
            file:///etc/passwd                                   | false
            not a url                                            | false
            /respond/relative                                    | false
            ''                                                   | false
            """)
    void onlySlacksHooksAndTheSlackApiHostMayReceiveAnswers(String url, boolean allowed) {
        // when / then
        assertEquals(allowed, rule.allows(url));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://slack.com/api/chat.postMessage     | true
            https://hooks.slack.com/actions/T1/1/x     | true
            https://slack.com:443/x                    | true
            http://slack.com/x                         | false
            """)
    void inProductionTheSlackApiHostIsSlacksOwn(String url, boolean allowed) {
        // given
        ResponseUrlRule production = ResponseUrlRule.slackAnd(URI.create("https://slack.com/api/"));
        // when / then
        assertEquals(allowed, production.allows(url));
    }
}
