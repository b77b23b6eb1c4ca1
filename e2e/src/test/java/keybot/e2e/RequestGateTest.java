package keybot.e2e;

import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.SIGNING_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import keybot.bot.http.SlackEventsGate;
import keybot.bot.http.SlackSignature;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What cannot be a request from Slack is refused at the door, with a 4xx and a short reason, changing nothing. */
class RequestGateTest extends EndToEnd {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SUBMISSION = SlackPayloads.requestSubmission(REQUESTER, REF, "gate_key", "why", null);
    private static final String EVENT = "{\"token\":\"legacy\",\"team_id\":\"T0001\",\"api_app_id\":\"A0KEYBOT\","
            + "\"type\":\"event_callback\",\"event_id\":\"Ev0002\",\"event_time\":1700000000,\"event\":{\"type\":"
            + "\"app_home_opened\",\"user\":\"USTEVE\",\"channel\":\"D0REQUESTER\",\"tab\":\"home\","
            + "\"event_ts\":\"1700000000.000100\"}}";

    static Stream<Arguments> refusals() {
        byte[] submission = bytes(SUBMISSION);
        byte[] notUtf8 = {'p', 'a', 'y', 'l', 'o', 'a', 'd', '=', (byte) 0xC3, (byte) 0x28};
        return Stream.of(
                Arguments.of("GET", "GET", FORM, new byte[0], 405),
                Arguments.of("PUT", "PUT", FORM, submission, 405),
                Arguments.of("DELETE", "DELETE", FORM, new byte[0], 405),
                Arguments.of("PATCH", "PATCH", FORM, submission, 405),
                Arguments.of("no content type", "POST", null, submission, 415),
                Arguments.of("text/plain", "POST", "text/plain", submission, 415),
                Arguments.of("multipart", "POST", "multipart/form-data; boundary=x", submission, 415),
                Arguments.of("XML", "POST", "application/xml", submission, 415),
                Arguments.of("form in Latin-1", "POST", FORM + "; charset=ISO-8859-1", submission, 415),
                Arguments.of(
                        "JSON in a charset Java does not know",
                        "POST",
                        "application/json; charset=klingon",
                        bytes(EVENT),
                        415),
                Arguments.of("one byte over 64 KiB", "POST", FORM, new byte[SlackEventsGate.MAX_BODY_BYTES + 1], 413),
                Arguments.of("a megabyte", "POST", "application/json", new byte[1 << 20], 413),
                Arguments.of("empty body", "POST", FORM, new byte[0], 400),
                Arguments.of("not UTF-8", "POST", FORM, notUtf8, 400),
                Arguments.of("unsigned", "POST", FORM, submission, 401));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("refusals")
    void whatCannotBeFromSlackIsRefusedWithAReasonAndChangesNothing(
            String name, String method, String type, byte[] body, int status) {
        // given
        String before = keybot.databaseDump();
        // when
        var response = raw().send(method, type, body, Map.of());
        // then
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(response.body().startsWith("{\"error\":\""), response.body());
        if (status == 405) {
            assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
        }
        assertEquals(before, keybot.databaseDump());
    }

    @Test
    void aBodyThatHidesItsLengthIsCutOffAtTheLimit() {
        // when: 1 MiB streamed without a Content-Length
        var response = raw().sendChunked(FORM, new byte[1 << 20]);
        // then
        assertEquals(413, response.statusCode());
    }

    @Test
    void aClaimedHugeLengthIsRefusedBeforeAnyByteArrives() {
        // when: the headers promise a gigabyte and no body follows
        String status = raw().statusLineForClaimedLength(1L << 30);
        // then: answered at once, not after waiting for the body
        assertEquals("HTTP/1.1 413 Payload Too Large", status);
    }

    @Test
    void aSignedBodyOfExactlyTheLimitReachesTheListenerByteForByte() {
        // given: a click padded with an extra form field to exactly 64 KiB, signed over all of it
        String click = SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, "999999", keybot.responseUrl("limit"));
        String padded = click + "&pad=" + "x".repeat(SlackEventsGate.MAX_BODY_BYTES - click.length() - 5);
        assertEquals(SlackEventsGate.MAX_BODY_BYTES, padded.length());
        // when
        var response = signed(FORM, padded);
        // then: Bolt saw the same bytes (the signature still held) and the listener answered
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void jsonWithAnExplicitUtf8CharsetIsAccepted() {
        assertEquals(200, signed("Application/JSON; charset=\"UTF-8\"", EVENT).statusCode());
    }

    static Stream<Arguments> signedButUnreadable() {
        return Stream.of(
                Arguments.of("a form of no kind Slack sends", "hello=world"),
                Arguments.of("payload that is not JSON", "payload=%7Bnot+json"),
                Arguments.of("payload that is a JSON array", "payload=%5B1%2C2%5D"),
                Arguments.of("payload without a type", "payload=%7B%22user%22%3A%7B%7D%7D"),
                Arguments.of("payload whose type is an object", "payload=%7B%22type%22%3A%7B%7D%7D"),
                Arguments.of("payload with a broken percent escape", "payload=%7B%22type%22%3A%ZZ"),
                Arguments.of("JSON body that is not an event", "{\"type\":\"block_actions\"}"),
                Arguments.of("JSON body that is an array", "[1,2,3]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedButUnreadable")
    void aSignedBodyTheFrameworkCannotReadIsA400NotA500(String name, String body) {
        // given
        String before = keybot.databaseDump();
        String type = body.startsWith("{") || body.startsWith("[") ? "application/json" : FORM;
        // when
        var response = signed(type, body);
        // then
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(before, keybot.databaseDump());
    }

    @Test
    void slacksCertificateCheckIsAnsweredWithoutASignature() {
        assertEquals(
                200,
                raw().send("POST", FORM, bytes("ssl_check=1&token=legacy"), Map.of())
                        .statusCode());
    }

    @Test
    void refusalsNeedNoDatabase() throws Exception {
        // given a keybot of its own whose database is gone
        try (KeybotFixture doomed = new KeybotFixture()) {
            doomed.db.close();
            RawHttp door = new RawHttp(doomed.events());
            // when / then
            assertEquals(405, door.send("GET", FORM, new byte[0], Map.of()).statusCode());
            assertEquals(
                    415,
                    door.send("POST", "text/plain", bytes(SUBMISSION), Map.of()).statusCode());
            assertEquals(
                    413, door.send("POST", FORM, new byte[100_000], Map.of()).statusCode());
            assertEquals(400, door.send("POST", FORM, new byte[0], Map.of()).statusCode());
            assertEquals(
                    401, door.send("POST", FORM, bytes(SUBMISSION), Map.of()).statusCode());
        }
    }

    private static RawHttp raw() {
        return new RawHttp(keybot.events());
    }

    private static java.net.http.HttpResponse<String> signed(String type, String body) {
        long now = Instant.now().getEpochSecond();
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Slack-Request-Timestamp", String.valueOf(now));
        headers.put("X-Slack-Signature", new SlackSignature(SIGNING_SECRET).sign(now, body));
        return raw().send("POST", type, bytes(body), headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
