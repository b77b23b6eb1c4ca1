package keybot.bot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Slack's published test vector, https://api.slack.com/authentication/verifying-requests-from-slack. */
class StrictSignatureTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long TS = 1531420618;
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private final StrictSignature strict = new StrictSignature(SECRET, clockAt(TS));

    @Test
    void theVectorBodyIsTheOneSlackPublished() {
        assertEquals(362, BODY.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void signerReproducesSlacksTestVector() {
        // when
        String signature = new SlackSignature(SECRET).sign(TS, BODY);

        // then
        assertEquals(EXPECTED, signature);
    }

    @Test
    void slacksTestVectorIsValidAtItsOwnTime() {
        // when / then
        assertTrue(strict.isValid(String.valueOf(TS), EXPECTED, BODY));
    }

    @Test
    void wrongSignatureIsRefused() {
        // given: the last hex digit changed
        String wrong = EXPECTED.substring(0, EXPECTED.length() - 1) + "4";

        // when / then
        assertFalse(strict.isValid(String.valueOf(TS), wrong, BODY));
    }

    @Test
    void signatureFromAnotherSecretIsRefused() {
        // given
        String other = new SlackSignature("another-secret").sign(TS, BODY);

        // when / then
        assertFalse(strict.isValid(String.valueOf(TS), other, BODY));
    }

    @Test
    void bodyWithATrailingNewlineIsRefused() {
        // when / then
        assertFalse(strict.isValid(String.valueOf(TS), EXPECTED, BODY + "\n"));
    }

    @Test
    void changedBodyIsRefused() {
        // when / then
        assertFalse(strict.isValid(String.valueOf(TS), EXPECTED, BODY.replace("U2CERLKJA", "UADMIN001")));
    }

    @ParameterizedTest(name = "signed {0} s from now")
    @ValueSource(longs = {-300, -299, -1, 0, 1, 299, 300})
    void signedWithinFiveMinutesEitherWayIsValid(long offset) {
        // given: a request signed (correctly) at now + offset
        long ts = TS + offset;
        String signature = new SlackSignature(SECRET).sign(ts, BODY);

        // when / then
        assertTrue(strict.isValid(String.valueOf(ts), signature, BODY));
    }

    @ParameterizedTest(name = "signed {0} s from now")
    @ValueSource(longs = {-301, 301, -600, 600, -86_400, 86_400})
    void signedMoreThanFiveMinutesAwayIsRefused(long offset) {
        // given: a correct signature, but for a timestamp too far in the past or the future
        long ts = TS + offset;
        String signature = new SlackSignature(SECRET).sign(ts, BODY);

        // when / then
        assertFalse(strict.isValid(String.valueOf(ts), signature, BODY));
    }

    @Test
    void missingTimestampIsRefused() {
        assertFalse(strict.isValid(null, EXPECTED, BODY));
    }

    @Test
    void missingSignatureIsRefused() {
        assertFalse(strict.isValid(String.valueOf(TS), null, BODY));
    }

    @Test
    void missingBodyIsRefused() {
        assertFalse(strict.isValid(String.valueOf(TS), EXPECTED, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abc",
                "1531420618.0",
                " 1531420618",
                "1531420618 ",
                "+1531420618",
                "-1531420618",
                "0x5B47A3CA",
                "1531420618000000"
            })
    void nonNumericTimestampIsRefused(String ts) {
        assertFalse(strict.isValid(ts, EXPECTED, BODY));
    }

    @Test
    void uppercaseHexSignatureIsRefused() {
        // given
        String upper = "v0=" + EXPECTED.substring(3).toUpperCase();

        // when / then
        assertFalse(strict.isValid(String.valueOf(TS), upper, BODY));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "v0=",
                "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503 "
            })
    void malformedSignatureIsRefused(String signature) {
        assertFalse(strict.isValid(String.valueOf(TS), signature, BODY));
    }

    @Test
    void signerNeverShowsTheSecret() {
        assertFalse(new SlackSignature(SECRET).toString().contains(SECRET));
    }

    private static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
