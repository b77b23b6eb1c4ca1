package keybot.bot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackContentTypeTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            application/x-www-form-urlencoded                       | true
            application/json                                        | true
            Application/JSON                                        | true
            application/json; charset=utf-8                         | true
            application/json;charset="UTF-8"                        | true
            application/x-www-form-urlencoded; charset=UTF-8; x=y   | true
            NULL                                                    | false
            ''                                                      | false
            text/plain                                              | false
            multipart/form-data; boundary=xyz                       | false
            application/json-patch+json                             | false
            application/x-www-form-urlencoded; charset=iso-8859-1   | false
            application/json; charset=                              | false
            application/json; charset=klingon                       | false
            ;application/json                                       | false
            """)
    void onlyFormsAndJsonInUtf8AreAccepted(String contentType, boolean accepted) {
        // when / then
        assertEquals(accepted, SlackContentType.accepts(contentType));
    }
}
